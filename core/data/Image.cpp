#include "core/data/Image.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace atomlens {

Image::Image(int width, int height, float fill) {
    if (width < 0 || height < 0)
        throw std::invalid_argument("image size must not be negative (" + std::to_string(width) + "x" +
                                    std::to_string(height) + ")");
    if (std::int64_t(width) * std::int64_t(height) > kMaxPixels)
        throw std::invalid_argument("image of " + std::to_string(width) + "x" + std::to_string(height) +
                                    " pixels is larger than the supported maximum");
    m_width = width;
    m_height = height;
    m_pixels.assign(std::size_t(width) * std::size_t(height), fill);
}

float Image::sample(double x, double y) const {
    if (empty()) return 0.0f;
    x = std::clamp(x, 0.0, double(m_width - 1));
    y = std::clamp(y, 0.0, double(m_height - 1));
    const int x0 = std::min(int(x), m_width - 1), y0 = std::min(int(y), m_height - 1);
    const int x1 = std::min(x0 + 1, m_width - 1), y1 = std::min(y0 + 1, m_height - 1);
    const double fx = x - x0, fy = y - y0;
    const double top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
    const double bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
    return float(top * (1 - fy) + bottom * fy);
}

ImageStats imageStats(const Image& image) {
    ImageStats s;
    if (image.empty()) return s;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, sum = 0;
    for (float v : image.pixels()) {
        if (!std::isfinite(v)) ++s.nonFinite;
        sum += v;
        lo = std::min(lo, double(v));
        hi = std::max(hi, double(v));
    }
    s.sum = sum;
    s.mean = sum / double(image.size());
    s.min = lo;
    s.max = hi;
    return s;
}

} // namespace atomlens
