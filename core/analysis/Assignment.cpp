#include "core/analysis/Assignment.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace atomlens {
namespace {

/// Hungarian method (shortest augmenting paths with potentials) on a dense n x m cost matrix, n <= m.
/// Returns, per row, its column.
std::vector<std::size_t> hungarian(const std::vector<double>& cost, std::size_t n, std::size_t m) {
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> u(n + 1, 0), v(m + 1, 0);
    std::vector<std::size_t> p(m + 1, 0), way(m + 1, 0);
    for (std::size_t i = 1; i <= n; ++i) {
        p[0] = i;
        std::size_t j0 = 0;
        std::vector<double> minv(m + 1, inf);
        std::vector<char> used(m + 1, 0);
        do {
            used[j0] = 1;
            const std::size_t i0 = p[j0];
            double delta = inf;
            std::size_t j1 = 0;
            for (std::size_t j = 1; j <= m; ++j) {
                if (used[j]) continue;
                const double cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                if (cur < minv[j]) minv[j] = cur, way[j] = j0;
                if (minv[j] < delta) delta = minv[j], j1 = j;
            }
            for (std::size_t j = 0; j <= m; ++j)
                if (used[j])
                    u[p[j]] += delta, v[j] -= delta;
                else
                    minv[j] -= delta;
            j0 = j1;
        } while (p[j0] != 0);
        do {
            const std::size_t j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
    std::vector<std::size_t> rowToCol(n, 0);
    for (std::size_t j = 1; j <= m; ++j)
        if (p[j]) rowToCol[p[j] - 1] = j - 1;
    return rowToCol;
}

std::size_t findRoot(std::vector<std::size_t>& parent, std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

} // namespace

std::vector<long> solveAssignment(std::size_t rows, std::size_t cols,
                                  const std::vector<AssignmentCandidate>& candidates) {
    std::vector<long> result(rows, -1);
    if (candidates.empty()) return result;
    // Components over rows [0, rows) and columns [rows, rows + cols).
    std::vector<std::size_t> parent(rows + cols);
    std::iota(parent.begin(), parent.end(), std::size_t(0));
    double maxCost = 0;
    for (const auto& c : candidates) {
        parent[findRoot(parent, c.row)] = findRoot(parent, rows + c.col);
        maxCost = std::max(maxCost, c.cost);
    }
    std::vector<std::vector<std::size_t>> byRoot(rows + cols);
    for (std::size_t k = 0; k < candidates.size(); ++k)
        byRoot[findRoot(parent, candidates[k].row)].push_back(k);
    // A forbidden pair costs more than any full set of allowed pairs, so the solver first maximises the
    // number of allowed pairs, then minimises their cost.
    for (const auto& list : byRoot) {
        if (list.empty()) continue;
        std::vector<std::size_t> rowIds, colIds;
        for (std::size_t k : list) rowIds.push_back(candidates[k].row), colIds.push_back(candidates[k].col);
        std::sort(rowIds.begin(), rowIds.end()),
            rowIds.erase(std::unique(rowIds.begin(), rowIds.end()), rowIds.end());
        std::sort(colIds.begin(), colIds.end()),
            colIds.erase(std::unique(colIds.begin(), colIds.end()), colIds.end());
        if (list.size() == 1) {
            result[candidates[list[0]].row] = long(candidates[list[0]].col);
            continue;
        }
        const bool transpose = rowIds.size() > colIds.size();
        const std::size_t n = transpose ? colIds.size() : rowIds.size(),
                          m = transpose ? rowIds.size() : colIds.size();
        const double forbidden = (maxCost + 1) * double(n + 1) * 2;
        std::vector<double> cost(n * m, forbidden);
        std::vector<char> allowed(n * m, 0);
        for (std::size_t k : list) {
            const std::size_t r = std::size_t(
                std::lower_bound(rowIds.begin(), rowIds.end(), candidates[k].row) - rowIds.begin());
            const std::size_t c = std::size_t(
                std::lower_bound(colIds.begin(), colIds.end(), candidates[k].col) - colIds.begin());
            const std::size_t idx = transpose ? c * m + r : r * m + c;
            cost[idx] = std::min(allowed[idx] ? cost[idx] : forbidden, candidates[k].cost);
            allowed[idx] = 1;
        }
        const auto match = hungarian(cost, n, m);
        for (std::size_t i = 0; i < n; ++i) {
            if (!allowed[i * m + match[i]]) continue;
            const std::size_t r = transpose ? rowIds[match[i]] : rowIds[i];
            const std::size_t c = transpose ? colIds[i] : colIds[match[i]];
            result[r] = long(c);
        }
    }
    return result;
}

} // namespace atomlens
