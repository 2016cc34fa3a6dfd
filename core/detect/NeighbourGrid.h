#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace atomlens {

/// A uniform grid over 2-D points for "is anything within r" loops that test the exact distance
/// themselves (duplicate and separation checks): a query visits every point of the cells that the
/// square around the disc touches, a superset of the disc, in no particular order. Building is one
/// counting sort; a query allocates nothing. Non-finite points are never visited.
class NeighbourGrid {
public:
    /// Points (x[i], y[i]); `radius` is the largest query radius planned (it sets the cell size,
    /// which is also at least the typical spacing of n points over their bounding box).
    NeighbourGrid(const std::vector<double>& x, const std::vector<double>& y, double radius);

    /// Calls f(index) for every point in the cells touched by the square of half-side r around (x, y).
    template <class F> void forEachNear(double x, double y, double r, F&& f) const {
        if (!(r >= 0) || !std::isfinite(x) || !std::isfinite(y) || m_start.empty()) return;
        r = r * (1 + 1e-9) + 1e-9; // points at the very edge are the callers' to judge
        const int cx0 = cellOf(x - r - m_x0, m_w), cx1 = cellOf(x + r - m_x0, m_w);
        const int cy0 = cellOf(y - r - m_y0, m_h), cy1 = cellOf(y + r - m_y0, m_h);
        for (int cy = cy0; cy <= cy1; ++cy) {
            const std::size_t row = std::size_t(cy) * std::size_t(m_w);
            const std::uint32_t* p = m_members.data() + m_start[row + std::size_t(cx0)];
            const std::uint32_t* end = m_members.data() + m_start[row + std::size_t(cx1) + 1];
            for (; p != end; ++p) f(*p);
        }
    }

private:
    int cellOf(double offset, int cells) const {
        return int(std::clamp(std::floor(offset / m_cell), 0.0, double(cells - 1)));
    }
    double m_cell = 1, m_x0 = 0, m_y0 = 0;
    int m_w = 0, m_h = 0;
    std::vector<std::uint32_t> m_start, m_members;
};

} // namespace atomlens
