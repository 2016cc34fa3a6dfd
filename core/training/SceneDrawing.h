#pragma once
// Drawing helpers shared by the FCN's training scenes (FcnScenes, SupportScenes).
#include "core/base/Random.h"
#include "core/data/Image.h"

#include <algorithm>
#include <cmath>

namespace atomlens::scenes {

/// A value spread evenly in log between lo and hi.
inline double logUniform(Random& rng, double lo, double hi) {
    return std::exp(rng.uniform(std::log(lo), std::log(hi)));
}

/// Adds a Gaussian blob of peak `amplitude` to an image, within 4 sigma.
inline void addBlob(Image& image, double x, double y, double sigma, double amplitude) {
    const int r = int(std::ceil(4 * sigma));
    const int x0 = std::max(0, int(std::floor(x)) - r),
              x1 = std::min(image.width() - 1, int(std::ceil(x)) + r);
    const int y0 = std::max(0, int(std::floor(y)) - r),
              y1 = std::min(image.height() - 1, int(std::ceil(y)) + r);
    const double k = -0.5 / (sigma * sigma);
    for (int py = y0; py <= y1; ++py)
        for (int px = x0; px <= x1; ++px) {
            const double d2 = (px - x) * (px - x) + (py - y) * (py - y);
            image.at(px, py) += float(amplitude * std::exp(k * d2));
        }
}

} // namespace atomlens::scenes
