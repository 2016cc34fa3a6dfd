#include "core/nn/DetectionScore.h"

#include "core/data/PointIndex.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <tuple>

namespace atomlens {

namespace {

/// Calls f(index, distance) for every point within `radius` (inclusive) of (x, y), nearest first.
template <class F>
void forEachNear(const PointIndex& index, const std::vector<Point2>& points, double x, double y,
                 double radius, F&& f) {
    for (const auto& [k, approx] : index.within(x, y, radius)) {
        const double d = std::hypot(points[k].x - x, points[k].y - y);
        if (d <= radius) f(std::size_t(k), d);
    }
}

void finish(MatchScore& s) {
    const int tp = s.truePositives;
    s.precision = tp + s.falsePositives ? double(tp) / (tp + s.falsePositives) : 0;
    s.recall = tp + s.falseNegatives ? double(tp) / (tp + s.falseNegatives) : 0;
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
}

/// detectionMatch[d] = truth index or -1; returns truthMatch.
std::vector<int> match(const std::vector<Point2>& detected, const std::vector<Point2>& truth,
                       double tolerance, std::vector<int>& detectionMatch, double& errorSum) {
    const PointIndex index(truth);
    std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
    for (std::size_t d = 0; d < detected.size(); ++d)
        forEachNear(index, truth, detected[d].x, detected[d].y, tolerance,
                    [&](std::size_t t, double dist) { pairs.emplace_back(dist, d, t); });
    std::sort(pairs.begin(), pairs.end());
    std::vector<int> truthMatch(truth.size(), -1);
    detectionMatch.assign(detected.size(), -1);
    errorSum = 0;
    for (const auto& [dist, d, t] : pairs)
        if (detectionMatch[d] < 0 && truthMatch[t] < 0) {
            detectionMatch[d] = int(t), truthMatch[t] = int(d);
            errorSum += dist;
        }
    return truthMatch;
}

} // namespace

MatchScore scoreDetections(const std::vector<Point2>& detected, const std::vector<Point2>& truth,
                           double tolerance, std::vector<int>* truthMatch) {
    std::vector<int> detectionMatch;
    double errorSum = 0;
    const std::vector<int> tm = match(detected, truth, tolerance, detectionMatch, errorSum);
    MatchScore s;
    for (int m : tm) (m >= 0 ? s.truePositives : s.falseNegatives)++;
    s.falsePositives = int(detected.size()) - s.truePositives;
    s.meanError = s.truePositives ? errorSum / s.truePositives : 0;
    finish(s);
    if (truthMatch) *truthMatch = tm;
    return s;
}

MatchScore scoreDetectionsOfClass(const std::vector<Point2>& detected, const std::vector<Point2>& truth,
                                  const std::vector<std::string>& truthClass, const std::string& cls,
                                  double tolerance) {
    std::vector<int> detectionMatch;
    double errorSum = 0;
    const std::vector<int> tm = match(detected, truth, tolerance, detectionMatch, errorSum);
    MatchScore s;
    double classError = 0;
    for (std::size_t t = 0; t < truth.size(); ++t) {
        if (truthClass[t] != cls) continue;
        if (tm[t] < 0) {
            ++s.falseNegatives;
            continue;
        }
        ++s.truePositives;
        classError += std::hypot(detected[std::size_t(tm[t])].x - truth[t].x,
                                 detected[std::size_t(tm[t])].y - truth[t].y);
    }
    const PointIndex index(truth);
    for (std::size_t d = 0; d < detected.size(); ++d) {
        if (detectionMatch[d] >= 0) continue;
        double best = 1e300;
        std::size_t nearest = truth.size();
        forEachNear(index, truth, detected[d].x, detected[d].y, 3 * tolerance,
                    [&](std::size_t t, double dist) {
                        if (dist < best) best = dist, nearest = t;
                    });
        if (nearest < truth.size() && truthClass[nearest] == cls) ++s.falsePositives;
    }
    s.meanError = s.truePositives ? classError / s.truePositives : 0;
    finish(s);
    return s;
}

} // namespace atomlens
