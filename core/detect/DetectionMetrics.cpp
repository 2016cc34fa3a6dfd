#include "core/detect/DetectionMetrics.h"

#include "core/data/PointIndex.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

namespace atomlens {
namespace {

/// Edges between detections and truth points closer than the tolerance (inclusive), by detection.
std::vector<std::pair<std::size_t, std::size_t>> closePairs(const std::vector<Point2>& a,
                                                            const std::vector<Point2>& b, double tol) {
    const PointIndex index(b);
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::vector<std::pair<std::uint32_t, double>> hits;
    for (std::size_t i = 0; i < a.size(); ++i) {
        index.within(a[i].x, a[i].y, tol, hits, true);
        for (const auto& [j, d] : hits)
            if (std::hypot(a[i].x - b[j].x, a[i].y - b[j].y) <= tol) out.emplace_back(i, j);
    }
    return out;
}

double dist2(const Point2& p, const Point2& q) {
    return (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y);
}

void fillUnmatched(PointMatching& m, std::size_t nd, std::size_t nt) {
    std::vector<char> usedD(nd, 0), usedT(nt, 0);
    for (const auto& [i, j] : m.pairs) usedD[i] = 1, usedT[j] = 1;
    for (std::size_t i = 0; i < nd; ++i)
        if (!usedD[i]) m.unmatchedDetected.push_back(i);
    for (std::size_t j = 0; j < nt; ++j)
        if (!usedT[j]) m.unmatchedTruth.push_back(j);
    std::sort(m.pairs.begin(), m.pairs.end());
}

} // namespace

std::vector<int> hungarianAssignment(const std::vector<double>& cost, int rows, int cols) {
    if (rows == 0 || cols == 0) return std::vector<int>(std::size_t(rows), -1);
    const bool transposed = rows > cols;
    const int n = transposed ? cols : rows, m = transposed ? rows : cols;
    auto a = [&](int i, int j) { // 1-based, n <= m
        return transposed ? cost[std::size_t(j - 1) * std::size_t(cols) + std::size_t(i - 1)]
                          : cost[std::size_t(i - 1) * std::size_t(cols) + std::size_t(j - 1)];
    };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> u(std::size_t(n) + 1, 0), v(std::size_t(m) + 1, 0);
    std::vector<int> p(std::size_t(m) + 1, 0), way(std::size_t(m) + 1, 0);
    for (int i = 1; i <= n; ++i) {
        p[0] = i;
        int j0 = 0;
        std::vector<double> minv(std::size_t(m) + 1, inf);
        std::vector<char> used(std::size_t(m) + 1, 0);
        do {
            used[std::size_t(j0)] = 1;
            const int i0 = p[std::size_t(j0)];
            double delta = inf;
            int j1 = 0;
            for (int j = 1; j <= m; ++j) {
                if (used[std::size_t(j)]) continue;
                const double cur = a(i0, j) - u[std::size_t(i0)] - v[std::size_t(j)];
                if (cur < minv[std::size_t(j)]) minv[std::size_t(j)] = cur, way[std::size_t(j)] = j0;
                if (minv[std::size_t(j)] < delta) delta = minv[std::size_t(j)], j1 = j;
            }
            for (int j = 0; j <= m; ++j) {
                if (used[std::size_t(j)])
                    u[std::size_t(p[std::size_t(j)])] += delta, v[std::size_t(j)] -= delta;
                else
                    minv[std::size_t(j)] -= delta;
            }
            j0 = j1;
        } while (p[std::size_t(j0)] != 0);
        do {
            const int j1 = way[std::size_t(j0)];
            p[std::size_t(j0)] = p[std::size_t(j1)];
            j0 = j1;
        } while (j0);
    }
    std::vector<int> out(std::size_t(rows), -1);
    for (int j = 1; j <= m; ++j) {
        if (p[std::size_t(j)] == 0) continue;
        if (transposed)
            out[std::size_t(j - 1)] = p[std::size_t(j)] - 1;
        else
            out[std::size_t(p[std::size_t(j)] - 1)] = j - 1;
    }
    return out;
}

PointMatching matchPoints(const std::vector<Point2>& detected, const std::vector<Point2>& truth,
                          double tolerance) {
    if (!(tolerance > 0)) throw std::invalid_argument("matching tolerance must be positive");
    PointMatching result;
    const auto edges = closePairs(detected, truth, tolerance);
    const std::size_t nd = detected.size();
    std::vector<std::size_t> parent(nd + truth.size());
    std::iota(parent.begin(), parent.end(), std::size_t(0));
    auto root = [&](std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    for (const auto& [i, j] : edges) parent[root(i)] = root(nd + j);
    std::unordered_map<std::size_t, std::vector<std::size_t>> compD, compT;
    for (const auto& [i, j] : edges) {
        (void)j;
        compD[root(i)];
    }
    for (std::size_t i = 0; i < nd; ++i)
        if (compD.count(root(i))) compD[root(i)].push_back(i);
    for (std::size_t j = 0; j < truth.size(); ++j)
        if (compD.count(root(nd + j))) compT[root(nd + j)].push_back(j);
    const double tol2 = tolerance * tolerance;
    for (auto& [key, ds] : compD) {
        const auto& ts = compT[key];
        if (ds.size() == 1 && ts.size() == 1) {
            result.pairs.emplace_back(ds[0], ts[0]);
            continue;
        }
        if (ds.size() + ts.size() > 5000)
            throw std::invalid_argument(
                "matching tolerance is too large for the point density (a cluster of " +
                std::to_string(ds.size() + ts.size()) + " points)");
        // Cost d^2 within tolerance, else a penalty larger than any sum of real costs: the minimum
        // first maximises the number of real pairs, then minimises their squared distances.
        const double big = tol2 * double(ds.size() + ts.size() + 1) + 1.0;
        std::vector<double> cost(ds.size() * ts.size());
        for (std::size_t a = 0; a < ds.size(); ++a)
            for (std::size_t b = 0; b < ts.size(); ++b) {
                const double d2 = dist2(detected[ds[a]], truth[ts[b]]);
                cost[a * ts.size() + b] = d2 <= tol2 ? d2 : big;
            }
        const auto assign = hungarianAssignment(cost, int(ds.size()), int(ts.size()));
        for (std::size_t a = 0; a < ds.size(); ++a)
            if (assign[a] >= 0 && cost[a * ts.size() + std::size_t(assign[a])] < big)
                result.pairs.emplace_back(ds[a], ts[std::size_t(assign[a])]);
    }
    fillUnmatched(result, nd, truth.size());
    return result;
}

DetectionScore scoreMatching(const PointMatching& m, const std::vector<Point2>& detected,
                             const std::vector<Point2>& truth) {
    DetectionScore s;
    s.truePositives = m.pairs.size();
    s.falsePositives = m.unmatchedDetected.size();
    s.falseNegatives = m.unmatchedTruth.size();
    const double tp = double(s.truePositives);
    s.precision = s.truePositives + s.falsePositives ? tp / double(s.truePositives + s.falsePositives) : 1.0;
    s.recall = s.truePositives + s.falseNegatives ? tp / double(s.truePositives + s.falseNegatives) : 1.0;
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    double sum2 = 0, bx = 0, by = 0;
    for (const auto& [i, j] : m.pairs) {
        sum2 += dist2(detected[i], truth[j]);
        bx += detected[i].x - truth[j].x, by += detected[i].y - truth[j].y;
    }
    if (!m.pairs.empty()) {
        s.rmsError = std::sqrt(sum2 / tp);
        s.rmsPerAxis = s.rmsError / std::sqrt(2.0);
        s.biasX = bx / tp, s.biasY = by / tp;
    }
    return s;
}

void dropBorderMisses(PointMatching& matching, const std::vector<Point2>& detected,
                      const std::vector<Point2>& truth, const ScoringBorder& border) {
    auto outside = [&](const std::vector<Point2>& pts) {
        return [&](std::size_t i) { return !border.contains(pts[i]); };
    };
    auto& d = matching.unmatchedDetected;
    d.erase(std::remove_if(d.begin(), d.end(), outside(detected)), d.end());
    auto& t = matching.unmatchedTruth;
    t.erase(std::remove_if(t.begin(), t.end(), outside(truth)), t.end());
}

std::map<std::string, DetectionScore> scoreByClass(const std::vector<Point2>& detected,
                                                   const std::vector<Point2>& truth,
                                                   const std::vector<std::string>& truthClasses,
                                                   double tolerance, const std::vector<std::string>& ignored,
                                                   const ScoringBorder& border) {
    if (truthClasses.size() != truth.size())
        throw std::invalid_argument("scoreByClass: one class per truth point");
    std::vector<Point2> atoms;
    std::vector<std::size_t> atomIndex;
    for (std::size_t j = 0; j < truth.size(); ++j)
        if (std::find(ignored.begin(), ignored.end(), truthClasses[j]) == ignored.end())
            atoms.push_back(truth[j]), atomIndex.push_back(j);
    PointMatching m = matchPoints(detected, atoms, tolerance);
    dropBorderMisses(m, detected, atoms, border);
    std::map<std::string, DetectionScore> out;
    out["all"] = scoreMatching(m, detected, atoms);
    // Per class: split pairs and misses by the truth's class, false detections by the class of the
    // nearest truth point.
    std::map<std::string, PointMatching> perClass;
    for (const auto& [i, j] : m.pairs) perClass[truthClasses[atomIndex[j]]].pairs.emplace_back(i, j);
    for (std::size_t j : m.unmatchedTruth) perClass[truthClasses[atomIndex[j]]].unmatchedTruth.push_back(j);
    const PointIndex truthIndex(truth);
    for (std::size_t i : m.unmatchedDetected) {
        // The nearest truth point, the lowest index among equally near ones.
        std::size_t nearest = truth.size();
        const double d = truthIndex.nearest(detected[i].x, detected[i].y).second;
        const auto tied = truthIndex.within(detected[i].x, detected[i].y, d); // empty for NaN or no truth
        if (!tied.empty()) nearest = tied.front().first;
        perClass[nearest < truth.size() ? truthClasses[nearest] : std::string("none")]
            .unmatchedDetected.push_back(i);
    }
    for (const auto& [cls, pm] : perClass) out[cls] = scoreMatching(pm, detected, atoms);
    return out;
}

double cramerRaoBound(double peak, double sigma, double background, double readNoise) {
    if (!(peak > 0) || !(sigma > 0) || background < 0)
        throw std::invalid_argument("cramerRaoBound: bad column");
    const int radius = int(std::ceil(6 * sigma)) + 1;
    const int steps = 4;
    double sumVar = 0;
    for (int oy = 0; oy < steps; ++oy)
        for (int ox = 0; ox < steps; ++ox) {
            const double x0 = (ox + 0.5) / steps - 0.5, y0 = (oy + 0.5) / steps - 0.5;
            Eigen::Matrix<double, 5, 5> fisher = Eigen::Matrix<double, 5, 5>::Zero();
            for (int y = -radius; y <= radius; ++y)
                for (int x = -radius; x <= radius; ++x) {
                    const double dx = x - x0, dy = y - y0, r2 = dx * dx + dy * dy;
                    const double e = std::exp(-r2 / (2 * sigma * sigma)), g = peak * e;
                    const double mu = background + g;
                    Eigen::Matrix<double, 5, 1> d;
                    d << g * dx / (sigma * sigma), g * dy / (sigma * sigma), e,
                        g * r2 / (sigma * sigma * sigma), 1.0;
                    fisher += d * d.transpose() / (mu + readNoise * readNoise);
                }
            const Eigen::Matrix<double, 5, 5> inv = fisher.inverse();
            sumVar += 0.5 * (inv(0, 0) + inv(1, 1));
        }
    return std::sqrt(sumVar / (steps * steps));
}

double cramerRaoSimple(double sigma, double counts) {
    return counts > 0 ? sigma / std::sqrt(counts) : 0.0;
}

} // namespace atomlens
