#include "core/analysis/Tracking.h"

#include "core/analysis/Assignment.h"
#include "core/data/PointIndex.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace atomlens {
namespace {

/// Radius queries over one frame's points: f(index, d^2) for each point with d^2 <= radius^2.
class PointGrid {
public:
    PointGrid(const std::vector<double>& x, const std::vector<double>& y) : m_x(x), m_y(y), m_index(x, y) {}
    template <typename F> void near(double x, double y, double radius, F&& visit) const {
        for (const auto& [i, approx] : m_index.within(x, y, radius)) {
            const double d2 = (m_x[i] - x) * (m_x[i] - x) + (m_y[i] - y) * (m_y[i] - y);
            if (d2 <= radius * radius) visit(std::size_t(i), d2);
        }
    }

private:
    const std::vector<double>& m_x;
    const std::vector<double>& m_y;
    PointIndex m_index;
};

} // namespace

double medianNearestDistance(const FramePoints& points) {
    const std::size_t n = points.x.size();
    if (n < 2) return 0;
    double minX = points.x[0], maxX = minX, minY = points.y[0], maxY = minY;
    for (std::size_t i = 0; i < n; ++i)
        minX = std::min(minX, points.x[i]), maxX = std::max(maxX, points.x[i]),
        minY = std::min(minY, points.y[i]), maxY = std::max(maxY, points.y[i]);
    // Neighbours farther than the search reach (doubling from about two spacings until past 4 x the
    // square root of the bounding area) do not count: degenerate (collinear) sets keep their answer.
    const double area = std::max(1.0, (maxX - minX) * (maxY - minY));
    double reach = std::max(1e-3, std::sqrt(area / double(n)) * 2);
    while (!(reach > 4 * std::sqrt(area) + 1)) reach *= 2;
    const PointIndex index(points.x, points.y);
    std::vector<double> nearest;
    nearest.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        double best = 1e300;
        for (std::uint32_t j : index.knn(points.x[i], points.y[i], 2))
            if (j != i)
                best = std::min(best, (points.x[j] - points.x[i]) * (points.x[j] - points.x[i]) +
                                          (points.y[j] - points.y[i]) * (points.y[j] - points.y[i]));
        if (best <= reach * reach) nearest.push_back(std::sqrt(best));
    }
    if (nearest.empty()) return 0;
    std::nth_element(nearest.begin(), nearest.begin() + long(nearest.size() / 2), nearest.end());
    return nearest[nearest.size() / 2];
}

namespace {

double medianOf(std::vector<double> v) {
    std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
    return v[v.size() / 2];
}

} // namespace

std::vector<FrameShift> refineDrift(const std::vector<FramePoints>& frames,
                                    const std::vector<FrameShift>& drift, double gate) {
    if (drift.size() != frames.size()) throw std::invalid_argument("refineDrift needs one shift per frame");
    std::vector<FrameShift> out = drift;
    for (std::size_t f = 1; f < frames.size(); ++f) {
        double stepX = drift[f].dx - drift[f - 1].dx, stepY = drift[f].dy - drift[f - 1].dy;
        const auto& a = frames[f - 1];
        const auto& b = frames[f];
        const PointGrid grid(a.x, a.y);
        for (int iteration = 0; iteration < 2; ++iteration) {
            std::vector<AssignmentCandidate> cand;
            for (std::size_t i = 0; i < b.x.size(); ++i)
                grid.near(b.x[i] - stepX, b.y[i] - stepY, gate, [&](std::size_t k, double d2) {
                    cand.push_back({i, k, d2});
                });
            const auto match = solveAssignment(b.x.size(), a.x.size(), cand);
            std::vector<double> rx, ry;
            for (std::size_t i = 0; i < match.size(); ++i)
                if (match[i] >= 0)
                    rx.push_back(b.x[i] - a.x[std::size_t(match[i])] - stepX),
                        ry.push_back(b.y[i] - a.y[std::size_t(match[i])] - stepY);
            if (rx.size() < 3) break;
            stepX += medianOf(rx), stepY += medianOf(ry);
        }
        out[f].dx = out[f - 1].dx + stepX, out[f].dy = out[f - 1].dy + stepY;
    }
    return out;
}

