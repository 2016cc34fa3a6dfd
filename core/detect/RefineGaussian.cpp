#include "core/detect/RefineGaussian.h"

#include "core/detect/ColumnModels.h"
#include "core/detect/GaussianFit.h"
#include "core/detect/NeighbourGrid.h"
#include "core/detect/PoissonRefine.h"
#include "core/detect/StageTimer.h"
#include "core/job/ParallelFor.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace atomlens {
namespace {

constexpr std::size_t kMaxJoint = 8;      ///< largest group fitted as one model
constexpr double kRescueWidthRatio = 1.5; ///< fits wider or narrower than this x the typical are refitted

using refine::Box;
using refine::Column;
using refine::discBox;
using refine::median;
using refine::PositionGrid;

/// Fits one group of target columns (one or several jointly). Pass 1 (canvas == nullptr) masks pixels
/// nearer to other columns; pass 2 subtracts the canvas (all columns' models) minus the group's own.
struct GroupFitter {
    const Image& image;
    std::vector<Column>& cols;
    const PositionGrid& grid;
    const RefineParams& params;
    double maxRadius;
    const Image* canvas = nullptr;
    int canvasX0 = 0, canvasY0 = 0;
    const std::vector<char>* modelled = nullptr; ///< pass 2: which columns the canvas holds (snapshot)
    double windowScale = 1.0; ///< pass 2 widens the window: with neighbours subtracted, the tails inform
    /// Rescue refits (> 0): a lone column restarted from its centre of mass with this sigma held fixed;
    /// the canvas holds its own failed model, which is what gets added back.
    double fixedSigma = 0;

    /// The pixels of a lone column's window (row by row over the disc): pass 1 keeps those nearer to
    /// it than to any column in `others`; pass 2 subtracts the canvas minus the column's own model.
    void gatherSingle(const Column& c, const GaussianShape& own, const std::vector<std::uint32_t>& others,
                      double ownPeak, const Box& box, double xr, double yr, FitPixels& pixels) const {
        const double r2 = c.radius * c.radius * windowScale * windowScale;
        // Only a column closer than twice the window radius can be nearer to some pixel of the disc
        // than the centre is (triangle inequality; a hair of margin for rounding): the others are
        // dropped once here instead of being tested at every pixel. Positions are copied together.
        thread_local std::vector<double> near;
        near.clear();
        {
            const double reach = 2 * std::sqrt(r2) + 1e-6;
            for (std::uint32_t k : others) {
                const double dx = cols[k].x - c.x, dy = cols[k].y - c.y;
                if (dx * dx + dy * dy < reach * reach) near.push_back(cols[k].x), near.push_back(cols[k].y);
            }
        }
        const std::size_t nearCount = near.size() / 2;
        // The own model, separable for a round or axis-aligned Gaussian (pass 1 fits round columns).
        thread_local std::vector<float> ex;
        const bool separable = canvas && own.b == 0;
        if (separable) {
            ex.resize(std::size_t(box.x1 - box.x0 + 1));
            for (int x = box.x0; x <= box.x1; ++x) {
                const float dx = float(x - own.x);
                ex[std::size_t(x - box.x0)] =
                    expNegativeFloat(-0.5f * std::min(float(own.a) * dx * dx, 60.0f));
            }
        }
        for (int y = box.y0; y <= box.y1; ++y) {
            const double dy = y - c.y, dy2 = dy * dy;
            if (dy2 > r2) continue;
            const double half = std::sqrt(r2 - dy2);
            const int xa = std::max(box.x0, int(std::ceil(c.x - half))),
                      xb = std::min(box.x1, int(std::floor(c.x + half)));
            const float* row = image.row(y);
            const float* canvasRow = canvas ? canvas->row(y - canvasY0) - canvasX0 : nullptr;
            const float oy =
                separable
                    ? float(own.amplitude) *
                          expNegativeFloat(-0.5f * std::min(float(own.c * (y - own.y) * (y - own.y)), 60.0f))
                    : 0.0f;
            for (int x = xa; x <= xb; ++x) {
                float v = row[x];
                if (!std::isfinite(v)) continue;
                const double d2 = (x - c.x) * (x - c.x) + dy2;
                if (d2 > r2) continue;
                bool mine = true;
                for (std::size_t k = 0; k < nearCount; ++k)
                    if ((x - near[2 * k]) * (x - near[2 * k]) +
                            (y - near[2 * k + 1]) * (y - near[2 * k + 1]) <
                        d2) {
                        mine = false;
                        break;
                    }
                if (!mine) continue;
                if (canvas) {
                    const double ownValue =
                        separable ? double(oy * ex[std::size_t(x - box.x0)]) : own.at(x, y);
                    const double rest = canvasRow[x] - ownValue;
                    if (rest > std::max(ownValue, 0.1 * ownPeak)) continue; // a neighbour dominates
                    v = float(v - rest);
                }
                pixels.add(float(x - xr), float(y - yr), v);
            }
        }
    }

