#include "core/graph/PredictionClusters.h"

#include "core/data/PointIndex.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace atomlens {

std::vector<std::size_t> clusterPredictions(const std::vector<Point2>& points, const std::vector<int>& kind,
                                            double tol) {
    if (points.size() != kind.size()) throw std::invalid_argument("clusterPredictions: sizes differ");
    const PointIndex index(points);
    struct Cluster {
        double sx = 0, sy = 0;
        int count = 0, kind = 0;
    };
    std::vector<Cluster> clusters;
    std::vector<std::size_t> out(points.size());
    std::vector<std::ptrdiff_t> founded(points.size(), -1); // cluster founded by prediction i
    std::vector<std::pair<std::uint32_t, double>> hits;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Point2 p = points[i];
        std::size_t hit = clusters.size();
        double best = std::numeric_limits<double>::infinity();
        index.within(p.x, p.y, 3 * tol, hits, false);
        for (const auto& [j, d] : hits) {
            if (founded[j] < 0) continue;
            const std::size_t k = std::size_t(founded[j]);
            const Cluster& c = clusters[k];
            if (c.kind != kind[i]) continue;
            const double e = std::hypot(c.sx / c.count - p.x, c.sy / c.count - p.y);
            if (e < tol && (e < best || (e == best && k < hit))) best = e, hit = k;
        }
        if (hit == clusters.size()) {
            founded[i] = std::ptrdiff_t(hit);
            clusters.push_back({0, 0, 0, kind[i]});
        }
        clusters[hit].sx += p.x, clusters[hit].sy += p.y, ++clusters[hit].count;
        out[i] = hit;
    }
    return out;
}

} // namespace atomlens
