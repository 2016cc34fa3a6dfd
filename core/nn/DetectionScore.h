#pragma once
#include "core/nn/FcnScenes.h"

#include <string>
#include <vector>

namespace atomlens {

/// Precision / recall / F1 of detected positions against true ones.
struct MatchScore {
    int truePositives = 0, falsePositives = 0, falseNegatives = 0;
    double precision = 0, recall = 0, f1 = 0;
    double meanError = 0; ///< mean distance of matched pairs, px
};

/// One-to-one matching within `tolerance` px: all pairs closer than the tolerance, taken in order of
/// increasing distance (for tolerances under half the nearest-neighbour spacing this equals the
/// Hungarian assignment). `truthMatch`, when given, receives for each truth point the index of its
/// detection or -1.
MatchScore scoreDetections(const std::vector<Point2>& detected, const std::vector<Point2>& truth,
                           double tolerance, std::vector<int>* truthMatch = nullptr);

/// Per-class scores: recall over the truth points of the class; precision over the detections
/// attributed to the class (a matched detection takes its truth point's class, an unmatched one the
/// class of the nearest truth point within 3 x tolerance; farther ones count for no class).
MatchScore scoreDetectionsOfClass(const std::vector<Point2>& detected, const std::vector<Point2>& truth,
                                  const std::vector<std::string>& truthClass, const std::string& cls,
                                  double tolerance);

} // namespace atomlens
