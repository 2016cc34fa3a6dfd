#include "core/describe/MotifMap.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"
#include "core/describe/Descriptors.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <fstream>

namespace atomlens {

void writeMotifMap(const std::string& path, const Image& image, const LatticeGraph& g, const MotifResult& m,
                   int maxSide) {
    const Image norm = normalisedImage(image);
    cv::Mat grey(image.height(), image.width(), CV_8U);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            grey.at<std::uint8_t>(y, x) =
                cv::saturate_cast<std::uint8_t>(255.0 * std::clamp(norm.at(x, y), 0.f, 1.f));
    const double scale = std::min(1.0, double(maxSide) / std::max(image.width(), image.height()));
    cv::Mat small;
    cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
    cv::GaussianBlur(small, small, cv::Size(0, 0), 0.6);
    small = small / 16 * 16; // light blur and posterising keep the PNG small
    cv::Mat base, overlay;
    cv::cvtColor(small, base, cv::COLOR_GRAY2BGR);
    overlay = base.clone();
    static const cv::Scalar colours[] = {{180, 180, 180}, {40, 40, 230},  {230, 120, 30}, {40, 180, 40},
                                         {0, 200, 230},   {200, 40, 200}, {30, 90, 160},  {160, 160, 0}};
    const int shift = 4;
    const double s = scale * (1 << shift);
    auto pt = [&](std::size_t i) { return cv::Point(int((g.x[i] + 0.5) * s), int((g.y[i] + 0.5) * s)); };
    for (std::size_t r = 0; r < g.ringCount() && r < m.ringLabels.size(); ++r) {
        if (m.ringLabels[r] < 0) continue;
        std::vector<cv::Point> poly;
        for (auto k = g.ringOffsets[r]; k < g.ringOffsets[r + 1]; ++k) poly.push_back(pt(g.ringNodes[k]));
        cv::fillPoly(overlay, std::vector<std::vector<cv::Point>>{poly}, colours[m.ringLabels[r] % 8],
                     cv::LINE_8, shift);
    }
    cv::addWeighted(overlay, 0.45, base, 0.55, 0, base);
    for (std::size_t i = 0; i < g.nodeCount(); ++i)
        cv::circle(base, pt(i), std::max(1, int(0.12 * g.bondLength * scale)) << shift,
                   g.isEmptySite(i) ? cv::Scalar(0, 0, 255) : cv::Scalar(20, 20, 20), cv::FILLED, cv::LINE_8,
                   shift);
    std::vector<std::uint8_t> png;
    if (!cv::imencode(".png", base, png, {cv::IMWRITE_PNG_COMPRESSION, 9}))
        throw InputError(path, "cannot encode PNG");
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out.write(reinterpret_cast<const char*>(png.data()), std::streamsize(png.size()));
        if (!out) throw InputError(path, "cannot write");
    });
}

} // namespace atomlens
