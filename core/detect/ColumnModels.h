#pragma once
// Internal to refinement (RefineGaussian.cpp): the per-column state, a position grid, window boxes,
// the centre-of-mass start and the rendering of all fitted models into one canvas image.
#include "core/data/Image.h"
#include "core/data/PointIndex.h"
#include "core/detect/GaussianFit.h"
#include "core/job/JobContext.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace atomlens {
namespace refine {

/// Everything the refinement knows about one atom of the table.
struct Column {
    double x = 0, y = 0;       ///< current best position (table, then centre of mass)
    double comX = 0, comY = 0; ///< centre of mass (the start every fit can fall back to)
    double sigma0 = 2, radius = 6;
    bool target = false;
    bool hasShape = false; ///< a model exists to subtract in pass 2
    GaussianShape shape;   ///< absolute coordinates
    double background = 0;
    double amplitude0 = 0;
    double positionVariance = 0;
    bool fitted = false, atEdge = false;
};

/// Column positions (at construction) in the spatial index, queried the way refinement was tuned: a
/// query lists the columns of every cell of side `cell` that the bounding box of the disc touches (a
/// superset of the disc), in cell order (row, column, then index). Fits and canvas sums depend on that
/// set and order, so it is kept exactly while the search itself is PointIndex's.
/// The columns are bucketed by cell (ascending index within a cell), so a query walks the touched
/// cells row by row and yields that order without a search, a sort or an allocation. Only when the
/// positions spread over far more cells than there are columns (stray coordinates) does the grid fall
/// back to the k-d tree and sort its hits into the same order.
class PositionGrid {
public:
    PositionGrid(const std::vector<Column>& cols, double cell);
    /// Calls f(index) for every column in the cells that a disc of radius r around (x, y) touches.
    template <class F> void forEachNear(double x, double y, double r, F&& f) const {
        const int cx0 = std::max(0, int((x - r - m_x0) / m_cell)),
                  cx1 = std::min(m_w - 1, int((x + r - m_x0) / m_cell));
        const int cy0 = std::max(0, int((y - r - m_y0) / m_cell)),
                  cy1 = std::min(m_h - 1, int((y + r - m_y0) / m_cell));
        if (cx0 > cx1 || cy0 > cy1) return;
        if (m_start.empty()) {
            for (std::uint32_t k : nearSearched(x, y, cx0, cx1, cy0, cy1)) f(k);
            return;
        }
        for (int cy = cy0; cy <= cy1; ++cy) {
            const std::size_t row = std::size_t(cy) * std::size_t(m_w);
            const std::uint32_t* p = m_members.data() + m_start[row + std::size_t(cx0)];
            const std::uint32_t* end = m_members.data() + m_start[row + std::size_t(cx1) + 1];
            for (; p != end; ++p) f(*p);
        }
    }

private:
    std::vector<std::uint32_t> nearSearched(double x, double y, int cx0, int cx1, int cy0, int cy1) const;
    std::size_t cellIndex(double x, double y) const;
    double m_cell, m_x0 = 0, m_y0 = 0;
    int m_w = 1, m_h = 1;
    std::vector<std::uint32_t> m_start;   ///< per cell (row-major), where its columns begin in m_members
    std::vector<std::uint32_t> m_members; ///< column indices, by cell then index
    std::unique_ptr<PointIndex> m_index;  ///< the fallback search (m_start empty)
};

/// Integer pixel bounds of a disc, clipped to the image; `clipped` tells whether the disc was cut.
struct Box {
    int x0, y0, x1, y1;
    bool clipped;
};
/// The bounds of the disc of radius r around (x, y) in a w x h image.
Box discBox(double x, double y, double r, int w, int h);

/// Median of the values (0 for none).
double median(std::vector<double> v);

/// Centre of mass above a local background (20th percentile of the window), iterated over the pixels
/// nearer to column `self` than to any other table position; sets x, y, comX, comY, background and
/// amplitude0 of `c`.
void centreOfMass(const Image& image, const std::vector<double>& tableX, const std::vector<double>& tableY,
                  const PositionGrid& grid, Column& c, std::size_t self);

/// Renders the models of all columns with a shape into a canvas covering [x0, x0+w) x [y0, y0+h), each
/// out to reachSigmas of its widest axis (4: the tails below 3e-4 of the peak are left out).
Image renderCanvas(const std::vector<Column>& cols, int x0, int y0, int w, int h, JobContext& job,
                   double reachSigmas = 4.0);

/// The same for models alone (no Column state), each at its own position (shape.x, shape.y) and in the
/// order renderCanvas would add columns at those positions listed in the same order.
Image renderShapes(const std::vector<GaussianShape>& shapes, int x0, int y0, int w, int h, JobContext& job,
                   double reachSigmas = 4.0);

/// The same for a small canvas, serially: only the columns the grid lists within `margin` px of the
/// canvas (margin must cover how far models reach and moved since the grid was built).
Image renderCanvasNear(const std::vector<Column>& cols, const PositionGrid& grid, double margin, int x0,
                       int y0, int w, int h);

} // namespace refine
} // namespace atomlens