    void fit(const std::vector<std::uint32_t>& members) const {
        const int w = image.width(), h = image.height();
        const Column& first = cols[members.front()];
        const double xr = first.x, yr = first.y;
        Box box{w, h, -1, -1, false};
        double sigmaMax = 0;
        for (std::uint32_t m : members) {
            const Box b = discBox(cols[m].x, cols[m].y, cols[m].radius * windowScale, w, h);
            box.x0 = std::min(box.x0, b.x0), box.y0 = std::min(box.y0, b.y0);
            box.x1 = std::max(box.x1, b.x1), box.y1 = std::max(box.y1, b.y1), box.clipped |= b.clipped;
            sigmaMax = std::max(sigmaMax, cols[m].sigma0);
        }
        std::vector<std::uint32_t> others; // columns whose pixels we must not take
        const double reach = (maxRadius + cols[members.front()].radius) * windowScale;
        for (std::uint32_t m : members)
            grid.forEachNear(cols[m].x, cols[m].y, reach, [&](std::uint32_t k) {
                if (std::find(members.begin(), members.end(), k) == members.end() &&
                    std::find(others.begin(), others.end(), k) == others.end() &&
                    (!canvas || !(*modelled)[k]))
                    others.push_back(k);
            });
        std::vector<GaussianShape> shapes, owns; // starting models; the models the canvas holds
        double ownPeak = 0;
        for (std::uint32_t m : members) {
            const Column& c = cols[m];
            GaussianShape s = canvas && (*modelled)[m]
                                  ? c.shape
                                  : GaussianShape::circular(c.x, c.y, std::max(c.amplitude0, 1e-9), c.sigma0);
            ownPeak = std::max(ownPeak, s.amplitude);
            owns.push_back(s);
            shapes.push_back(fixedSigma > 0 ? GaussianShape::circular(
                                                  c.comX, c.comY, std::max(c.amplitude0, 1e-9), fixedSigma)
                                            : s);
        }
        thread_local FitPixels pixels;
        pixels.clear();
        if (members.size() == 1)
            gatherSingle(cols[members.front()], owns.front(), others, ownPeak, box, xr, yr, pixels);
        else
            for (int y = box.y0; y <= box.y1; ++y)
                for (int x = box.x0; x <= box.x1; ++x) {
                    float v = image.at(x, y);
                    if (!std::isfinite(v)) continue;
                    double dmin = 1e300;
                    bool inside = false;
                    for (std::uint32_t m : members) {
                        const double d2 =
                            (x - cols[m].x) * (x - cols[m].x) + (y - cols[m].y) * (y - cols[m].y);
                        dmin = std::min(dmin, d2);
                        inside |= d2 <= cols[m].radius * cols[m].radius * windowScale * windowScale;
                    }
                    if (!inside) continue;
                    bool mine = true;
                    for (std::uint32_t k : others)
                        if ((x - cols[k].x) * (x - cols[k].x) + (y - cols[k].y) * (y - cols[k].y) < dmin)
                            mine = false;
                    if (!mine) continue;
                    if (canvas) {
                        double own = 0;
                        for (const auto& sh : owns) own += sh.at(x, y);
                        const double rest = canvas->at(x - canvasX0, y - canvasY0) - own;
                        if (rest > std::max(own, 0.1 * ownPeak)) continue; // a neighbour dominates
                        v = float(v - rest);
                    }
                    pixels.add(float(x - xr), float(y - yr), v);
                }
        double background = 0;
        {
            std::vector<double> bgs;
            for (std::uint32_t m : members) bgs.push_back(cols[m].background);
            background =
                canvas && cols[members.front()].fitted ? cols[members.front()].background : median(bgs);
        }
        for (auto& s : shapes) s.x -= xr, s.y -= yr;
        FitLimits limits;
        limits.minSigma = std::max(0.3, 0.25 * sigmaMax);
        limits.maxSigma = std::max(1.0, 2.5 * sigmaMax);
        limits.maxShift = std::max(1.0, 1.5 * sigmaMax);
        // Pass 1 only has to give neighbour models for pass 2: a looser stop saves iterations.
        limits.maxIterations = canvas ? params.maxIterations : std::min(params.maxIterations, 8);
        limits.tolerance = canvas ? 1e-3 : 2e-2;
        limits.sandwich = canvas || !params.subtractNeighbours; // pass 1's covariance only if it is final
        // A pass 1 that only seeds pass 2 fits a round column (7 parameters instead of 9); pass 2
        // stops once a step is small against the position's standard error.
        limits.circular = (!canvas && params.subtractNeighbours) || fixedSigma > 0;
        limits.fixedSigma = fixedSigma > 0;
        limits.relativeTolerance = canvas ? 0.05 : 0.25;
        GaussianFitResult r;
        if (members.size() == 1 && limits.sandwich && fixedSigma <= 0) {
            // The final fit of a lone column: round first; the ellipse (two more parameters) is kept
            // only when it lowers the residuals significantly (F-test, p < 0.01), so faint columns
            // are not fitted with shapes the noise cannot support.
            std::vector<GaussianShape> round = shapes;
            double roundBackground = background;
            FitLimits roundLimits = limits;
            roundLimits.circular = true;
            const GaussianFitResult rc = fitGaussians(pixels, round, roundBackground, roundLimits);
            if (rc.converged) {
                const double m = double(pixels.size());
                const double rssRound = rc.residualVariance * (m - 7);
                auto significant = [&](const GaussianFitResult& e) {
                    return m > 12 && (rssRound - e.residualVariance * (m - 9)) / 2 > 4.7 * e.residualVariance;
                };
                // One Gauss-Newton step from the round optimum screens (it reaches nearly all of the
                // drop); only columns that pass are fitted to convergence.
                std::vector<GaussianShape> tilted = round;
                double tiltedBackground = roundBackground;
                FitLimits screen = limits;
                screen.maxIterations = 1;
                screen.sandwich = false;
                screen.residualsOnly = true; // only its residual variance is looked at
                GaussianFitResult re = fitGaussians(pixels, tilted, tiltedBackground, screen);
                if (significant(re)) {
                    tilted = round, tiltedBackground = roundBackground;
                    re = fitGaussians(pixels, tilted, tiltedBackground, limits);
                }
                if (re.converged && significant(re) && limits.maxIterations > 1)
                    r = re, shapes = tilted, background = tiltedBackground;
                else
                    r = rc, shapes = round, background = roundBackground;
            } else {
                r = fitGaussians(pixels, shapes, background, limits);
            }
        } else {
            r = fitGaussians(pixels, shapes, background, limits);
        }
        for (std::size_t k = 0; k < members.size(); ++k) {
            Column& c = cols[members[k]];
            c.atEdge = box.clipped;
            if (!r.converged) continue; // keep what we had (pass 1 result or the centre of mass)
            GaussianShape s = shapes[k];
            s.x += xr, s.y += yr;
            if (s.x < -0.5 || s.y < -0.5 || s.x > w - 0.5 || s.y > h - 0.5) continue;
            c.shape = s, c.hasShape = true, c.fitted = true;
            c.background = background;
            c.positionVariance = r.positionVariance[k];
        }
    }
};

/// Step 4b of refineRows (see there).
void rescueOutliers(const Image& image, std::vector<Column>& cols, const std::vector<std::size_t>& rows,
                    const PositionGrid& grid, const RefineParams& params, double maxRadius, JobContext& job) {
    std::vector<double> widths;
    for (std::size_t r : rows)
        if (cols[r].fitted) widths.push_back(cols[r].shape.sigma());
    if (widths.size() < 10) return; // too few columns to know what is typical
    const double typical = median(widths);
    const double drift = std::max(1.5, 0.6 * typical);
    auto runaway = [&](const Column& c) {
        const double s = c.shape.sigma();
        return s > kRescueWidthRatio * typical || s < typical / kRescueWidthRatio ||
               std::hypot(c.shape.x - c.comX, c.shape.y - c.comY) > drift;
    };
    std::vector<std::size_t> outliers;
    for (std::size_t r : rows)
        if (cols[r].hasShape && runaway(cols[r])) outliers.push_back(r);
    std::vector<char> modelled(cols.size());
    for (std::size_t i = 0; i < cols.size(); ++i) modelled[i] = cols[i].hasShape;
    if (outliers.empty()) return;
    const int w = image.width(), h = image.height();
    const double scale = params.windowRadius > 0 ? 1.0 : 3.5 / 2.5;
    double sigmaMax = 0;
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].hasShape) sigmaMax = std::max(sigmaMax, cols[i].shape.sigma());
    // Models reach 4 sigma and fits moved up to 2 x 1.5 sigma0 from the grid's positions.
    const double margin = 4 * sigmaMax + 1 + 3 * maxRadius;
    const std::vector<Column> frozen = cols; // the canvases see the models as they were, in any thread
    parallelFor(
        outliers.size(), 16,
        [&](std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i) {
                Column& c = cols[outliers[i]];
                c.x = c.comX, c.y = c.comY, c.fitted = false;
                const Box b = discBox(c.x, c.y, c.radius * scale, w, h);
                if (b.x1 < b.x0 || b.y1 < b.y0) continue;
                const Image canvas = refine::renderCanvasNear(frozen, grid, margin, b.x0, b.y0,
                                                              b.x1 - b.x0 + 1, b.y1 - b.y0 + 1);
                GroupFitter rescue{image, cols, grid,      params, maxRadius, &canvas,
                                   b.x0,  b.y0, &modelled, scale,  typical};
                rescue.fit({std::uint32_t(outliers[i])});
                if (c.fitted && std::hypot(c.shape.x - c.comX, c.shape.y - c.comY) > drift) c.fitted = false;
            }
        },
        job, "refitting run-away columns");
}

