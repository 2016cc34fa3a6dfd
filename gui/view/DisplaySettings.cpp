#include "gui/view/DisplaySettings.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace atomlens::gui {
namespace {

using Lut = std::array<QRgb, 256>;

QRgb lerpColour(const std::vector<std::array<double, 4>>& stops, double t) {
    for (std::size_t i = 1; i < stops.size(); ++i)
        if (t <= stops[i][0]) {
            const auto& a = stops[i - 1];
            const auto& b = stops[i];
            const double f = (t - a[0]) / std::max(1e-9, b[0] - a[0]);
            return qRgb(int(a[1] + f * (b[1] - a[1])), int(a[2] + f * (b[2] - a[2])),
                        int(a[3] + f * (b[3] - a[3])));
        }
    return qRgb(int(stops.back()[1]), int(stops.back()[2]), int(stops.back()[3]));
}

Lut makeLut(const QString& name) {
    Lut lut{};
    std::vector<std::array<double, 4>> stops;
    if (name == QLatin1String("inferno"))
        stops = {
            {0, 0, 0, 4}, {0.25, 87, 16, 110}, {0.5, 188, 55, 84}, {0.75, 249, 142, 9}, {1, 252, 255, 164}};
    else if (name == QLatin1String("viridis"))
        stops = {
            {0, 68, 1, 84}, {0.25, 59, 82, 139}, {0.5, 33, 145, 140}, {0.75, 94, 201, 98}, {1, 253, 231, 37}};
    else if (name == QLatin1String("fire"))
        stops = {{0, 0, 0, 0}, {0.4, 180, 0, 0}, {0.7, 255, 150, 0}, {1, 255, 255, 255}};
    else
        stops = {{0, 0, 0, 0}, {1, 255, 255, 255}};
    for (int i = 0; i < 256; ++i) lut[std::size_t(i)] = lerpColour(stops, i / 255.0);
    return lut;
}

} // namespace

DisplaySettings DisplaySettings::autoContrast(const Image& image, double lowPercentile,
                                              double highPercentile) {
    DisplaySettings s;
    std::vector<float> values;
    values.reserve(std::min<std::size_t>(image.size(), 1u << 20));
    const std::size_t step = std::max<std::size_t>(1, image.size() / (1u << 20)); // subsample huge images
    for (std::size_t i = 0; i < image.size(); i += step)
        if (std::isfinite(image.data()[i])) values.push_back(image.data()[i]);
    if (values.empty()) return s;
    auto at = [&](double p) {
        const std::size_t k = std::min(values.size() - 1, std::size_t(p / 100.0 * double(values.size() - 1)));
        std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
        return double(values[k]);
    };
    s.low = at(lowPercentile);
    s.high = at(highPercentile);
    if (s.high <= s.low) s.high = s.low + 1;
    return s;
}

QStringList DisplaySettings::colourMaps() {
    return {QStringLiteral("grey"), QStringLiteral("inferno"), QStringLiteral("viridis"),
            QStringLiteral("fire")};
}

QString DisplaySettings::colourMapLabel(const QString& name) {
    // The keys stay English in projects; lupdate finds the shown names here.
    static const char* const labels[] = {
        QT_TRANSLATE_NOOP("DisplaySettings", "grey"), QT_TRANSLATE_NOOP("DisplaySettings", "inferno"),
        QT_TRANSLATE_NOOP("DisplaySettings", "viridis"), QT_TRANSLATE_NOOP("DisplaySettings", "fire")};
    for (const char* label : labels)
        if (name == QLatin1String(label)) return QCoreApplication::translate("DisplaySettings", label);
    return name;
}

QImage renderImage(const Image& image, const DisplaySettings& s) {
    QImage out(image.width(), image.height(), QImage::Format_RGB32);
    const Lut lut = makeLut(s.colourMap);
    const double scale = 1.0 / std::max(1e-30, s.high - s.low);
    const bool linear = std::fabs(s.gamma - 1.0) < 1e-9;
    for (int y = 0; y < image.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
        const float* src = image.row(y);
        for (int x = 0; x < image.width(); ++x) {
            const float v = src[x];
            if (!std::isfinite(v)) {
                line[x] = qRgb(0, 0, 0);
                continue;
            }
            double t = std::clamp((v - s.low) * scale, 0.0, 1.0);
            if (!linear) t = std::pow(t, 1.0 / s.gamma);
            line[x] = lut[std::size_t(t * 255.0 + 0.5)];
        }
    }
    return out;
}

} // namespace atomlens::gui
