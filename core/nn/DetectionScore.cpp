#include "core/nn/DetectionScore.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <tuple>
#include <unordered_map>

namespace atomlens {

namespace {

/// Truth points bucketed in square cells of side `cell` px for radius queries.
class PointGrid {
public:
    PointGrid(const std::vector<Point2>& points, double cell)
        : m_points(points), m_cell(std::max(cell, 1e-3)) {
        for (std::size_t i = 0; i < points.size(); ++i)
            m_cells[key(cellOf(points[i].x), cellOf(points[i].y))].push_back(i);
    }
    /// Indices of points within `radius` of (x, y).
    template <class F> void near(double x, double y, double radius, F&& f) const {
        const std::int64_t r = std::int64_t(std::ceil(radius / m_cell));
        const std::int64_t cx = cellOf(x), cy = cellOf(y);
        for (std::int64_t j = cy - r; j <= cy + r; ++j)
            for (std::int64_t i = cx - r; i <= cx + r; ++i) {
                const auto it = m_cells.find(key(i, j));
                if (it == m_cells.end()) continue;
                for (std::size_t k : it->second) {
                    const double d = std::hypot(m_points[k].x - x, m_points[k].y - y);
                    if (d <= radius) f(k, d);
                }
            }
    }

private:
    std::int64_t cellOf(double v) const { return std::int64_t(std::floor(v / m_cell)); }
    static std::int64_t key(std::int64_t i, std::int64_t j) { return i * 1000003 + j; }
    const std::vector<Point2>& m_points;
    double m_cell;
    std::unordered_map<std::int64_t, std::vector<std::size_t>> m_cells;
};

void finish(MatchScore& s) {
    const int tp = s.truePositives;
    s.precision = tp + s.falsePositives ? double(tp) / (tp + s.falsePositives) : 0;
    s.recall = tp + s.falseNegatives ? double(tp) / (tp + s.falseNegatives) : 0;
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
}

/// detectionMatch[d] = truth index or -1; returns truthMatch.
std::vector<int> match(const std::vector<Point2>& detected, const std::vector<Point2>& truth,
                       double tolerance, std::vector<int>& detectionMatch, double& errorSum) {
    const PointGrid grid(truth, tolerance);
    std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
    for (std::size_t d = 0; d < detected.size(); ++d)
        grid.near(detected[d].x, detected[d].y, tolerance,
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
    const PointGrid grid(truth, 3 * tolerance);
    for (std::size_t d = 0; d < detected.size(); ++d) {
        if (detectionMatch[d] >= 0) continue;
        double best = 1e300;
        std::size_t nearest = truth.size();
        grid.near(detected[d].x, detected[d].y, 3 * tolerance, [&](std::size_t t, double dist) {
            if (dist < best) best = dist, nearest = t;
        });
        if (nearest < truth.size() && truthClass[nearest] == cls) ++s.falsePositives;
    }
    s.meanError = s.truePositives ? classError / s.truePositives : 0;
    finish(s);
    return s;
}

} // namespace atomlens
