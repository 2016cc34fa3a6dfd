#include "core/detect/PoissonRefine.h"

#include "core/detect/PoissonFit.h"
#include "core/job/ParallelFor.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace atomlens {
namespace refine {
namespace {

constexpr std::size_t kMaxJointColumns = 8; ///< fitGaussiansLikelihood's limit

/// The pixels of one group's window with the other columns' models subtracted.
struct Window {
    FitPixels pixels;
    std::vector<float> rest;
    double xr = 0, yr = 0;
    bool clipped = false;
};

/// The canvas (all models of a snapshot) and how to read it.
struct CanvasView {
    const Image* canvas = nullptr;
    int x0 = 0, y0 = 0;
    float at(int x, int y) const { return canvas->row(y - y0)[x - x0]; }
};

inline float modelAt(const GaussianShape& s, int x, int y) {
    const float dx = float(x - s.x), dy = float(y - s.y);
    const float q = float(s.a) * dx * dx + 2 * float(s.b) * dx * dy + float(s.c) * dy * dy;
    return float(s.amplitude) * expNegativeFloat(-0.5f * std::min(q, 60.0f));
}

Box groupBox(const std::vector<Column>& snap, const std::vector<std::uint32_t>& members, double scale, int w,
             int h) {
    Box box{w, h, -1, -1, false};
    for (std::uint32_t m : members) {
        const Box b = discBox(snap[m].shape.x, snap[m].shape.y, snap[m].radius * scale, w, h);
        box.x0 = std::min(box.x0, b.x0), box.y0 = std::min(box.y0, b.y0);
        box.x1 = std::max(box.x1, b.x1), box.y1 = std::max(box.y1, b.y1), box.clipped |= b.clipped;
    }
    return box;
}

void gather(const Image& image, const std::vector<Column>& snap, const std::vector<std::uint32_t>& members,
            const CanvasView& view, const PositionGrid& grid, double maxRadius, double scale, Window& out) {
    const int w = image.width(), h = image.height();
    out.pixels.clear(), out.rest.clear();
    {
        const double r = snap[members.front()].radius * scale;
        const std::size_t expect = std::size_t(4 * (r + 1) * (r + 1) * double(members.size()));
        out.pixels.x.reserve(expect), out.pixels.y.reserve(expect), out.pixels.v.reserve(expect),
            out.rest.reserve(expect);
    }
    Box box = groupBox(snap, members, scale, w, h);
    out.clipped = box.clipped;
    // Never read outside the canvas (it covers every window it is used for; this only guards).
    box.x0 = std::max(box.x0, view.x0), box.y0 = std::max(box.y0, view.y0);
    box.x1 = std::min(box.x1, view.x0 + view.canvas->width() - 1);
    box.y1 = std::min(box.y1, view.y0 + view.canvas->height() - 1);
    out.xr = snap[members.front()].shape.x, out.yr = snap[members.front()].shape.y;
    std::vector<std::uint32_t> unmodelled;
    for (std::uint32_t m : members)
        grid.forEachNear(
            snap[m].shape.x, snap[m].shape.y, (maxRadius + snap[m].radius) * scale + 3, [&](std::uint32_t k) {
                if (!snap[k].hasShape && std::find(members.begin(), members.end(), k) == members.end() &&
                    std::find(unmodelled.begin(), unmodelled.end(), k) == unmodelled.end())
                    unmodelled.push_back(k);
            });
    double ownPeak = 0;
    for (std::uint32_t m : members) ownPeak = std::max(ownPeak, snap[m].shape.amplitude);
    if (members.size() == 1 && unmodelled.empty()) {
        // The common case, row by row over the disc's chords, written straight into the arrays.
        const GaussianShape& s = snap[members.front()].shape;
        const double r = snap[members.front()].radius * scale, r2 = r * r;
        const std::size_t capacity = std::size_t(box.x1 - box.x0 + 1) * std::size_t(box.y1 - box.y0 + 1);
        out.pixels.x.resize(capacity), out.pixels.y.resize(capacity), out.pixels.v.resize(capacity);
        out.rest.resize(capacity);
        float* X = out.pixels.x.data();
        float* Y = out.pixels.y.data();
        float* V = out.pixels.v.data();
        float* R = out.rest.data();
        const float A = float(s.amplitude), a = float(s.a), b = float(s.b), c = float(s.c);
        const float threshold = float(0.1 * ownPeak);
        std::size_t n = 0;
        for (int y = box.y0; y <= box.y1; ++y) {
            const double dy = y - s.y;
            if (dy * dy > r2) continue;
            const double half = std::sqrt(r2 - dy * dy);
            const int xa = std::max(box.x0, int(std::ceil(s.x - half))),
                      xb = std::min(box.x1, int(std::floor(s.x + half)));
            const float* row = image.row(y);
            const float* canvasRow = view.canvas->row(y - view.y0) - view.x0;
            const float fy = float(dy), cy = c * fy * fy, by2 = 2 * b * fy, yr = float(y - out.yr);
            for (int x = xa; x <= xb; ++x) {
                const float v = row[x];
                if (!std::isfinite(v)) continue;
                const float dx = float(x - s.x);
                const float q = a * dx * dx + by2 * dx + cy;
                const float own = A * expNegativeFloat(-0.5f * std::min(q, 60.0f));
                const float rest = canvasRow[x] - own;
                if (rest > std::max(own, threshold)) continue; // a neighbour dominates
                X[n] = float(x - out.xr), Y[n] = yr, V[n] = v - rest, R[n] = rest;
                ++n;
            }
        }
        out.pixels.x.resize(n), out.pixels.y.resize(n), out.pixels.v.resize(n), out.rest.resize(n);
        return;
    }
    for (int y = box.y0; y <= box.y1; ++y) {
        const float* row = image.row(y);
        for (int x = box.x0; x <= box.x1; ++x) {
            const float v = row[x];
            if (!std::isfinite(v)) continue;
            double dmin = 1e300;
            bool inside = false;
            for (std::uint32_t m : members) {
                const double dx = x - snap[m].shape.x, dy = y - snap[m].shape.y, d2 = dx * dx + dy * dy;
                dmin = std::min(dmin, d2);
                inside |= d2 <= snap[m].radius * snap[m].radius * scale * scale;
            }
            if (!inside) continue;
            bool mine = true;
            for (std::uint32_t k : unmodelled)
                if ((x - snap[k].x) * (x - snap[k].x) + (y - snap[k].y) * (y - snap[k].y) < dmin) {
                    mine = false;
                    break;
                }
            if (!mine) continue;
            float own = 0;
            for (std::uint32_t m : members) own += modelAt(snap[m].shape, x, y);
            const float rest = view.at(x, y) - own;
            if (rest > std::max(double(own), 0.1 * ownPeak)) continue; // a neighbour dominates
            out.pixels.add(float(x - out.xr), float(y - out.yr), v - rest);
            out.rest.push_back(rest);
        }
    }
}

FitLimits limitsFor(const std::vector<Column>& snap, const std::vector<std::uint32_t>& members,
                    int maxIterations, bool circularJoint = false) {
    double sigmaMax = 0;
    for (std::uint32_t m : members) sigmaMax = std::max(sigmaMax, snap[m].shape.sigma());
    FitLimits limits;
    limits.minSigma = std::max(0.3, 0.25 * sigmaMax);
    limits.maxSigma = std::max(1.0, 2.5 * sigmaMax);
    limits.maxShift = std::max(1.0, 0.5 * sigmaMax);
    limits.maxIterations = maxIterations;
    limits.tolerance = 1e-3;
    limits.relativeTolerance = 0.05;
    // Round columns stay round: one column alone, or a neighbourhood whose columns are all round.
    bool round = true;
    for (std::uint32_t m : members) round &= snap[m].shape.b == 0 && snap[m].shape.a == snap[m].shape.c;
    limits.circular = round && (members.size() == 1 || circularJoint);
    return limits;
}

/// The fitted columns outside `members` whose centres lie within reach x the larger fitted sigma of a
/// member (nearest first, at most kMaxJoint columns in all): their cores lie inside the group's window,
/// so their parameters are fitted with the group's instead of being subtracted as known.
std::vector<std::uint32_t> jointNeighbours(const std::vector<Column>& snap, const PositionGrid& grid,
                                           const std::vector<std::uint32_t>& members, double reach) {
    std::vector<std::pair<double, std::uint32_t>> found;
    if (!(reach > 0)) return {};
    for (std::uint32_t m : members) {
        const GaussianShape& s = snap[m].shape;
        const double sm = s.sigma();
        // The grid holds the positions before the fits, which moved at most ~1.5 sigma0 (both columns).
        grid.forEachNear(s.x, s.y, (reach + 3) * std::max(sm, snap[m].sigma0) + 2, [&](std::uint32_t k) {
            if (k == m || !snap[k].hasShape || !snap[k].fitted ||
                std::find(members.begin(), members.end(), k) != members.end())
                return;
            const double d = std::hypot(snap[k].shape.x - s.x, snap[k].shape.y - s.y);
            if (d >= reach * std::max(sm, snap[k].shape.sigma())) return;
            for (auto& f : found)
                if (f.second == k) {
                    f.first = std::min(f.first, d);
                    return;
                }
            found.push_back({d, k});
        });
    }
    std::sort(found.begin(), found.end());
    std::vector<std::uint32_t> out;
    for (const auto& f : found)
        if (members.size() + out.size() < kMaxJointColumns) out.push_back(f.second);
    return out;
}

/// True when the probe is wide against the spacing: at least settings.jointShare of (a sample of about
/// 1000) groups have overlapping neighbours (jointNeighbours). A decision for the whole image, so that
/// an image whose columns stand apart keeps the one-sweep pass, whatever few columns overlap there.
bool wideProbe(const std::vector<Column>& snap, const PositionGrid& grid,
               const std::vector<std::vector<std::uint32_t>>& groups, const LikelihoodSettings& settings) {
    if (!(settings.jointReach > 0) || groups.empty()) return false;
    const std::size_t stride = std::max<std::size_t>(1, groups.size() / 1000);
    std::size_t sampled = 0, overlapping = 0;
    for (std::size_t g = 0; g < groups.size(); g += stride, ++sampled)
        overlapping += !jointNeighbours(snap, grid, groups[g], settings.jointReach).empty();
    return double(overlapping) >= settings.jointShare * double(sampled);
}

/// True when the probe is wide against the spacing over the whole image, whichever columns a pass
/// refines: at least settings.jointShare of (a sample of about 1000) modelled columns have another
/// modelled column closer than jointReach x the median width. Decides whether the columns share one width
/// in a pass that refines only some of them (its own groups are the columns beside the edited or new
/// ones, which overlap a neighbour more often than the image's columns do).
bool wideImage(const std::vector<Column>& cols, const PositionGrid& grid,
               const LikelihoodSettings& settings) {
    if (!(settings.jointReach > 0)) return false;
    std::vector<std::uint32_t> modelled;
    std::vector<double> widths;
    for (std::uint32_t k = 0; k < cols.size(); ++k)
        if (cols[k].hasShape) modelled.push_back(k), widths.push_back(cols[k].shape.sigma());
    if (modelled.empty()) return false;
    // The median width (one probe), not each pair's: noisy widths of dim columns would make columns
    // that stand apart look overlapping.
    std::nth_element(widths.begin(), widths.begin() + std::ptrdiff_t(widths.size() / 2), widths.end());
    const double reach = settings.jointReach * widths[widths.size() / 2];
    const std::size_t stride = std::max<std::size_t>(1, modelled.size() / 1000);
    std::size_t sampled = 0, overlapping = 0;
    for (std::size_t i = 0; i < modelled.size(); i += stride, ++sampled) {
        const Column& c = cols[modelled[i]];
        bool found = false;
        grid.forEachNear(
            c.shape.x, c.shape.y, reach + 3 * std::max(c.shape.sigma(), c.sigma0) + 2, [&](std::uint32_t k) {
                if (found || k == modelled[i] || !cols[k].hasShape) return;
                found = std::hypot(cols[k].shape.x - c.shape.x, cols[k].shape.y - c.shape.y) < reach;
            });
        overlapping += found;
    }
    return double(overlapping) >= settings.jointShare * double(sampled);
}

/// The amplitude^2-weighted median width of the fitted columns (bright columns measure it best): the
/// start of the common probe width.
double typicalWidth(const std::vector<Column>& snap, bool fittedOnly) {
    std::vector<std::pair<double, double>> widths;
    double total = 0;
    for (const Column& c : snap)
        if (c.hasShape && (c.fitted || !fittedOnly)) {
            const double weight = c.shape.amplitude * c.shape.amplitude;
            widths.push_back({c.shape.sigma(), weight}), total += weight;
        }
    std::sort(widths.begin(), widths.end());
    double sum = 0;
    for (const auto& [sigma, weight] : widths)
        if ((sum += weight) >= 0.5 * total) return sigma;
    return widths.empty() ? 0.0 : widths.back().first;
}

/// Fits one group against the snapshot (refit) or only measures its least-squares columns; `all` = the
/// members followed by their overlapping neighbours (fitted too, results discarded). True when there
/// were such neighbours.
bool fitGroup(const Image& image, const std::vector<Column>& snap, std::vector<Column>& cols,
              const std::vector<std::uint32_t>& members, const std::vector<std::uint32_t>& all,
              const CanvasView& view, const PositionGrid& grid, double maxRadius,
              const LikelihoodSettings& settings, const NoiseModel& noise, bool refit, LikelihoodOutput& out,
              double commonSigma, double* widthScore, const WidthPrior& prior) {
    thread_local Window win;
    gather(image, snap, all, view, grid, maxRadius, settings.windowScale, win);
    std::vector<GaussianShape> start, shapes;
    for (std::uint32_t m : all) {
        GaussianShape s = snap[m].shape;
        s.x -= win.xr, s.y -= win.yr;
        if (commonSigma > 0 && refit) s.a = s.c = 1 / (commonSigma * commonSigma), s.b = 0;
        if (commonSigma <= 0 && refit && prior.active() && s.b == 0 && s.a == s.c &&
            snap[m].positionVariance > 0) {
            // Start a round column's width near the posterior's: shrunk towards the prior by the share
            // of the prior's information in the total (the data's w information from the position
            // variance: I_ww ~ I_xx / w^3 for a Gaussian, a third of it left once amplitude and
            // background are free). Only the start moves; the optimum is the same.
            const double w = s.a, data = 1 / (3 * snap[m].positionVariance * w * w * w);
            s.a = s.c = w + prior.precision / (data + prior.precision) * (prior.mean - w);
        }
        start.push_back(s);
    }
    shapes = start;
    double background = snap[members.front()].background;
    FitLimits limits = limitsFor(snap, all, settings.maxIterations, all.size() > members.size());
    if (commonSigma > 0 && refit) limits.circular = true, limits.fixedSigma = true;
    // Without a refit (or when it fails): the least-squares columns stay; their standard errors come
    // from an equal-weight fit started at them (the sandwich of the least-squares estimator, which
    // converges at once) and the bounds from the Fisher information under the noise model.
    auto keepLeastSquares = [&] {
        for (std::uint32_t m : members) out.refitted[m] = 0;
        std::vector<GaussianShape> again = start;
        double b = snap[members.front()].background;
        const NoiseModel equal;
        const LikelihoodFitResult e = fitGaussiansLikelihood(win.pixels, win.rest, equal, again, b, limits);
        const auto bounds = likelihoodBounds(win.pixels, win.rest, noise, start, background, limits);
        for (std::size_t k = 0; k < members.size(); ++k) {
            const std::uint32_t m = members[k];
            out.bounds[m] = bounds[k];
            if (e.converged) {
                out.errors[m] = e.errors[k];
            } else {
                const float sd = float(std::sqrt(std::max(0.0, cols[m].positionVariance)));
                out.errors[m] = ColumnErrors{};
                out.errors[m].x = out.errors[m].y = sd;
            }
            out.done[m] = 1;
        }
    };
    const bool joint = all.size() > members.size();
    if (!refit) return keepLeastSquares(), joint;
    const LikelihoodFitResult r =
        fitGaussiansLikelihood(win.pixels, win.rest, noise, shapes, background, limits, nullptr,
                               commonSigma > 0 ? WidthPrior{} : prior);
    bool ok = r.converged;
    for (std::size_t k = 0; ok && k < all.size(); ++k) {
        const double s0 = start[k].sigma(), s1 = shapes[k].sigma();
        if (s1 > 1.5 * s0 || s1 < s0 / 1.5) ok = false; // ran off: keep the least-squares column
    }
    if (!ok) return keepLeastSquares(), joint;
    // The common width from fits whose neighbourhood lies inside the image: within about 6.5 sigma of
    // the border, columns outside the image add light to the window that no model carries.
    bool inside = true;
    for (std::uint32_t m : all) {
        const double margin = 2 * settings.jointReach * snap[m].shape.sigma();
        inside &= snap[m].shape.x >= margin && snap[m].shape.y >= margin &&
                  snap[m].shape.x <= image.width() - 1 - margin &&
                  snap[m].shape.y <= image.height() - 1 - margin;
    }
    if (widthScore && inside) widthScore[0] = r.sharedWidthScore, widthScore[1] = r.sharedWidthInformation;
    for (std::size_t k = 0; k < members.size(); ++k) {
        Column& c = cols[members[k]];
        GaussianShape s = shapes[k];
        s.x += win.xr, s.y += win.yr;
        c.shape = s, c.hasShape = true, c.fitted = true;
        c.background = background;
        c.positionVariance = r.positionVariance[k];
        out.refitted[members[k]] = 1;
        out.errors[members[k]] = r.errors[k], out.bounds[members[k]] = r.bounds[k], out.done[members[k]] = 1;
    }
    return joint;
}

} // namespace

LikelihoodOutput likelihoodPass(const Image& image, std::vector<Column>& cols,
                                const std::vector<std::vector<std::uint32_t>>& allGroups,
                                const PositionGrid& grid, double maxRadius,
                                const LikelihoodSettings& settings, JobContext& job) {
    LikelihoodOutput out;
    out.errors.assign(cols.size(), ColumnErrors{});
    out.bounds.assign(cols.size(), ColumnErrors{});
    out.done.assign(cols.size(), 0);
    // Only groups whose columns all have a least-squares fit.
    std::vector<std::vector<std::uint32_t>> groups;
    for (const auto& g : allGroups) {
        bool ok = true;
        for (std::uint32_t m : g) ok &= cols[m].fitted && cols[m].hasShape;
        if (ok) groups.push_back(g);
    }
    const int w = image.width(), h = image.height();
    if (groups.empty()) {
        out.noise = settings.given ? *settings.given : NoiseModel{};
        return out;
    }
    // A probe wide against the spacing: neighbourhood fits (jointNeighbours), and, when the pass refines
    // most columns of an image whose probe is wide (wideImage: a pass after an edit or a second look
    // has only the columns beside the new ones as groups), the columns share one width (one probe),
    // estimated over the sweeps. The columns whose least-squares fit failed then get a start (their
    // position, the common width) and are fitted with their neighbours too: left out, their light would
    // be taken by the columns around them. A pass over a few columns keeps their own widths.
    const bool jointMode = wideProbe(cols, grid, groups, settings);
    std::size_t targets = 0;
    for (const Column& c : cols) targets += c.target;
    const bool wholeImage = targets == cols.size();
    double commonSigma = 0; // > 0: widths shared
    if (jointMode && settings.refit && settings.commonWidth && 2 * targets >= cols.size() &&
        (wholeImage || wideImage(cols, grid, settings)))
        commonSigma = typicalWidth(cols, wholeImage);
    const bool updateWidth = commonSigma > 0;
    const std::size_t baseGroups = groups.size();
    std::vector<std::pair<std::uint32_t, Column>> seeded;
    if (commonSigma > 0) {
        for (const auto& g : allGroups) {
            bool ok = true;
            for (std::uint32_t m : g) ok &= cols[m].fitted && cols[m].hasShape;
            if (ok) continue;
            for (std::uint32_t m : g) {
                Column& c = cols[m];
                if (c.fitted && c.hasShape) continue;
                seeded.push_back({m, c});
                c.shape = GaussianShape::circular(c.x, c.y, std::max(c.amplitude0, 1e-9), commonSigma);
                c.hasShape = c.fitted = true;
            }
            groups.push_back(g);
        }
    }
    out.refitted.assign(cols.size(), 0);
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    double noiseSeconds = 0;
    WidthPrior prior; // fitted from the noise-model sample (LikelihoodSettings::widthPrior)
    const bool wantPrior = settings.widthPrior && settings.refit && !updateWidth;
    // Neighbourhood fits (jointReach) converge over sweeps: each starts from the previous sweep's models.
    std::size_t jointFits = 0;
    int sweeps = std::max(1, settings.sweeps);
    // Sweeps beyond the requested ones refit only the groups that had overlapping neighbours.
    std::vector<std::size_t> active(groups.size());
    std::iota(active.begin(), active.end(), std::size_t(0));
    std::vector<char> joint(groups.size(), 0);
    std::vector<double> widthScores(2 * groups.size(), 0.0);
    for (int sweep = 0; sweep < sweeps; ++sweep) {
        if (sweep > 0 && sweep >= settings.sweeps) {
            active.clear();
            for (std::size_t g = 0; g < groups.size(); ++g)
                if (joint[g]) active.push_back(g);
        }
        const std::vector<Column> snap = cols;
        // Each active group with its overlapping neighbours (see jointNeighbours): the windows fitted.
        std::vector<std::vector<std::uint32_t>> fitted(jointMode ? active.size() : 0);
        if (jointMode)
            parallelFor(
                active.size(), 256,
                [&](std::size_t b, std::size_t e) {
                    for (std::size_t i = b; i < e; ++i) {
                        fitted[i] = groups[active[i]];
                        for (std::uint32_t k : jointNeighbours(snap, grid, fitted[i], settings.jointReach))
                            fitted[i].push_back(k);
                    }
                },
                job);
        auto listOf = [&](std::size_t i) -> const std::vector<std::uint32_t>& {
            return jointMode ? fitted[i] : groups[active[i]];
        };
        Box area{w, h, -1, -1, false};
        double windowPixels = 0;
        for (std::size_t i = 0; i < active.size(); ++i) {
            const Box b = groupBox(snap, listOf(i), settings.windowScale, w, h);
            area.x0 = std::min(area.x0, b.x0), area.y0 = std::min(area.y0, b.y0);
            area.x1 = std::max(area.x1, b.x1), area.y1 = std::max(area.y1, b.y1);
            windowPixels += double(b.x1 - b.x0 + 1) * double(b.y1 - b.y0 + 1);
        }
        if (area.x1 < area.x0 || area.y1 < area.y0) break;
        const double areaPixels = double(area.x1 - area.x0 + 1) * double(area.y1 - area.y0 + 1);
        // Few scattered groups (an edit): a small canvas per group; else one over the whole area.
        const bool perGroup = windowPixels < 0.25 * areaPixels;
        Image whole;
        if (!perGroup)
            whole = renderCanvas(snap, area.x0, area.y0, area.x1 - area.x0 + 1, area.y1 - area.y0 + 1, job);
        double sigmaMax = 0;
        for (const Column& c : snap)
            if (c.hasShape) sigmaMax = std::max(sigmaMax, c.shape.sigma());
        const double margin = 4 * sigmaMax + 1 + 3 * maxRadius;
        auto withCanvas = [&](const std::vector<std::uint32_t>& g, auto&& body) {
            if (!perGroup) return body(CanvasView{&whole, area.x0, area.y0});
            const Box b = groupBox(snap, g, settings.windowScale, w, h);
            const Image small =
                renderCanvasNear(snap, grid, margin, b.x0, b.y0, b.x1 - b.x0 + 1, b.y1 - b.y0 + 1);
            return body(CanvasView{&small, b.x0, b.y0});
        };
        if (sweep == 0) {
            if (settings.given) out.noise = *settings.given;
            // A sample of about 1000 groups, fitted alone against the snapshot: by least squares, whose
            // residuals give the noise model (the variance as a function of mu), then by likelihood under
            // that model, whose widths give the width prior. One list per sampled group, joined in order:
            // the same results with any thread count.
            const std::size_t stride = std::max<std::size_t>(1, baseGroups / 1000);
            std::vector<std::size_t> sample;
            for (std::size_t g = 0; g < baseGroups; g += stride) sample.push_back(g);
            auto fitSample = [&](const NoiseModel& model, std::vector<std::vector<NoiseSample>>* residuals,
                                 std::vector<std::vector<WidthSample>>* widths) {
                parallelFor(
                    sample.size(), 16,
                    [&](std::size_t b, std::size_t e) {
                        thread_local Window win;
                        for (std::size_t i = b; i < e; ++i) {
                            const auto& g = groups[sample[i]];
                            withCanvas(g, [&](const CanvasView& view) {
                                gather(image, snap, g, view, grid, maxRadius, settings.windowScale, win);
                            });
                            std::vector<GaussianShape> shapes;
                            for (std::uint32_t m : g) {
                                GaussianShape s = snap[m].shape;
                                s.x -= win.xr, s.y -= win.yr;
                                shapes.push_back(s);
                            }
                            double background = snap[g.front()].background;
                            const FitLimits limits = limitsFor(snap, g, 10);
                            const auto r =
                                fitGaussiansLikelihood(win.pixels, win.rest, model, shapes, background,
                                                       limits, residuals ? &(*residuals)[i] : nullptr);
                            if (!widths || !r.converged) continue;
                            for (std::size_t k = 0; k < shapes.size(); ++k) {
                                // var w = (dw/dsigma)^2 var sigma, w = sigma^-2
                                const double sg = shapes[k].sigma(), d = 2 / (sg * sg * sg),
                                             sd = double(r.errors[k].sigma);
                                (*widths)[i].push_back({1 / (sg * sg), d * d * sd * sd});
                            }
                        }
                    },
                    job);
            };
            if (!settings.given) {
                std::vector<std::vector<NoiseSample>> perGroupSamples(sample.size());
                fitSample(NoiseModel{}, &perGroupSamples, nullptr);
                std::vector<NoiseSample> samples;
                for (const auto& list : perGroupSamples)
                    samples.insert(samples.end(), list.begin(), list.end());
                out.noise = estimateNoiseModel(std::move(samples));
            }
            if (wantPrior && out.noise.shotNoise()) {
                std::vector<std::vector<WidthSample>> perGroupWidths(sample.size());
                fitSample(out.noise, nullptr, &perGroupWidths);
                std::vector<WidthSample> widths;
                for (const auto& list : perGroupWidths) widths.insert(widths.end(), list.begin(), list.end());
                prior = estimateWidthPrior(std::move(widths));
            }
            noiseSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
        }
        // Equal weights (no shot noise found, e.g. a JPEG): the least-squares columns are the answer.
        const bool refit = settings.refit && out.noise.shotNoise();
        if (!refit && sweep > 0) break;
        if (updateWidth && refit && sweep > 0) {
            // One Fisher-scoring step for the shared w = 1/sigma^2 from every fit's profiled score and
            // information (neighbourhoods overlap, so both are counted several times: their ratio is the
            // step), at most 20% of w.
            double score = 0, information = 0;
            for (std::size_t g = 0; g < groups.size(); ++g)
                score += widthScores[2 * g], information += widthScores[2 * g + 1];
            const double w0 = 1 / (commonSigma * commonSigma);
            const double step = information > 0 ? std::clamp(score / information, -0.2 * w0, 0.2 * w0) : 0.0;
            commonSigma = 1 / std::sqrt(w0 + step);
        }
        std::fill(widthScores.begin(), widthScores.end(), 0.0);
        parallelFor(
            active.size(), perGroup ? 8 : 64,
            [&](std::size_t b, std::size_t e) {
                for (std::size_t i = b; i < e; ++i) {
                    const std::size_t g = active[i];
                    // Without a refit the least-squares columns stand: their errors and bounds are
                    // measured with the neighbours held known, as they were fitted.
                    withCanvas(listOf(i), [&](const CanvasView& view) {
                        joint[g] = fitGroup(image, snap, cols, groups[g], refit ? listOf(i) : groups[g], view,
                                            grid, maxRadius, settings, out.noise, refit, out, commonSigma,
                                            &widthScores[2 * g], prior);
                    });
                }
            },
            job, "maximum-likelihood refinement");
        if (sweep == 0) jointFits = std::size_t(std::count(joint.begin(), joint.end(), char(1)));
        if (sweep == 0 && refit && jointFits > 0)
            sweeps = std::max(sweeps, updateWidth ? settings.sharedWidthSweeps : settings.jointSweeps);
    }
    // Seeded columns whose likelihood fit did not succeed stay as least squares left them (failed).
    for (auto& [m, before] : seeded)
        if (!out.refitted[m]) cols[m] = before, out.done[m] = 0;
    char line[240];
    std::snprintf(
        line, sizeof line,
        "likelihood pass: %zu groups (%zu fits with overlapping neighbours), %d sweeps, width prior "
        "sigma %.3f px (sd of w %.3g of w), noise model %.3f s, total %.3f s",
        groups.size(), jointFits, sweeps, prior.active() ? 1 / std::sqrt(prior.mean) : 0.0,
        prior.active() ? 1 / std::sqrt(prior.precision) / prior.mean : 0.0, noiseSeconds,
        std::chrono::duration<double>(Clock::now() - t0).count());
    job.log(JobContext::LogLevel::Info, line);
    return out;
}

} // namespace refine
} // namespace atomlens
