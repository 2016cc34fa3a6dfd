#pragma once
#include "core/data/Image.h"

#include <vector>

namespace atomlens {

/// A point in pixels (pixel-centre convention).
struct PixelPoint {
    double x = 0, y = 0;
};

/// Robust per-image scaling the FCN expects: (v - p1) / (p99.5 - p1) with percentiles from a
/// deterministic subsample, so raw counts, uint16 or calibrated floats all look alike. NaNs become 0.
Image normaliseForFcn(const Image& raw);

/// Target discs: radius min(2.2, 0.4 x nearest-neighbour distance) px around each atom.
Image atomTargetMask(int width, int height, const std::vector<PixelPoint>& atoms);

} // namespace atomlens
