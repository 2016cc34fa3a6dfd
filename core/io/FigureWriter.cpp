#include "core/io/FigureWriter.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"
#include "core/data/PointIndex.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

namespace atomlens {
namespace {

/// Contrast limits at percentiles of the finite pixels.
std::pair<double, double> contrastLimits(const Image& image, double lowP, double highP) {
    std::vector<float> v;
    v.reserve(image.size());
    for (float p : image.pixels())
        if (std::isfinite(p)) v.push_back(p);
    if (v.empty()) return {0, 1};
    auto at = [&](double p) {
        const std::size_t k = std::min(v.size() - 1, std::size_t(p / 100 * double(v.size() - 1)));
        std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
        return double(v[k]);
    };
    const double lo = at(lowP), hi = at(highP);
    return {lo, hi > lo ? hi : lo + 1};
}

cv::Mat greyImage(const Image& image, const FigureOptions& o) {
    const auto [lo, hi] = contrastLimits(image, o.lowPercentile, o.highPercentile);
    cv::Mat grey(image.height(), image.width(), CV_8UC1);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const float v = image.at(x, y);
            grey.at<std::uint8_t>(y, x) =
                std::isfinite(v) ? std::uint8_t(std::clamp((v - lo) / (hi - lo), 0.0, 1.0) * 255 + 0.5) : 0;
        }
    return grey;
}

double autoRadius(const AtomTable& atoms) {
    // A third of the median nearest-neighbour distance over a sample of atoms.
    const std::size_t n = atoms.size();
    if (n < 2) return 4;
    const PointIndex index(atoms.xs(), atoms.ys());
    std::vector<double> nn;
    const std::size_t step = std::max<std::size_t>(1, n / 200);
    for (std::size_t i = 0; i < n; i += step) {
        double best = 1e300;
        for (std::uint32_t j : index.knn(atoms.xs()[i], atoms.ys()[i], 2))
            if (j != i)
                best =
                    std::min(best, std::hypot(atoms.xs()[i] - atoms.xs()[j], atoms.ys()[i] - atoms.ys()[j]));
        nn.push_back(best);
    }
    std::nth_element(nn.begin(), nn.begin() + std::ptrdiff_t(nn.size() / 2), nn.end());
    return std::clamp(nn[nn.size() / 2] / 3, 1.5, 50.0);
}

struct ScaleBar {
    double lengthPx = 0; // image pixels
    std::string label;
};

ScaleBar scaleBarFor(const Calibration& c, int width) {
    const bool calibrated = c.isCalibrated();
    const double perPx = calibrated ? c.pixelSizeX : 1.0;
    const double target = perPx * width * 0.2;
    const double p = std::pow(10.0, std::floor(std::log10(target)));
    double nice = p;
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= target) {
            nice = m * p;
            break;
        }
    std::ostringstream label;
    label << nice << ' ' << (calibrated ? c.unit : std::string("px"));
    return {nice / perPx, label.str()};
}

std::vector<int> usedClasses(const AtomTable& atoms) {
    std::vector<int> used;
    for (auto c : atoms.classIds())
        if (std::find(used.begin(), used.end(), c) == used.end()) used.push_back(c);
    std::sort(used.begin(), used.end());
    return used;
}

std::string legendName(const AtomTable& atoms, int classId) {
    return classId < 0 ? std::string("atom") : atoms.className(classId);
}

std::string xmlEscaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else if (c == '"')
            out += "&quot;";
        else
            out += c;
    }
    return out;
}

int figureScale(const Image& image, const FigureOptions& o) {
    if (o.scale > 0) return o.scale;
    return std::clamp(1600 / std::max(1, std::max(image.width(), image.height())), 1, 8);
}

} // namespace

std::array<std::uint8_t, 3> classColour(int classId) {
    // Class 3 is white (the "empty" class of the MoS2 models, like the empty-site marks) and no class is
    // green, so unclassified atoms, empty sites and every class stay apart.
    static const std::array<std::uint8_t, 3> palette[] = {{255, 80, 80},   {80, 200, 255},  {255, 210, 60},
                                                          {255, 255, 255}, {230, 120, 255}, {255, 150, 50},
                                                          {90, 120, 255},  {255, 100, 180}};
    if (classId < 0) return {0, 230, 120};
    return palette[classId % 8];
}