std::vector<FrameShift> refineDriftByTracks(const std::vector<FramePoints>& frames, TrackingResult& tracking,
                                            const std::vector<FrameShift>& drift,
                                            const std::vector<std::size_t>& usable) {
    if (drift.size() != frames.size() || tracking.trackOf.size() != frames.size())
        throw std::invalid_argument("refineDriftByTracks needs one shift and one track list per frame");
    std::vector<FrameShift> out = drift;
    std::vector<double> cx(frames.size(), 0), cy(frames.size(), 0);
    for (std::size_t f = 0; f < frames.size(); ++f) {
        const std::size_t n = usable.empty() ? frames[f].x.size() : std::min(usable[f], frames[f].x.size());
        std::vector<double> rx, ry;
        for (std::size_t i = 0; i < n; ++i) {
            const int t = tracking.trackOf[f][i];
            if (t < 0 || tracking.tracks[std::size_t(t)].observations < 2) continue;
            rx.push_back(frames[f].x[i] - drift[f].dx - tracking.tracks[std::size_t(t)].x);
            ry.push_back(frames[f].y[i] - drift[f].dy - tracking.tracks[std::size_t(t)].y);
        }
        if (rx.size() >= 3) cx[f] = medianOf(rx), cy[f] = medianOf(ry);
    }
    for (std::size_t f = 0; f < frames.size(); ++f) out[f].dx += cx[f] - cx[0], out[f].dy += cy[f] - cy[0];
    // Track means in the corrected frame.
    std::vector<double> sx(tracking.tracks.size(), 0), sy(tracking.tracks.size(), 0);
    std::vector<int> count(tracking.tracks.size(), 0);
    for (std::size_t f = 0; f < frames.size(); ++f)
        for (std::size_t i = 0; i < frames[f].x.size(); ++i)
            if (const int t = tracking.trackOf[f][i]; t >= 0)
                sx[std::size_t(t)] += frames[f].x[i] - out[f].dx,
                    sy[std::size_t(t)] += frames[f].y[i] - out[f].dy, ++count[std::size_t(t)];
    for (std::size_t t = 0; t < tracking.tracks.size(); ++t)
        if (count[t]) tracking.tracks[t].x = sx[t] / count[t], tracking.tracks[t].y = sy[t] / count[t];
    return out;
}

TrackingResult trackPoints(const std::vector<FramePoints>& frames, const std::vector<FrameShift>& drift,
                           const TrackParams& params, JobContext& job) {
    if (!drift.empty() && drift.size() != frames.size())
        throw std::invalid_argument("tracking needs one drift shift per frame (or none)");
    for (const auto& f : frames)
        if (f.x.size() != f.y.size()) throw std::invalid_argument("tracking: x and y differ in length");
    TrackingResult result;
    result.gate = params.gate;
    if (result.gate <= 0)
        for (const auto& f : frames)
            if (f.x.size() >= 2) {
                result.gate = 0.35 * medianNearestDistance(f);
                break;
            }
    if (result.gate <= 0) result.gate = 1.0;
    const double gate = result.gate;

    std::vector<double> sumX, sumY; // per track, for the running mean
    result.trackOf.resize(frames.size());
    for (std::size_t f = 0; f < frames.size(); ++f) {
        if (f % 8 == 0) job.throwIfCanceled();
        job.setProgress(std::int64_t(f), std::int64_t(frames.size()), "tracking");
        const double sx = drift.empty() ? 0 : drift[f].dx, sy = drift.empty() ? 0 : drift[f].dy;
        const auto& pts = frames[f];
        const std::size_t n = pts.x.size();
        // Live tracks and their predicted (mean) positions.
        std::vector<std::size_t> live;
        std::vector<double> tx, ty;
        for (std::size_t t = 0; t < result.tracks.size(); ++t) {
            const auto& tr = result.tracks[t];
            if (params.maxGap >= 0 && int(f) - tr.lastFrame - 1 > params.maxGap) continue;
            if (!std::isfinite(tr.x) || !std::isfinite(tr.y)) continue;
            live.push_back(t), tx.push_back(tr.x), ty.push_back(tr.y);
        }
        const PointGrid grid(tx, ty);
        std::vector<AssignmentCandidate> candidates;
        for (std::size_t i = 0; i < n; ++i) {
            const double qx = pts.x[i] - sx, qy = pts.y[i] - sy;
            if (!std::isfinite(qx) || !std::isfinite(qy)) continue;
            grid.near(qx, qy, gate, [&](std::size_t k, double d2) { candidates.push_back({i, k, d2}); });
        }
        const std::vector<long> match = solveAssignment(n, live.size(), candidates);
        auto& ids = result.trackOf[f];
        ids.assign(n, -1);
        for (std::size_t i = 0; i < n; ++i) {
            const double qx = pts.x[i] - sx, qy = pts.y[i] - sy;
            if (!std::isfinite(qx) || !std::isfinite(qy)) continue;
            std::size_t t;
            if (match[i] >= 0) {
                t = live[std::size_t(match[i])];
            } else { // an appearing atom: a new track
                t = result.tracks.size();
                Track tr;
                tr.firstFrame = int(f);
                result.tracks.push_back(tr);
                sumX.push_back(0), sumY.push_back(0);
            }
            Track& tr = result.tracks[t];
            sumX[t] += qx, sumY[t] += qy;
            ++tr.observations;
            tr.lastFrame = int(f);
            tr.x = sumX[t] / tr.observations, tr.y = sumY[t] / tr.observations;
            ids[i] = int(t);
        }
    }
    job.setProgress(std::int64_t(frames.size()), std::int64_t(frames.size()), "tracking");
    return result;
}

} // namespace atomlens
