#pragma once
#include "core/data/Point2.h"

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace atomlens {

/// One-to-one assignment of detections to true positions.
struct PointMatching {
    std::vector<std::pair<std::size_t, std::size_t>> pairs; ///< (detected index, truth index)
    std::vector<std::size_t> unmatchedDetected, unmatchedTruth;
};

/// Optimal matching within `tolerance` pixels: the most pairs, and among those the smallest sum of
/// squared distances. Points are split into connected components of the "within tolerance" graph
/// (grid hashing) and each component is solved exactly by the O(n^3) Hungarian algorithm, so 10^5
/// points take milliseconds. Throws std::invalid_argument for a tolerance <= 0 or when a component
/// exceeds 5000 points (the tolerance is then larger than the point spacing).
PointMatching matchPoints(const std::vector<Point2>& detected, const std::vector<Point2>& truth,
                          double tolerance);

/// Minimum-cost assignment on a dense rows x cols cost matrix (row-major): every row of the smaller
/// side gets a distinct partner. Returns the column of each row, -1 for rows left over.
std::vector<int> hungarianAssignment(const std::vector<double>& cost, int rows, int cols);

/// Detection quality of one matching.
struct DetectionScore {
    std::size_t truePositives = 0, falsePositives = 0, falseNegatives = 0;
    double precision = 0, recall = 0, f1 = 0;
    double rmsError = 0;         ///< radial RMS distance of matched pairs, px: sqrt(mean(dx^2 + dy^2))
    double rmsPerAxis = 0;       ///< rmsError / sqrt(2), comparable with a per-axis Cramer-Rao bound
    double biasX = 0, biasY = 0; ///< mean detected - true, px
};

/// Scores a matching (precision = TP / detections, recall = TP / truth; 1 when a side is empty and
/// nothing was missed or invented).
DetectionScore scoreMatching(const PointMatching& matching, const std::vector<Point2>& detected,
                             const std::vector<Point2>& truth);

/// Points near the image border: a column centred just outside the field still shows a bright edge
/// that a detector finds, while truth lists only centres inside. Unmatched points within `margin` px
/// of the border are left out of the counts (pairs always count). width = 0 disables it.
struct ScoringBorder {
    double width = 0, height = 0, margin = 0;
    bool contains(const Point2& p) const {
        return width <= 0 ||
               (p.x >= margin && p.y >= margin && p.x <= width - 1 - margin && p.y <= height - 1 - margin);
    }
};

/// Removes the unmatched points that lie in the border band (see ScoringBorder).
void dropBorderMisses(PointMatching& matching, const std::vector<Point2>& detected,
                      const std::vector<Point2>& truth, const ScoringBorder& border);

/// Scores per truth class. Detections are matched against every truth point whose class is not in
/// `ignored` (e.g. "empty" sites, which are not atoms). For class c: TP/FN count the truth points of
/// class c, FP the unmatched detections whose nearest truth point (ignored classes included) has
/// class c, so a false detection on an empty site shows up under "empty". Key "all" holds the
/// overall score.
std::map<std::string, DetectionScore>
scoreByClass(const std::vector<Point2>& detected, const std::vector<Point2>& truth,
             const std::vector<std::string>& truthClasses, double tolerance,
             const std::vector<std::string>& ignored = {"empty"}, const ScoringBorder& border = {});

/// Cramer-Rao lower bound (1-sigma, per axis, pixels) on the position of a circular Gaussian column
/// with `peak` counts at its centre and width `sigma` px on a flat `background` (counts per pixel),
/// point-sampled on the pixel grid, under Poisson noise plus Gaussian read noise (variance
/// readNoise^2 added to each pixel's): the inverse of the Fisher information
/// I = sum over pixels of (dmu/dtheta)(dmu/dtheta)^T / (mu + readNoise^2), with all five parameters
/// (x, y, peak, sigma, background) unknown, averaged over sub-pixel positions of the centre.
double cramerRaoBound(double peak, double sigma, double background, double readNoise = 0);

/// The textbook background-free form sigma / sqrt(N), N = detected counts in the column.
double cramerRaoSimple(double sigma, double counts);

} // namespace atomlens