void refineRows(const Image& image, AtomTable& atoms, std::vector<std::size_t> rows,
                const RefineParams& params, JobContext& job, NoiseModel* noiseUsed = nullptr) {
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.empty() || image.empty()) return;
    if (rows.back() >= atoms.size()) throw std::out_of_range("refineAtoms: atom row out of range");
    const int w = image.width(), h = image.height();
    StageTimer timer;
    std::vector<double> sigmas;
    for (float s : atoms.sigmas())
        if (s > 0 && std::isfinite(s)) sigmas.push_back(s);
    const double fallbackSigma = params.sigma > 0 ? params.sigma : sigmas.empty() ? 2.0 : median(sigmas);

    std::vector<Column> cols(atoms.size());
    double maxRadius = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        Column& c = cols[i];
        c.x = atoms.xs()[i], c.y = atoms.ys()[i];
        const float s = atoms.sigmas()[i];
        c.sigma0 = params.sigma > 0 ? params.sigma : (s > 0 && std::isfinite(s)) ? s : fallbackSigma;
        c.sigma0 = std::clamp(c.sigma0, 0.5, 50.0);
        c.radius = params.windowRadius > 0 ? params.windowRadius : std::max(2.5, 2.5 * c.sigma0);
        maxRadius = std::max(maxRadius, c.radius);
        const float amp = atoms.amplitudes()[i];
        if (s > 0 && amp > 0 && std::isfinite(amp) && !(atoms.flags()[i] & kFlagFitFailed)) {
            c.shape = GaussianShape::circular(c.x, c.y, amp, s);
            c.hasShape = true;
        }
    }
    for (std::size_t r : rows) cols[r].target = true, cols[r].hasShape = false;
    const std::vector<double> tableX = atoms.xs(), tableY = atoms.ys();
    const PositionGrid tableGrid(cols, 2 * maxRadius);

    // 1. Centre of mass of every target.
    parallelFor(
        rows.size(), 256,
        [&](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i)
                refine::centreOfMass(image, tableX, tableY, tableGrid, cols[rows[i]], rows[i]);
        },
        job, "centre of mass");
    timer.mark("centre of mass");

    // 2. Groups of overlapping targets (union-find on pairs closer than jointDistance sigma).
    const PositionGrid grid(cols, 2 * maxRadius);
    std::vector<std::uint32_t> parent(cols.size());
    std::iota(parent.begin(), parent.end(), 0u);
    auto root = [&](std::uint32_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    for (std::size_t r : rows) {
        const Column& c = cols[r];
        const double reach = params.jointDistance * c.sigma0;
        grid.forEachNear(c.x, c.y, reach, [&](std::uint32_t k) {
            if (k == r || !cols[k].target) return;
            const double limit = params.jointDistance * std::max(c.sigma0, cols[k].sigma0);
            if (std::hypot(cols[k].x - c.x, cols[k].y - c.y) < limit)
                parent[root(std::uint32_t(r))] = root(k);
        });
    }
    std::vector<std::vector<std::uint32_t>> groups;
    {
        std::vector<std::int64_t> groupOf(cols.size(), -1);
        for (std::size_t r : rows) {
            const std::uint32_t g = root(std::uint32_t(r));
            if (groupOf[g] < 0) groupOf[g] = std::int64_t(groups.size()), groups.emplace_back();
            groups[std::size_t(groupOf[g])].push_back(std::uint32_t(r));
        }
        std::vector<std::vector<std::uint32_t>> split;
        for (auto& g : groups) {
            if (g.size() <= kMaxJoint)
                split.push_back(std::move(g));
            else
                for (std::uint32_t m : g) split.push_back({m}); // too many to fit jointly: masked singles
        }
        groups.swap(split);
    }

    timer.mark("groups");
    // 3. Pass 1: masked fits.
    GroupFitter fitter{image, cols, grid, params, maxRadius};
    parallelFor(
        groups.size(), 64,
        [&](std::size_t b, std::size_t e) {
            for (std::size_t g = b; g < e; ++g) fitter.fit(groups[g]);
        },
        job, "fitting Gaussians");
    timer.mark("pass 1");

    // 4. Pass 2: neighbours' models subtracted, full windows.
    if (params.subtractNeighbours) {
        // Windows centred on the pass-1 positions and wider (3.5 sigma by default): with the neighbours
        // subtracted the tails add information, and the background plane is pinned by a wider ring.
        const double scale = params.windowRadius > 0 ? 1.0 : 3.5 / 2.5;
        for (std::size_t r : rows)
            if (cols[r].hasShape) cols[r].x = cols[r].shape.x, cols[r].y = cols[r].shape.y;
        Box area{w, h, -1, -1, false};
        for (std::size_t r : rows) {
            const Box b = discBox(cols[r].x, cols[r].y, cols[r].radius * scale, w, h);
            area.x0 = std::min(area.x0, b.x0), area.y0 = std::min(area.y0, b.y0);
            area.x1 = std::max(area.x1, b.x1), area.y1 = std::max(area.y1, b.y1);
        }
        double windowPixels = 0;
        for (std::size_t r : rows) windowPixels += 4 * std::pow(cols[r].radius * scale + 1, 2);
        const double areaPixels = double(area.x1 - area.x0 + 1) * double(area.y1 - area.y0 + 1);
        if (area.x1 >= area.x0 && area.y1 >= area.y0 && windowPixels < 0.25 * areaPixels) {
            // Few scattered targets (a re-refinement after an edit or a second detection pass): a
            // small canvas per group from a snapshot of the models, not one over the whole area.
            const std::vector<Column> frozen = cols;
            std::vector<char> modelled(cols.size());
            for (std::size_t i = 0; i < cols.size(); ++i) modelled[i] = cols[i].hasShape;
            double sigmaMax = 0;
            for (const Column& c : frozen)
                if (c.hasShape) sigmaMax = std::max(sigmaMax, c.shape.sigma());
            const double margin = 4 * sigmaMax + 1 + 3 * maxRadius;
            parallelFor(
                groups.size(), 16,
                [&](std::size_t b, std::size_t e) {
                    for (std::size_t g = b; g < e; ++g) {
                        Box box{w, h, -1, -1, false};
                        for (std::uint32_t m : groups[g]) {
                            const Box d = discBox(cols[m].x, cols[m].y, cols[m].radius * scale, w, h);
                            box.x0 = std::min(box.x0, d.x0), box.y0 = std::min(box.y0, d.y0);
                            box.x1 = std::max(box.x1, d.x1), box.y1 = std::max(box.y1, d.y1);
                        }
                        if (box.x1 < box.x0 || box.y1 < box.y0) continue;
                        const Image canvas = refine::renderCanvasNear(
                            frozen, grid, margin, box.x0, box.y0, box.x1 - box.x0 + 1, box.y1 - box.y0 + 1);
                        GroupFitter second{image,   cols,   grid,   params,    maxRadius,
                                           &canvas, box.x0, box.y0, &modelled, scale};
                        second.fit(groups[g]);
                    }
                },
                job, "refitting with neighbours subtracted");
        } else if (area.x1 >= area.x0 && area.y1 >= area.y0) {
            const Image canvas = refine::renderCanvas(cols, area.x0, area.y0, area.x1 - area.x0 + 1,
                                                      area.y1 - area.y0 + 1, job);
            std::vector<char> modelled(cols.size());
            for (std::size_t i = 0; i < cols.size(); ++i) modelled[i] = cols[i].hasShape;
            GroupFitter second{image,   cols,    grid,    params,    maxRadius,
                               &canvas, area.x0, area.y0, &modelled, scale};
            parallelFor(
                groups.size(), 64,
                [&](std::size_t b, std::size_t e) {
                    for (std::size_t g = b; g < e; ++g) second.fit(groups[g]);
                },
                job, "refitting with neighbours subtracted");
        }
    }
    job.throwIfCanceled();
    timer.mark("pass 2");

    // 4b. Rescue: fits whose width left the population's (a neighbour's flank or a noise spike taken
    // for the column) or that ran away from the centre of mass are refitted from the centre of mass
    // with the typical sigma held fixed; if that runs away too, the centre of mass stands.
    if (params.rescueOutliers) rescueOutliers(image, cols, rows, grid, params, maxRadius, job);
    timer.mark("rescue");

    // 4c. Poisson maximum likelihood (PoissonRefine.h), from the least-squares columns.
    refine::LikelihoodOutput ml;
    if (params.likelihood == "poisson" && params.subtractNeighbours) {
        NoiseModel given;
        refine::LikelihoodSettings settings;
        if (params.gain > 0) given = noiseFromDetector(params.gain, params.readNoise, params.offset);
        settings.given = params.gain > 0 ? &given : nullptr;
        settings.windowScale = params.windowRadius > 0 ? 1.0 : 3.5 / 2.5;
        settings.sweeps = params.sweeps, settings.maxIterations = params.maxIterations;
        settings.refit = params.refitByLikelihood;
        settings.jointReach = params.jointReach;
        settings.widthPrior = params.widthPrior;
        ml = refine::likelihoodPass(image, cols, groups, grid, maxRadius, settings, job);
        job.log(JobContext::LogLevel::Info, "refinement noise model: " + ml.noise.describe());
        if (noiseUsed) *noiseUsed = ml.noise;
    } else if (params.likelihood != "poisson" && params.likelihood != "least-squares") {
        throw std::invalid_argument("refinement likelihood must be poisson or least-squares, not '" +
                                    params.likelihood + "'");
    }

    timer.mark("likelihood");
    // 5. Results (written only now, so a cancelled run leaves the table untouched).
    for (std::size_t r : rows) {
        const Column& c = cols[r];
        Atom a = atoms.at(r);
        a.flags &= ~std::uint32_t(kFlagFitFailed | kFlagAtEdge);
        if (c.atEdge) a.flags |= kFlagAtEdge;
        if (c.fitted) {
            a.x = c.shape.x, a.y = c.shape.y;
            a.sigma = float(c.shape.sigma());
            a.amplitude = float(c.shape.amplitude);
            a.intensity = float(c.shape.volume());
            a.uncertainty = float(std::sqrt(std::max(0.0, c.positionVariance)));
            a.errors = ColumnErrors{}, a.crlb = ColumnErrors{};
            a.errors.x = a.errors.y = a.uncertainty;
            if (!ml.done.empty() && ml.done[r]) a.errors = ml.errors[r], a.crlb = ml.bounds[r];
        } else {
            a.errors = ColumnErrors{}, a.crlb = ColumnErrors{};
            a.x = c.x, a.y = c.y;
            a.sigma = float(c.sigma0);
            a.amplitude = float(std::max(0.0, c.amplitude0));
            a.intensity = float(std::max(0.0, c.amplitude0) * 2 * 3.14159265358979 * c.sigma0 * c.sigma0);
            a.uncertainty = 0;
            a.flags |= kFlagFitFailed;
        }
        atoms.set(r, a);
    }
    timer.mark("results");
    job.log(JobContext::LogLevel::Info, "refinement of " + std::to_string(rows.size()) +
                                            " columns (wall/CPU/this thread): " + timer.summary());
}

} // namespace

