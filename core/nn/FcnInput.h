#pragma once
#include "core/data/Image.h"
#include "core/data/Point2.h"

#include <vector>

namespace atomlens {

/// Robust per-image scaling the FCN expects: (v - p1) / (p99.5 - p1) with percentiles from a
/// deterministic subsample, so raw counts, uint16 or calibrated floats all look alike. NaNs become 0.
Image normaliseForFcn(const Image& raw);

/// Target discs: radius min(2.2, 0.4 x nearest-neighbour distance) px around each atom.
Image atomTargetMask(int width, int height, const std::vector<Point2>& atoms);

} // namespace atomlens
