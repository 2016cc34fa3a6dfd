#include "core/graph/LatticeGraph.h"

#include "core/graph/GraphJson.h"

#include "core/data/PointIndex.h"
#include "core/graph/Delaunay.h"
#include "core/job/ParallelFor.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace atomlens {

const std::vector<ParamField<GraphParams>>& GraphParams::fields() {
    static const std::vector<ParamField<GraphParams>> f = {
        choiceField<GraphParams>(
            "method", "Graph", {"delaunay", "knn", "radius"}, &GraphParams::method,
            "Delaunay with an edge cut (planar, gives rings), k nearest, or a fixed radius"),
        numberField<GraphParams>("cut_factor", "Longest edge", "x bond", 1.0, 3.0, &GraphParams::cutFactor,
                                 "edges longer than this multiple of the typical bond length are dropped"),
        numberField<GraphParams>("max_edge", "Longest edge (absolute)", "px", 0, 1e4, &GraphParams::maxEdge,
                                 "0 = from the bond length"),
        integerField<GraphParams>("k", "Neighbours (knn)", 1, 64, &GraphParams::k),
        integerField<GraphParams>("max_ring", "Largest ring", 3, 64, &GraphParams::maxRingSize),
    };
    return f;
}

double typicalBondLength(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() < 2) return 0;
    return typicalBondLength(x, y, PointIndex(x, y));
}

double typicalBondLength(const std::vector<double>& x, const std::vector<double>& y,
                         const PointIndex& index) {
    if (x.size() < 2) return 0;
    const std::size_t stride = std::max<std::size_t>(1, x.size() / 20000);
    std::vector<double> d;
    for (std::size_t i = 0; i < x.size(); i += stride) {
        const auto nn = index.knn(x[i], y[i], 2);
        if (nn.size() == 2) d.push_back(std::hypot(x[nn[1]] - x[i], y[nn[1]] - y[i]));
    }
    std::nth_element(d.begin(), d.begin() + std::ptrdiff_t(d.size() / 2), d.end());
    return d[d.size() / 2];
}

namespace {

/// Undirected edges as sorted unique (a << 32 | b) keys with a < b.
void addEdge(std::vector<std::uint64_t>& keys, std::uint32_t a, std::uint32_t b) {
    if (a == b) return;
    if (a > b) std::swap(a, b);
    keys.push_back((std::uint64_t(a) << 32) | b);
}

void fillCsr(LatticeGraph& g, std::vector<std::uint64_t>& keys, JobContext& job) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    const std::size_t n = g.nodeCount();
    g.offsets.assign(n + 1, 0);
    for (auto k : keys) ++g.offsets[(k >> 32) + 1], ++g.offsets[(k & 0xffffffffu) + 1];
    for (std::size_t i = 0; i < n; ++i) g.offsets[i + 1] += g.offsets[i];
    g.neighbours.assign(g.offsets[n], 0);
    std::vector<std::uint32_t> fill(g.offsets.begin(), g.offsets.end() - 1);
    for (auto k : keys) {
        const auto a = std::uint32_t(k >> 32), b = std::uint32_t(k & 0xffffffffu);
        g.neighbours[fill[a]++] = b, g.neighbours[fill[b]++] = a;
    }
    g.edgeLength.assign(g.neighbours.size(), 0);
    g.edgeAngle.assign(g.neighbours.size(), 0);
    parallelFor(
        n, 4096,
        [&](std::size_t begin, std::size_t end) {
            std::vector<std::pair<float, std::uint32_t>> row;
            for (std::size_t i = begin; i < end; ++i) {
                row.clear();
                for (auto p = g.offsets[i]; p < g.offsets[i + 1]; ++p) {
                    const auto j = g.neighbours[p];
                    row.push_back({float(std::atan2(g.y[j] - g.y[i], g.x[j] - g.x[i])), j});
                }
                std::sort(row.begin(), row.end());
                for (std::size_t q = 0; q < row.size(); ++q) {
                    const std::size_t p = g.offsets[i] + q;
                    const std::uint32_t j = row[q].second;
                    g.neighbours[p] = j;
                    g.edgeAngle[p] = row[q].first;
                    g.edgeLength[p] = float(std::hypot(g.x[j] - g.x[i], g.y[j] - g.y[i]));
                }
            }
        },
        job);
}

} // namespace

LatticeGraph buildGraph(std::vector<double> x, std::vector<double> y, std::size_t atomCount,
                        const GraphParams& params, JobContext& job) {
    return buildGraph(std::move(x), std::move(y), atomCount, params, job, -1);
}

