#pragma once
// Test helper: the matching objective of matchPoints (most pairs, then the smallest sum of squared
// distances) by exhaustive search, the reference the fast Hungarian matching is checked against.
#include "core/detect/DetectionMetrics.h"

#include <stdexcept>
#include <vector>

namespace atomlens::test {

/// The same objective as matchPoints by exhaustive search (at most 9 detections).
inline PointMatching matchPointsBruteForce(const std::vector<Point2>& detected,
                                           const std::vector<Point2>& truth, double tolerance) {
    if (detected.size() > 9) throw std::invalid_argument("brute-force matching is for at most 9 points");
    const double tol2 = tolerance * tolerance;
    std::vector<int> current(detected.size(), -1), best = current;
    std::vector<char> used(truth.size(), 0);
    std::size_t bestCount = 0;
    double bestCost = 0;
    auto recurse = [&](auto&& self, std::size_t i, std::size_t count, double cost) -> void {
        if (i == detected.size()) {
            if (count > bestCount || (count == bestCount && cost < bestCost - 1e-12))
                bestCount = count, bestCost = cost, best = current;
            return;
        }
        current[i] = -1;
        self(self, i + 1, count, cost);
        for (std::size_t j = 0; j < truth.size(); ++j) {
            const double d2 = (detected[i].x - truth[j].x) * (detected[i].x - truth[j].x) +
                              (detected[i].y - truth[j].y) * (detected[i].y - truth[j].y);
            if (used[j] || d2 > tol2) continue;
            used[j] = 1, current[i] = int(j);
            self(self, i + 1, count + 1, cost + d2);
            used[j] = 0, current[i] = -1;
        }
    };
    recurse(recurse, 0, 0, 0.0);
    PointMatching result;
    for (std::size_t i = 0; i < best.size(); ++i)
        if (best[i] >= 0) result.pairs.emplace_back(i, std::size_t(best[i]));
    std::vector<char> dUsed(detected.size(), 0), tUsed(truth.size(), 0);
    for (const auto& [i, j] : result.pairs) dUsed[i] = 1, tUsed[j] = 1;
    for (std::size_t i = 0; i < detected.size(); ++i)
        if (!dUsed[i]) result.unmatchedDetected.push_back(i);
    for (std::size_t j = 0; j < truth.size(); ++j)
        if (!tUsed[j]) result.unmatchedTruth.push_back(j);
    return result;
}

} // namespace atomlens::test