const std::vector<ParamField<RefineParams>>& RefineParams::fields() {
    using P = RefineParams;
    static const std::vector<ParamField<P>> f = {
        numberField<P>("sigma", "Starting column sigma", "px", 0, 100, &P::sigma, "0 = from detection"),
        numberField<P>("window", "Fit window radius", "px", 0, 200, &P::windowRadius, "0 = 3 sigma"),
        numberField<P>("joint_distance", "Joint fit below", "sigma", 0, 10, &P::jointDistance,
                       "columns closer than this are fitted as one model"),
        flagField<P>("subtract_neighbours", "Subtract neighbours", &P::subtractNeighbours,
                     "refit with the neighbours' Gaussians subtracted"),
        integerField<P>("max_iterations", "Iterations", 1, 1000, &P::maxIterations),
        choiceField<P>("likelihood", "Likelihood", {"poisson", "least-squares"}, &P::likelihood,
                       "poisson: final maximum-likelihood pass with standard errors and Cramer-Rao bounds"),
        numberField<P>("gain", "Detector gain", "units/e", 0, 1e9, &P::gain, "0 = estimate from the image"),
        numberField<P>("read_noise", "Read noise", "units", 0, 1e9, &P::readNoise, "with a given gain"),
        numberField<P>("offset", "Dark offset", "units", -1e9, 1e9, &P::offset, "with a given gain"),
        flagField<P>("rescue_outliers", "Rescue outlier fits", &P::rescueOutliers,
                     "refit columns whose width or position ran off, with the typical sigma fixed"),
    };
    return f;
}

