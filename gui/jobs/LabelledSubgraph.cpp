#include "gui/jobs/LabelledSubgraph.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace atomlens::gui {

EgnnInput labelledSubgraph(const EgnnInput& in, int hops, double reach) {
    if (in.groupCount() > 0 || in.labels.size() != in.nodeCount) return in;
    const std::size_t n = in.nodeCount;
    // Adjacency (CSR) of the directed edges source -> target; messages flow along them.
    std::vector<std::size_t> offsets(n + 1, 0);
    for (const auto t : in.edgeTarget) ++offsets[std::size_t(t) + 1];
    for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
    std::vector<std::int64_t> sources(in.edgeSource.size());
    {
        std::vector<std::size_t> fill(offsets.begin(), offsets.end() - 1);
        for (std::size_t e = 0; e < in.edgeTarget.size(); ++e)
            sources[fill[std::size_t(in.edgeTarget[e])]++] = in.edgeSource[e];
    }
    // Breadth-first from the labelled nodes, `hops` steps against the message direction.
    std::vector<int> distance(n, -1);
    std::vector<std::size_t> frontier;
    for (std::size_t i = 0; i < n; ++i)
        if (in.labels[i] >= 0) distance[i] = 0, frontier.push_back(i);
    for (int h = 1; h <= hops && !frontier.empty(); ++h) {
        std::vector<std::size_t> next;
        for (const auto i : frontier)
            for (std::size_t k = offsets[i]; k < offsets[i + 1]; ++k) {
                const auto j = std::size_t(sources[k]);
                if (distance[j] < 0) distance[j] = h, next.push_back(j);
            }
        frontier.swap(next);
    }
    if (reach > 0) { // radius edges: by distance (x, y are in bond lengths), a little margin for rounding
        const double r2 = std::pow(hops * reach + 1e-3, 2);
        std::vector<std::size_t> labelled;
        for (std::size_t i = 0; i < n; ++i)
            if (in.labels[i] >= 0) labelled.push_back(i);
        for (std::size_t i = 0; i < n; ++i)
            for (const auto l : labelled) {
                const double dx = double(in.x[i]) - in.x[l], dy = double(in.y[i]) - in.y[l];
                if (dx * dx + dy * dy <= r2) {
                    distance[i] = std::max(distance[i], 0);
                    break;
                }
            }
    }
    std::vector<std::int64_t> newIndex(n, -1);
    EgnnInput out;
    out.featureCount = in.featureCount;
    for (std::size_t i = 0; i < n; ++i) {
        if (distance[i] < 0) continue;
        newIndex[i] = std::int64_t(out.nodeCount++);
        const auto f = in.features.begin() + std::ptrdiff_t(i * std::size_t(in.featureCount));
        out.features.insert(out.features.end(), f, f + in.featureCount);
        out.x.push_back(in.x[i]);
        out.y.push_back(in.y[i]);
        out.labels.push_back(in.labels[i]);
    }
    for (std::size_t e = 0; e < in.edgeSource.size(); ++e) {
        const auto s = newIndex[std::size_t(in.edgeSource[e])], t = newIndex[std::size_t(in.edgeTarget[e])];
        if (s >= 0 && t >= 0) out.edgeSource.push_back(s), out.edgeTarget.push_back(t);
    }
    return out;
}

} // namespace atomlens::gui
