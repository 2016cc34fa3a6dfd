#include "core/nn/FcnInput.h"

#include <algorithm>
#include <cmath>

namespace atomlens {

Image normaliseForFcn(const Image& raw) {
    Image out(raw.width(), raw.height());
    if (raw.empty()) return out;
    const std::size_t n = raw.size(), stride = std::max<std::size_t>(1, n / 262144);
    std::vector<float> sample;
    sample.reserve(n / stride + 1);
    for (std::size_t i = 0; i < n; i += stride)
        if (std::isfinite(raw.data()[i])) sample.push_back(raw.data()[i]);
    if (sample.empty()) return out;
    auto quantile = [&](double q) {
        const std::size_t k = std::min(sample.size() - 1, std::size_t(q * double(sample.size() - 1)));
        std::nth_element(sample.begin(), sample.begin() + std::ptrdiff_t(k), sample.end());
        return double(sample[k]);
    };
    const double lo = quantile(0.01), hi = quantile(0.995);
    const double scale = hi > lo ? 1.0 / (hi - lo) : 1.0;
    for (std::size_t i = 0; i < n; ++i) {
        const float v = raw.data()[i];
        out.data()[i] = std::isfinite(v) ? float((v - lo) * scale) : 0.0f;
    }
    return out;
}

Image atomTargetMask(int width, int height, const std::vector<Point2>& atoms) {
    Image mask(width, height);
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        double nearest2 = 1e30;
        for (std::size_t j = 0; j < atoms.size(); ++j)
            if (j != i)
                nearest2 = std::min(nearest2, (atoms[i].x - atoms[j].x) * (atoms[i].x - atoms[j].x) +
                                                  (atoms[i].y - atoms[j].y) * (atoms[i].y - atoms[j].y));
        const double r = std::min(2.2, 0.4 * std::sqrt(nearest2)), r2 = r * r;
        const int x0 = std::max(0, int(std::floor(atoms[i].x - r))),
                  x1 = std::min(width - 1, int(std::ceil(atoms[i].x + r)));
        const int y0 = std::max(0, int(std::floor(atoms[i].y - r))),
                  y1 = std::min(height - 1, int(std::ceil(atoms[i].y + r)));
        bool any = false;
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                if ((x - atoms[i].x) * (x - atoms[i].x) + (y - atoms[i].y) * (y - atoms[i].y) <= r2)
                    mask.at(x, y) = 1, any = true;
        // A very close pair still marks the pixel the atom sits on.
        const int cx = int(std::lround(atoms[i].x)), cy = int(std::lround(atoms[i].y));
        if (!any && cx >= 0 && cy >= 0 && cx < width && cy < height) mask.at(cx, cy) = 1;
    }
    return mask;
}

} // namespace atomlens