LatticeGraph buildGraph(std::vector<double> x, std::vector<double> y, std::size_t atomCount,
                        const GraphParams& params, JobContext& job, double bondLength) {
    if (x.size() != y.size()) throw std::invalid_argument("buildGraph: x and y differ in size");
    if (atomCount > x.size()) throw std::invalid_argument("buildGraph: atomCount exceeds the node count");
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            throw std::invalid_argument("buildGraph: node " + std::to_string(i) +
                                        " has a non-finite position");
    if (params.method != "delaunay" && params.method != "knn" && params.method != "radius")
        throw std::invalid_argument("unknown graph method '" + params.method +
                                    "' (use delaunay, knn or radius)");
    LatticeGraph g;
    g.atomCount = atomCount;
    g.x = std::move(x), g.y = std::move(y);
    g.flags.assign(g.x.size(), 0);
    for (std::size_t i = atomCount; i < g.x.size(); ++i) g.flags[i] = kFlagEmptySite;
    const std::size_t n = g.nodeCount();
    job.setProgress(0, 3, "neighbour graph");
    g.bondLength = bondLength >= 0 ? bondLength : typicalBondLength(g.x, g.y);
    g.maxEdgeLength = params.maxEdge > 0 ? params.maxEdge : params.cutFactor * g.bondLength;
    std::vector<std::uint64_t> keys;
    if (params.method == "delaunay") {
        const auto tri = delaunayTriangles(g.x, g.y);
        job.throwIfCanceled();
        keys.reserve(tri.size());
        const double cut2 = g.maxEdgeLength * g.maxEdgeLength;
        for (std::size_t t = 0; t + 2 < tri.size(); t += 3)
            for (int e = 0; e < 3; ++e) {
                const auto a = tri[t + std::size_t(e)], b = tri[t + std::size_t((e + 1) % 3)];
                const double dx = g.x[a] - g.x[b], dy = g.y[a] - g.y[b];
                if (g.maxEdgeLength <= 0 || dx * dx + dy * dy <= cut2) addEdge(keys, a, b);
            }
    } else if (n > 1) {
        const PointIndex index(g.x, g.y);
        std::vector<std::vector<std::uint64_t>> parts(n / 4096 + 1);
        parallelFor(
            parts.size(), 1,
            [&](std::size_t pb, std::size_t pe) {
                for (std::size_t part = pb; part < pe; ++part)
                    for (std::size_t i = part * 4096; i < std::min(n, (part + 1) * 4096); ++i) {
                        if (params.method == "knn") {
                            for (auto j : index.knn(g.x[i], g.y[i], std::size_t(std::max(1, params.k)) + 1))
                                addEdge(parts[part], std::uint32_t(i), j);
                        } else {
                            for (const auto& [j, d] : index.within(g.x[i], g.y[i], g.maxEdgeLength))
                                addEdge(parts[part], std::uint32_t(i), j);
                        }
                    }
            },
            job);
        for (auto& p : parts) keys.insert(keys.end(), p.begin(), p.end());
    }
    job.setProgress(1, 3, "neighbour graph");
    fillCsr(g, keys, job);
    job.throwIfCanceled();
    job.setProgress(2, 3, "rings");
    if (params.method == "delaunay") findRings(g, params.maxRingSize);
    job.setProgress(3, 3, "neighbour graph done");
    return g;
}

void assignEdges(LatticeGraph& g, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges) {
    std::vector<std::uint64_t> keys;
    keys.reserve(edges.size());
    for (const auto& [a, b] : edges) addEdge(keys, a, b);
    fillCsr(g, keys, nullJobContext());
}

LatticeGraph buildGraph(const AtomTable& atoms, const GraphParams& params, JobContext& job) {
    LatticeGraph g = buildGraph(atoms.xs(), atoms.ys(), atoms.size(), params, job);
    for (std::size_t i = 0; i < atoms.size(); ++i) g.flags[i] = atoms.flags()[i];
    return g;
}

void findRings(LatticeGraph& g, int maxRingSize) {
    g.ringOffsets.assign(1, 0);
    g.ringNodes.clear();
    const std::size_t n = g.nodeCount();
    if (g.offsets.size() != n + 1) return;
    // Half-edge p = (i -> neighbours[p]). The next half-edge of the same face leaves j toward the
    // neighbour that precedes i in j's angle-sorted list: the face stays on the left, so bounded faces
    // come out counter-clockwise in (x, y) and the outer face clockwise.
    std::vector<std::uint32_t> source(g.neighbours.size());
    for (std::uint32_t i = 0; i < n; ++i)
        for (auto p = g.offsets[i]; p < g.offsets[i + 1]; ++p) source[p] = i;
    std::vector<char> used(g.neighbours.size(), 0);
    std::vector<std::uint32_t> face;
    for (std::size_t start = 0; start < g.neighbours.size(); ++start) {
        if (used[start]) continue;
        face.clear();
        std::size_t p = start;
        bool tooLong = false;
        while (!used[p]) {
            used[p] = 1;
            face.push_back(source[p]);
            const std::uint32_t i = source[p], j = g.neighbours[p];
            const auto b = g.offsets[j], e = g.offsets[j + 1];
            auto it = std::find(g.neighbours.begin() + b, g.neighbours.begin() + e, i);
            const std::size_t r = std::size_t(it - (g.neighbours.begin() + b));
            const std::size_t deg = e - b;
            p = b + (r + deg - 1) % deg;
            if (face.size() > std::size_t(maxRingSize)) tooLong = true;
        }
        if (tooLong || face.size() < 3) continue;
        double area = 0;
        for (std::size_t k = 0; k < face.size(); ++k) {
            const auto a = face[k], c = face[(k + 1) % face.size()];
            area += g.x[a] * g.y[c] - g.x[c] * g.y[a];
        }
        if (area <= 0) continue;
        std::vector<std::uint32_t> sorted(face);
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) continue; // not a simple cycle
        g.ringNodes.insert(g.ringNodes.end(), face.begin(), face.end());
        g.ringOffsets.push_back(std::uint32_t(g.ringNodes.size()));
    }
}

std::vector<std::size_t> ringSizeHistogram(const LatticeGraph& g) {
    std::vector<std::size_t> h;
    for (std::size_t r = 0; r < g.ringCount(); ++r) {
        const auto s = g.ringSize(r);
        if (h.size() <= s) h.resize(s + 1, 0);
        ++h[s];
    }
    return h;
}

} // namespace atomlens
