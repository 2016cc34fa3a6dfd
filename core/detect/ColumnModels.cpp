#include "core/detect/ColumnModels.h"

#include "core/job/ParallelFor.h"

#include <cmath>

namespace atomlens {
namespace refine {

namespace {
std::vector<Point2> positionsOf(const std::vector<Column>& cols) {
    std::vector<Point2> p(cols.size());
    for (std::size_t i = 0; i < cols.size(); ++i) p[i] = {cols[i].x, cols[i].y};
    return p;
}
} // namespace

PositionGrid::PositionGrid(const std::vector<Column>& cols, double cell) : m_cell(std::max(1.0, cell)) {
    double minX = 0, minY = 0, maxX = 1, maxY = 1;
    for (const auto& c : cols)
        minX = std::min(minX, c.x), minY = std::min(minY, c.y), maxX = std::max(maxX, c.x),
        maxY = std::max(maxY, c.y);
    m_x0 = minX, m_y0 = minY;
    const double cellsX = (maxX - minX) / m_cell + 1, cellsY = (maxY - minY) / m_cell + 1;
    // Buckets unless the positions spread over far more cells than columns (or beyond int range).
    if (cellsX * cellsY <= std::max(4.0 * double(cols.size()), double(1 << 20))) {
        m_w = int(cellsX), m_h = int(cellsY);
        const std::size_t cells = std::size_t(m_w) * std::size_t(m_h);
        m_start.assign(cells + 1, 0);
        // Non-finite positions are in no cell (the distance search never found them either).
        auto finite = [&](const Column& c) { return std::isfinite(c.x) && std::isfinite(c.y); };
        for (const auto& c : cols)
            if (finite(c)) ++m_start[cellIndex(c.x, c.y) + 1];
        for (std::size_t i = 0; i < cells; ++i) m_start[i + 1] += m_start[i];
        m_members.resize(m_start[cells]);
        std::vector<std::uint32_t> fill(m_start.begin(), m_start.end() - 1);
        for (std::size_t i = 0; i < cols.size(); ++i) // ascending index within each cell
            if (finite(cols[i])) m_members[fill[cellIndex(cols[i].x, cols[i].y)]++] = std::uint32_t(i);
    } else {
        m_w = int(std::min(cellsX, 2e9)), m_h = int(std::min(cellsY, 2e9));
        m_index = std::make_unique<PointIndex>(positionsOf(cols));
    }
}

std::size_t PositionGrid::cellIndex(double x, double y) const {
    const int cx = std::clamp(int((x - m_x0) / m_cell), 0, m_w - 1),
              cy = std::clamp(int((y - m_y0) / m_cell), 0, m_h - 1);
    return std::size_t(cy) * std::size_t(m_w) + std::size_t(cx);
}

std::vector<std::uint32_t> PositionGrid::nearSearched(double x, double y, int cx0, int cx1, int cy0,
                                                      int cy1) const {
    std::vector<std::uint32_t> out;
    // The disc around (x, y) that holds the touched cells' rectangle, then the rectangle's cells.
    const double left = m_x0 + cx0 * m_cell, right = m_x0 + (cx1 + 1) * m_cell;
    const double top = m_y0 + cy0 * m_cell, bottom = m_y0 + (cy1 + 1) * m_cell;
    const double reach = std::hypot(std::max(x - left, right - x), std::max(y - top, bottom - y)) + m_cell;
    std::vector<std::pair<std::size_t, std::uint32_t>> hits; // (cell, index)
    std::vector<std::pair<std::uint32_t, double>> inReach;
    m_index->within(x, y, reach, inReach, false);
    for (const auto& [k, d] : inReach) {
        const Point2 p = m_index->point(k);
        const std::size_t cell = cellIndex(p.x, p.y);
        const int cx = int(cell % std::size_t(m_w)), cy = int(cell / std::size_t(m_w));
        if (cx >= cx0 && cx <= cx1 && cy >= cy0 && cy <= cy1) hits.push_back({cell, k});
    }
    std::sort(hits.begin(), hits.end());
    out.reserve(hits.size());
    for (const auto& h : hits) out.push_back(h.second);
    return out;
}

Box discBox(double x, double y, double r, int w, int h) {
    Box b{int(std::ceil(x - r)), int(std::ceil(y - r)), int(std::floor(x + r)), int(std::floor(y + r)),
          false};
    b.clipped = b.x0 < 0 || b.y0 < 0 || b.x1 > w - 1 || b.y1 > h - 1;
    b.x0 = std::max(0, b.x0), b.y0 = std::max(0, b.y0), b.x1 = std::min(w - 1, b.x1),
    b.y1 = std::min(h - 1, b.y1);
    return b;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

void centreOfMass(const Image& image, const std::vector<double>& tableX, const std::vector<double>& tableY,
                  const PositionGrid& grid, Column& c, std::size_t self) {
    const int w = image.width(), h = image.height();
    thread_local std::vector<float> values;
    const double rc = std::max(1.5, 1.2 * c.sigma0);
    {
        // Local background: the 20th percentile of the window (the support between columns).
        const Box box = discBox(c.x, c.y, c.radius, w, h);
        values.clear();
        for (int y = box.y0; y <= box.y1; ++y)
            for (int x = box.x0; x <= box.x1; ++x) {
                const float v = image.at(x, y);
                if (std::isfinite(v) && (x - c.x) * (x - c.x) + (y - c.y) * (y - c.y) <= c.radius * c.radius)
                    values.push_back(v);
            }
        if (values.empty()) return;
        auto q = values.begin() + std::ptrdiff_t(values.size() / 5);
        std::nth_element(values.begin(), q, values.end());
        c.background = *q;
    }
    thread_local std::vector<std::uint32_t> near;
    thread_local std::vector<double> close; // positions of the columns that can take a pixel (x, y pairs)
    near.clear();
    grid.forEachNear(c.x, c.y, 2 * rc + c.radius, [&](std::uint32_t k) {
        if (k != self) near.push_back(k);
    });
    for (int iter = 0; iter < 2; ++iter) {
        double sw = 0, sx = 0, sy = 0;
        const Box inner = discBox(c.x, c.y, rc, w, h);
        // A column farther than 2 rc from the centre is never nearer to a pixel of the disc than the
        // centre is (triangle inequality, a hair of margin for rounding): left out of the pixel test.
        close.clear();
        for (std::uint32_t k : near) {
            const double dx = tableX[k] - c.x, dy = tableY[k] - c.y, reach = 2 * rc + 1e-6;
            if (dx * dx + dy * dy < reach * reach) close.push_back(tableX[k]), close.push_back(tableY[k]);
        }
        const std::size_t closeCount = close.size() / 2;
        for (int y = inner.y0; y <= inner.y1; ++y)
            for (int x = inner.x0; x <= inner.x1; ++x) {
                const double d2 = (x - c.x) * (x - c.x) + (y - c.y) * (y - c.y);
                const float v = image.at(x, y);
                if (d2 > rc * rc || !std::isfinite(v) || v <= c.background) continue;
                bool mine = true;
                for (std::size_t k = 0; k < closeCount && mine; ++k)
                    mine = !((x - close[2 * k]) * (x - close[2 * k]) +
                                 (y - close[2 * k + 1]) * (y - close[2 * k + 1]) <
                             d2);
                if (!mine) continue;
                const double wgt = v - c.background;
                sw += wgt, sx += wgt * x, sy += wgt * y;
            }
        if (sw <= 0) break;
        const double nx = sx / sw, ny = sy / sw;
        if (std::hypot(nx - tableX[self], ny - tableY[self]) > c.radius) break;
        c.x = nx, c.y = ny;
    }
    c.comX = c.x, c.comY = c.y;
    const int px = std::clamp(int(std::lround(c.x)), 0, w - 1),
              py = std::clamp(int(std::lround(c.y)), 0, h - 1);
    double peak = 0;
    int count = 0;
    for (int y = std::max(0, py - 1); y <= std::min(h - 1, py + 1); ++y)
        for (int x = std::max(0, px - 1); x <= std::min(w - 1, px + 1); ++x)
            if (std::isfinite(image.at(x, y))) peak += image.at(x, y), ++count;
    c.amplitude0 = count ? peak / count - c.background : 0;
}

namespace {

/// Adds one model to rows [ry0, ry1) of a canvas whose pixel (0, 0) is image pixel (x0, y0).
void addModel(Image& canvas, const GaussianShape& s, double reachSigmas, int x0, int y0, int ry0, int ry1,
              std::vector<float>& ex) {
    const int w = canvas.width();
    const double reach = reachSigmas * std::max(1.0 / std::sqrt(std::min(s.a, s.c)), s.sigma()) + 1;
    const int cx0 = std::max(0, int(std::ceil(s.x - reach)) - x0),
              cx1 = std::min(w - 1, int(s.x + reach) - x0);
    const int cy0 = std::max(ry0, int(std::ceil(s.y - reach)) - y0),
              cy1 = std::min(ry1 - 1, int(s.y + reach) - y0);
    if (cx1 < cx0) return;
    // exp(-(a dx^2 + c dy^2)/2) = ex(x) ey(y): one exponential per row and column; a tilted ellipse
    // (b != 0) needs one per pixel.
    ex.resize(std::size_t(cx1 - cx0 + 1));
    for (int x = cx0; x <= cx1; ++x) {
        const float dx = float(x + x0 - s.x);
        ex[std::size_t(x - cx0)] = expNegativeFloat(-0.5f * std::min(float(s.a) * dx * dx, 60.0f));
    }
    for (int y = cy0; y <= cy1; ++y) {
        float* row = canvas.row(y);
        const float dy = float(y + y0 - s.y);
        const float ey = float(s.amplitude) * expNegativeFloat(-0.5f * std::min(float(s.c) * dy * dy, 60.0f));
        if (s.b == 0) {
            for (int x = cx0; x <= cx1; ++x) row[x] += ey * ex[std::size_t(x - cx0)];
        } else {
            for (int x = cx0; x <= cx1; ++x) {
                const float dx = float(x + x0 - s.x);
                const float q = float(s.a) * dx * dx + 2 * float(s.b) * dx * dy + float(s.c) * dy * dy;
                if (q < 32) row[x] += float(s.amplitude) * expNegativeFloat(-0.5f * q);
            }
        }
    }
}

/// The canvas of the models listed in `order` (sorted by yOf), in bands of rows on the job's threads.
template <class YOf, class ShapeOf>
Image renderOrdered(const std::vector<std::uint32_t>& order, YOf yOf, ShapeOf shapeOf, int x0, int y0, int w,
                    int h, JobContext& job, double reachSigmas) {
    Image canvas(w, h, 0.0f);
    double reachMax = 0;
    for (std::uint32_t i : order) reachMax = std::max(reachMax, reachSigmas * shapeOf(i).sigma() + 1);
    const std::size_t band = 32;
    parallelFor((std::size_t(h) + band - 1) / band, 1,
                [&](std::size_t b0, std::size_t b1) {
                    std::vector<float> ex;
                    for (std::size_t b = b0; b < b1; ++b) {
                        const int ry0 = int(b * band), ry1 = std::min(h, int((b + 1) * band)); // canvas rows
                        const double ylo = y0 + ry0 - reachMax, yhi = y0 + ry1 - 1 + reachMax;
                        auto it = std::lower_bound(order.begin(), order.end(), ylo,
                                                   [&](std::uint32_t i, double v) { return yOf(i) < v; });
                        for (; it != order.end() && yOf(*it) <= yhi; ++it)
                            addModel(canvas, shapeOf(*it), reachSigmas, x0, y0, ry0, ry1, ex);
                    }
                },
                job);
    return canvas;
}

} // namespace

Image renderCanvas(const std::vector<Column>& cols, int x0, int y0, int w, int h, JobContext& job,
                   double reachSigmas) {
    std::vector<std::uint32_t> order;
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].hasShape) order.push_back(std::uint32_t(i));
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return cols[a].y < cols[b].y; });
    return renderOrdered(
        order, [&](std::uint32_t i) { return cols[i].y; },
        [&](std::uint32_t i) -> const GaussianShape& { return cols[i].shape; }, x0, y0, w, h, job,
        reachSigmas);
}

