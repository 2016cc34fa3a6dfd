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
class PositionGrid {
public:
    PositionGrid(const std::vector<Column>& cols, double cell);
    /// Calls f(index) for every column in the cells that a disc of radius r around (x, y) touches.
    template <class F> void forEachNear(double x, double y, double r, F&& f) const {
        for (std::uint32_t k : near(x, y, r)) f(k);
    }

private:
    std::vector<std::uint32_t> near(double x, double y, double r) const;
    std::size_t cellIndex(double x, double y) const;
    PointIndex m_index;
    double m_cell, m_x0 = 0, m_y0 = 0;
    int m_w = 1, m_h = 1;
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

/// The same for a small canvas, serially: only the columns the grid lists within `margin` px of the
/// canvas (margin must cover how far models reach and moved since the grid was built).
Image renderCanvasNear(const std::vector<Column>& cols, const PositionGrid& grid, double margin, int x0,
                       int y0, int w, int h);

} // namespace refine
} // namespace atomlens
