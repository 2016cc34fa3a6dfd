#include "core/detect/DetectionOverlay.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <vector>

namespace atomlens {

void writeDetectionOverlay(const Image& image, const AtomTable& atoms, const std::string& path,
                           const OverlayStyle& style, const std::vector<OverlayMark>& marks) {
    if (image.empty()) throw InputError(path, "cannot draw an overlay of an empty image");
    std::vector<float> finite;
    finite.reserve(image.size());
    for (float v : image.pixels())
        if (std::isfinite(v)) finite.push_back(v);
    float lo = 0, hi = 1;
    if (!finite.empty()) {
        auto at = [&](double pct) {
            auto it = finite.begin() +
                      std::ptrdiff_t(std::clamp(pct / 100.0, 0.0, 1.0) * double(finite.size() - 1));
            std::nth_element(finite.begin(), it, finite.end());
            return *it;
        };
        lo = at(style.lowPercentile), hi = at(style.highPercentile);
        if (!(hi > lo)) hi = lo + 1;
    }
    cv::Mat grey(image.height(), image.width(), CV_8U);
    for (int y = 0; y < image.height(); ++y) {
        const float* src = image.row(y);
        auto* dst = grey.ptr<unsigned char>(y);
        for (int x = 0; x < image.width(); ++x)
            dst[x] = std::isfinite(src[x])
                         ? cv::saturate_cast<unsigned char>(255.0f * (src[x] - lo) / (hi - lo))
                         : 0;
    }
    const int longest = std::max(image.width(), image.height());
    const double scale = style.maxSize > 0 && longest > style.maxSize ? double(style.maxSize) / longest
                         : style.maxSize <= 0 && style.upscale > 1    ? std::min(style.upscale, 8.0)
                                                                      : 1.0;
    if (scale > 1.0)
        cv::resize(grey, grey, cv::Size(int(image.width() * scale), int(image.height() * scale)), 0, 0,
                   cv::INTER_NEAREST);
    else if (scale < 1.0)
        cv::resize(
            grey, grey,
            cv::Size(std::max(1, int(image.width() * scale)), std::max(1, int(image.height() * scale))), 0, 0,
            cv::INTER_AREA);
    cv::Mat picture;
    cv::cvtColor(grey, picture, cv::COLOR_GRAY2BGR);
    const int shift = 4; // sub-pixel drawing: coordinates in 1/16 pixel
    for (std::size_t r = 0; r < atoms.size(); ++r) {
        const std::uint32_t flags = atoms.flags()[r];
        const double sigma = atoms.sigmas()[r] > 0 ? atoms.sigmas()[r] : 2.0;
        const double radius = std::max(2.0, (style.radius > 0 ? style.radius : 1.5 * sigma) * scale);
        const cv::Scalar colour = (flags & kFlagRejected)    ? cv::Scalar(150, 150, 150)
                                  : (flags & kFlagFitFailed) ? cv::Scalar(0, 140, 255)
                                                             : cv::Scalar(60, 220, 60);
        // Pixel centres sit on integer coordinates; the scaled picture's centres at (i + 0.5) / scale - 0.5.
        const double px = (atoms.xs()[r] + 0.5) * scale - 0.5, py = (atoms.ys()[r] + 0.5) * scale - 0.5;
        cv::circle(picture, cv::Point(int(std::lround(px * 16)), int(std::lround(py * 16))),
                   int(std::lround(radius * 16)), colour, 1, cv::LINE_AA, shift);
    }
    for (const OverlayMark& m : marks) {
        const double px = (m.x + 0.5) * scale - 0.5, py = (m.y + 0.5) * scale - 0.5;
        const double radius = std::max(1.5, m.radius * scale);
        const cv::Scalar colour(m.b, m.g, m.r);
        const cv::Point c(int(std::lround(px * 16)), int(std::lround(py * 16)));
        if (m.cross) {
            const int d = int(std::lround(radius * 16 * 0.7));
            cv::line(picture, c + cv::Point(-d, -d), c + cv::Point(d, d), colour, 1, cv::LINE_AA, shift);
            cv::line(picture, c + cv::Point(-d, d), c + cv::Point(d, -d), colour, 1, cv::LINE_AA, shift);
        } else {
            cv::circle(picture, c, int(std::lround(radius * 16)), colour, 1, cv::LINE_AA, shift);
        }
    }
    std::vector<unsigned char> png;
    if (!cv::imencode(".png", picture, png)) throw InputError(path, "cannot encode the overlay as PNG");
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out.write(reinterpret_cast<const char*>(png.data()), std::streamsize(png.size()));
        out.close();
        if (!out) throw InputError(path, "cannot write the overlay (disk full or no permission?)");
    });
}

} // namespace atomlens