void writeFigurePng(const Image& image, const Calibration& calibration, const AtomTable& atoms,
                    const FigureOptions& o, const std::string& path) {
    if (image.empty()) throw InputError(path, "cannot draw a figure of an empty image");
    const int s = figureScale(image, o);
    cv::Mat grey = greyImage(image, o), big, canvas;
    cv::resize(grey, big, cv::Size(), s, s, s > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
    cv::cvtColor(big, canvas, cv::COLOR_GRAY2BGR);
    const double r = (o.atomRadius > 0 ? o.atomRadius : autoRadius(atoms)) * s;
    const int thickness = std::max(1, int(std::lround(r / 5)));
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const auto c = classColour(atoms.classIds()[i]);
        const cv::Scalar bgr(c[2], c[1], c[0]);
        const cv::Point2d centre((atoms.xs()[i] + 0.5) * s - 0.5, (atoms.ys()[i] + 0.5) * s - 0.5);
        const int shift = 4; // sub-pixel drawing
        const cv::Point p(int(std::lround(centre.x * 16)), int(std::lround(centre.y * 16)));
        if (atoms.flags()[i] & kFlagEmptySite)
            cv::rectangle(canvas, p - cv::Point(int(r * 16), int(r * 16)),
                          p + cv::Point(int(r * 16), int(r * 16)), bgr, thickness, cv::LINE_AA, shift);
        else
            cv::circle(canvas, p, int(r * 16), bgr, thickness, cv::LINE_AA, shift);
    }
    const int margin = std::max(10, canvas.cols / 60);
    const double font = std::max(0.5, canvas.cols / 1400.0);
    if (o.scaleBar) {
        const ScaleBar bar = scaleBarFor(calibration, image.width());
        const int len = int(bar.lengthPx * s), h = std::max(4, canvas.rows / 120);
        const cv::Point a(margin, canvas.rows - margin - h);
        cv::rectangle(canvas, a - cv::Point(6, int(34 * font)), a + cv::Point(len + 6, h + 6),
                      cv::Scalar(0, 0, 0), cv::FILLED);
        cv::rectangle(canvas, a, a + cv::Point(len, h), cv::Scalar(255, 255, 255), cv::FILLED);
        cv::putText(canvas, bar.label, a + cv::Point(0, -int(10 * font)), cv::FONT_HERSHEY_SIMPLEX, font,
                    cv::Scalar(255, 255, 255), std::max(1, int(font * 1.5)), cv::LINE_AA);
    }
    if (o.legend && !atoms.empty()) {
        const auto used = usedClasses(atoms);
        const int lineH = int(30 * font), boxW = int(190 * font);
        cv::Point topLeft(canvas.cols - margin - boxW, margin);
        cv::rectangle(canvas, topLeft, topLeft + cv::Point(boxW, lineH * int(used.size()) + 10),
                      cv::Scalar(0, 0, 0), cv::FILLED);
        for (std::size_t k = 0; k < used.size(); ++k) {
            const auto c = classColour(used[k]);
            const cv::Point row = topLeft + cv::Point(12, 8 + lineH * int(k) + lineH / 2);
            cv::circle(canvas, row + cv::Point(6, 0), int(8 * font), cv::Scalar(c[2], c[1], c[0]), 2,
                       cv::LINE_AA);
            cv::putText(canvas, legendName(atoms, used[k]), row + cv::Point(int(26 * font), int(7 * font)),
                        cv::FONT_HERSHEY_SIMPLEX, font * 0.8, cv::Scalar(255, 255, 255), 1, cv::LINE_AA);
        }
    }
    if (!o.title.empty())
        cv::putText(canvas, o.title, cv::Point(margin, margin + int(20 * font)), cv::FONT_HERSHEY_SIMPLEX,
                    font, cv::Scalar(255, 255, 255), std::max(1, int(font * 1.5)), cv::LINE_AA);
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::vector<std::uint8_t> bytes;
        if (!cv::imencode(".png", canvas, bytes)) throw InputError(path, "cannot encode the PNG figure");
        std::ofstream out(tmp, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
        if (!out) throw InputError(path, "cannot write the figure (disk full or no permission?)");
    });
}

