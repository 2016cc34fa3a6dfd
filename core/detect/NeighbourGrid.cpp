#include "core/detect/NeighbourGrid.h"

namespace atomlens {

NeighbourGrid::NeighbourGrid(const std::vector<double>& x, const std::vector<double>& y, double radius) {
    const std::size_t n = std::min(x.size(), y.size());
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    std::size_t finite = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
        if (finite++ == 0) minX = maxX = x[i], minY = maxY = y[i];
        minX = std::min(minX, x[i]), maxX = std::max(maxX, x[i]);
        minY = std::min(minY, y[i]), maxY = std::max(maxY, y[i]);
    }
    if (finite == 0) return;
    // Cells no smaller than the query radius (a query touches at most 3 x 3 of them) nor than the
    // typical spacing (about one point per cell), and at most about 4 million of them in all.
    const double area = std::max(1.0, (maxX - minX) * (maxY - minY));
    m_cell = std::max({radius, std::sqrt(area / double(finite)), 1e-9});
    m_cell = std::max(m_cell, std::max(maxX - minX, maxY - minY) / 2048.0);
    m_x0 = minX, m_y0 = minY;
    m_w = int((maxX - minX) / m_cell) + 1, m_h = int((maxY - minY) / m_cell) + 1;
    const std::size_t cells = std::size_t(m_w) * std::size_t(m_h);
    std::vector<std::uint32_t> cellOfPoint(n, std::uint32_t(-1));
    m_start.assign(cells + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
        const std::size_t c =
            std::size_t(cellOf(y[i] - m_y0, m_h)) * std::size_t(m_w) + std::size_t(cellOf(x[i] - m_x0, m_w));
        cellOfPoint[i] = std::uint32_t(c);
        ++m_start[c + 1];
    }
    for (std::size_t c = 0; c < cells; ++c) m_start[c + 1] += m_start[c];
    m_members.resize(m_start[cells]);
    std::vector<std::uint32_t> fill(m_start.begin(), m_start.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
        if (cellOfPoint[i] != std::uint32_t(-1)) m_members[fill[cellOfPoint[i]]++] = std::uint32_t(i);
}

} // namespace atomlens