Image renderShapes(const std::vector<GaussianShape>& shapes, int x0, int y0, int w, int h, JobContext& job,
                   double reachSigmas) {
    // The same sequence of keys as renderCanvas sorts for columns at these positions, so the same
    // order of summation into each pixel.
    std::vector<std::uint32_t> order(shapes.size());
    for (std::size_t i = 0; i < shapes.size(); ++i) order[i] = std::uint32_t(i);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return shapes[a].y < shapes[b].y; });
    return renderOrdered(
        order, [&](std::uint32_t i) { return shapes[i].y; },
        [&](std::uint32_t i) -> const GaussianShape& { return shapes[i]; }, x0, y0, w, h, job, reachSigmas);
}

Image renderCanvasNear(const std::vector<Column>& cols, const PositionGrid& grid, double margin, int x0,
                       int y0, int w, int h) {
    Image canvas(w, h, 0.0f);
    std::vector<float> ex;
    const double cx = x0 + 0.5 * (w - 1), cy = y0 + 0.5 * (h - 1);
    grid.forEachNear(cx, cy, 0.5 * std::hypot(w, h) + margin, [&](std::uint32_t k) {
        if (cols[k].hasShape) addModel(canvas, cols[k].shape, 4.0, x0, y0, 0, h, ex);
    });
    return canvas;
}

} // namespace refine
} // namespace atomlens
