#pragma once
#include "core/data/Image.h"
#include "core/job/JobContext.h"

#include <vector>

namespace atomlens {

/// A local maximum of a filtered image.
struct Peak {
    double x = 0, y = 0; ///< sub-pixel position from a parabola through the 3x3 neighbourhood
    float height = 0;    ///< filtered value at the maximum pixel
};

/// Local maxima (3x3) of `response` above `threshold`, at least `minSeparation` pixels apart (Euclidean;
/// of two closer maxima the higher survives, except that maxima on the image's outermost rows and columns
/// - often the cut flank of a column outside the field - yield to interior ones). Plateaus give one
/// peak. Sorted by decreasing height, interior maxima before border ones.
/// Parallel over image bands; checks job for cancellation.
std::vector<Peak> findPeaks(const Image& response, double threshold, double minSeparation, JobContext& job);

} // namespace atomlens