void refineAtoms(const Image& image, AtomTable& atoms, const RefineParams& params, JobContext& job,
                 NoiseModel* noiseUsed) {
    std::vector<std::size_t> rows(atoms.size());
    std::iota(rows.begin(), rows.end(), std::size_t(0));
    refineRows(image, atoms, std::move(rows), params, job, noiseUsed);
}

Image renderAtomModels(const AtomTable& atoms, double blurSigma, int width, int height, JobContext& job) {
    std::vector<GaussianShape> shapes;
    shapes.reserve(atoms.size());
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const double s = atoms.sigmas()[i], amp = atoms.amplitudes()[i];
        if ((atoms.flags()[i] & kFlagFitFailed) || !(s > 0) || !(amp > 0) || !std::isfinite(amp)) continue;
        const double widened = s * s + blurSigma * blurSigma; // Gaussian * Gaussian: variances add
        shapes.push_back(
            GaussianShape::circular(atoms.xs()[i], atoms.ys()[i], amp * s * s / widened, std::sqrt(widened)));
    }
    // Out to 3 sigma (1% of the peak): enough to uncover a column beside a brighter one, at half the cost.
    return refine::renderShapes(shapes, 0, 0, width, height, job, 3.0);
}

Image atomModelResidual(const Image& image, const AtomTable& atoms, double blurSigma, JobContext& job) {
    Image residual = renderAtomModels(atoms, blurSigma, image.width(), image.height(), job);
    const std::size_t w = std::size_t(image.width());
    parallelFor(
        std::size_t(image.height()), 64,
        [&](std::size_t y0, std::size_t y1) {
            for (std::size_t i = y0 * w; i < y1 * w; ++i)
                residual.pixels()[i] = image.pixels()[i] - residual.pixels()[i];
        },
        job);
    return residual;
}