void writeFigureSvg(const Image& image, const Calibration& calibration, const AtomTable& atoms,
                    const FigureOptions& o, const std::string& path) {
    if (image.empty()) throw InputError(path, "cannot draw a figure of an empty image");
    std::vector<std::uint8_t> png;
    cv::imencode(".png", greyImage(image, o), png);
    static const char* b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string encoded;
    for (std::size_t i = 0; i < png.size(); i += 3) {
        const std::uint32_t v = std::uint32_t(png[i]) << 16 |
                                (i + 1 < png.size() ? std::uint32_t(png[i + 1]) << 8 : 0) |
                                (i + 2 < png.size() ? png[i + 2] : 0);
        encoded += b64[(v >> 18) & 63];
        encoded += b64[(v >> 12) & 63];
        encoded += i + 1 < png.size() ? b64[(v >> 6) & 63] : '=';
        encoded += i + 2 < png.size() ? b64[v & 63] : '=';
    }
    const int w = image.width(), h = image.height();
    const double r = o.atomRadius > 0 ? o.atomRadius : autoRadius(atoms);
    std::ostringstream svg;
    svg << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
        << "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"" << w * 2 << "\" height=\"" << h * 2
        << "\" viewBox=\"-0.5 -0.5 " << w << ' ' << h << "\">\n";
    svg << "<image x=\"-0.5\" y=\"-0.5\" width=\"" << w << "\" height=\"" << h
        << "\" style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64," << encoded
        << "\"/>\n<g fill=\"none\" stroke-width=\"" << r / 5 << "\">\n";
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const auto c = classColour(atoms.classIds()[i]);
        const double x = atoms.xs()[i], y = atoms.ys()[i];
        svg << "<" << ((atoms.flags()[i] & kFlagEmptySite) ? "rect" : "circle");
        if (atoms.flags()[i] & kFlagEmptySite)
            svg << " x=\"" << x - r << "\" y=\"" << y - r << "\" width=\"" << 2 * r << "\" height=\"" << 2 * r
                << "\"";
        else
            svg << " cx=\"" << x << "\" cy=\"" << y << "\" r=\"" << r << "\"";
        svg << " stroke=\"rgb(" << int(c[0]) << ',' << int(c[1]) << ',' << int(c[2]) << ")\"><title>id "
            << atoms.ids()[i] << ' ' << xmlEscaped(legendName(atoms, atoms.classIds()[i])) << "</title></"
            << ((atoms.flags()[i] & kFlagEmptySite) ? "rect" : "circle") << ">\n";
    }
    svg << "</g>\n";
    const double fontSize = std::max(w, h) / 40.0;
    if (o.scaleBar) {
        const ScaleBar bar = scaleBarFor(calibration, w);
        const double y0 = h - fontSize * 1.2;
        svg << "<rect x=\"" << fontSize * 0.6 << "\" y=\"" << y0 - fontSize * 1.6 << "\" width=\""
            << bar.lengthPx + fontSize * 0.8 << "\" height=\"" << fontSize * 2.3
            << "\" fill=\"black\" fill-opacity=\"0.6\"/>\n";
        svg << "<rect x=\"" << fontSize << "\" y=\"" << y0 << "\" width=\"" << bar.lengthPx << "\" height=\""
            << fontSize * 0.35 << "\" fill=\"white\"/>\n<text x=\"" << fontSize << "\" y=\""
            << y0 - fontSize * 0.3 << "\" font-family=\"sans-serif\" font-size=\"" << fontSize
            << "\" fill=\"white\">" << xmlEscaped(bar.label) << "</text>\n";
    }
    if (o.legend && !atoms.empty()) {
        const auto used = usedClasses(atoms);
        const double x0 = w - fontSize * 8, lineH = fontSize * 1.4;
        svg << "<rect x=\"" << x0 - fontSize * 0.5 << "\" y=\"" << fontSize * 0.5 << "\" width=\""
            << fontSize * 7.8 << "\" height=\"" << lineH * double(used.size()) + fontSize * 0.6
            << "\" fill=\"black\" fill-opacity=\"0.6\"/>\n";
        for (std::size_t k = 0; k < used.size(); ++k) {
            const auto c = classColour(used[k]);
            const double y = fontSize * 1.5 + lineH * double(k);
            svg << "<circle cx=\"" << x0 + fontSize * 0.4 << "\" cy=\"" << y - fontSize * 0.35 << "\" r=\""
                << fontSize * 0.4 << "\" fill=\"none\" stroke-width=\"" << fontSize * 0.12
                << "\" stroke=\"rgb(" << int(c[0]) << ',' << int(c[1]) << ',' << int(c[2])
                << ")\"/><text x=\"" << x0 + fontSize * 1.2 << "\" y=\"" << y
                << "\" font-family=\"sans-serif\" font-size=\"" << fontSize << "\" fill=\"white\">"
                << xmlEscaped(legendName(atoms, used[k])) << "</text>\n";
        }
    }
    svg << "</svg>\n";
    const std::string text = svg.str();
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out) throw InputError(path, "cannot write the SVG figure");
    });
}

} // namespace atomlens