void refineAtomsNear(const Image& image, AtomTable& atoms, const std::vector<std::size_t>& rows,
                     const RefineParams& params, JobContext& job) {
    std::vector<std::size_t> all = rows;
    double reachMax = 0;
    for (std::size_t r : rows) {
        if (r >= atoms.size()) throw std::out_of_range("refineAtomsNear: atom row out of range");
        const float s = atoms.sigmas()[r];
        reachMax =
            std::max(reachMax, 2 * (params.windowRadius > 0 ? params.windowRadius : 3.0 * (s > 0 ? s : 2.0)));
    }
    // Which atoms are near matters, not in what order (refineRows sorts the rows).
    const NeighbourGrid grid(atoms.xs(), atoms.ys(), std::max(1.0, reachMax));
    for (std::size_t r : rows) {
        const float s = atoms.sigmas()[r];
        const double reach = 2 * (params.windowRadius > 0 ? params.windowRadius : 3.0 * (s > 0 ? s : 2.0));
        grid.forEachNear(atoms.xs()[r], atoms.ys()[r], reach, [&](std::uint32_t k) {
            if (std::hypot(atoms.xs()[k] - atoms.xs()[r], atoms.ys()[k] - atoms.ys()[r]) < reach)
                all.push_back(k);
        });
    }
    refineRows(image, atoms, std::move(all), params, job);
}

} // namespace atomlens
