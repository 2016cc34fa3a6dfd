#include "core/graph/LatticeCompletion.h"

#include "core/data/PointIndex.h"
#include "core/detect/BandPass.h"
#include "core/detect/RefineGaussian.h"
#include "core/detect/StageTimer.h"
#include "core/graph/IdealLattice.h"
#include "core/graph/PredictionClusters.h"
#include "core/job/ParallelFor.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace atomlens {
namespace {

constexpr int kBins = 24;       // samples per cell edge of the averaged cell
constexpr int kMaxCells = 4000; // cells averaged at most (a subsample of large images)
// A peak of the averaged residual cell becomes a new sublattice above this fraction of the reference
// column's height: the midpoint of the gap seen on the even-numbered mos2-smov images between hollow
// sites (-0.104 of the reference or lower) and true dim sublattices (+0.122 and above).
constexpr double kMinCellPeak = 0.01;

using Cell = std::array<double, 4>;

bool cellFitted(const Cell& c) {
    return std::fabs(c[0] * c[3] - c[1] * c[2]) > 1e-9;
}

double wrapHalf(double v) {
    return v - std::floor(v + 0.5);
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

/// The residual averaged over unit cells, in fractional coordinates relative to sites of sublattice
/// `ref` (bin centres at (i + 0.5) / kBins). Only cells lying wholly inside the image take part.
std::vector<double> averagedCell(const Image& residual, const LatticeAnalysis& a, int ref, int& cells,
                                 JobContext& job) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < a.sublattice.size(); ++i)
        if (a.sublattice[i] == ref && cellFitted(a.localCell[i])) rows.push_back(i);
    const std::size_t stride = std::max<std::size_t>(1, rows.size() / kMaxCells);
    std::vector<double> sum(kBins * kBins, 0.0);
    cells = 0;
    const double w = residual.width() - 1, h = residual.height() - 1;
    std::vector<std::size_t> used; // the cells lying wholly inside, in order
    for (std::size_t k = 0; k < rows.size(); k += stride) {
        const std::size_t i = rows[k];
        const Cell& c = a.localCell[i];
        const double ox = a.idealX[i], oy = a.idealY[i];
        bool inside = true;
        for (double u : {0.0, 1.0})
            for (double v : {0.0, 1.0}) {
                const double px = ox + c[0] * u + c[2] * v, py = oy + c[1] * u + c[3] * v;
                inside = inside && px >= 0 && py >= 0 && px <= w && py <= h;
            }
        if (inside) used.push_back(i);
    }
    // The samples on the job's threads; the sums in cell order (the same additions as one loop).
    std::vector<float> samples(used.size() * std::size_t(kBins * kBins));
    parallelFor(
        used.size(), 64,
        [&](std::size_t b, std::size_t e) {
            for (std::size_t k = b; k < e; ++k) {
                const std::size_t i = used[k];
                const Cell& c = a.localCell[i];
                const double ox = a.idealX[i], oy = a.idealY[i];
                float* out = samples.data() + k * std::size_t(kBins * kBins);
                for (int bv = 0; bv < kBins; ++bv)
                    for (int bu = 0; bu < kBins; ++bu) {
                        const double u = (bu + 0.5) / kBins, v = (bv + 0.5) / kBins;
                        out[bv * kBins + bu] =
                            residual.sample(ox + c[0] * u + c[2] * v, oy + c[1] * u + c[3] * v);
                    }
            }
        },
        job);
    for (std::size_t k = 0; k < used.size(); ++k) {
        const float* in = samples.data() + k * std::size_t(kBins * kBins);
        for (std::size_t b = 0; b < std::size_t(kBins * kBins); ++b) sum[b] += in[b];
        ++cells;
    }
    if (cells > 0)
        for (double& s : sum) s /= cells;
    return sum;
}

struct CellPeak {
    double u = 0, v = 0, height = 0;
};

/// Local maxima of the periodic averaged cell, with parabolic sub-bin positions.
std::vector<CellPeak> cellMaxima(const std::vector<double>& cell) {
    auto at = [&](int u, int v) {
        return cell[std::size_t(((v + kBins) % kBins) * kBins + (u + kBins) % kBins)];
    };
    std::vector<CellPeak> out;
    for (int v = 0; v < kBins; ++v)
        for (int u = 0; u < kBins; ++u) {
            const double c = at(u, v);
            bool peak = true;
            for (int dv = -1; dv <= 1 && peak; ++dv)
                for (int du = -1; du <= 1 && peak; ++du) {
                    if (!du && !dv) continue;
                    const double o = at(u + du, v + dv);
                    peak = (dv < 0 || (dv == 0 && du < 0)) ? c > o : c >= o;
                }
            if (!peak) continue;
            auto offset = [](double l, double m, double r) {
                const double d = l - 2 * m + r;
                return d < 0 ? std::clamp(0.5 * (l - r) / d, -0.5, 0.5) : 0.0;
            };
            const double du = offset(at(u - 1, v), c, at(u + 1, v)),
                         dv = offset(at(u, v - 1), c, at(u, v + 1));
            out.push_back({(u + 0.5 + du) / kBins, (v + 0.5 + dv) / kBins, c});
        }
    return out;
}

/// A hexagonal lattice's sites off the lattice points sit on its three-fold axes, the centres of the
/// triangles of lattice points (MoS2's S and hollow sites: 2H, 1T and 3R alike). A dim site found as a
/// peak of the averaged residual is pulled off that point by the tails of the subtracted bright
/// neighbours (mos2-smov: by 2-3 px, i.e. 0.07 of the cell edge): within 0.15 cell edges of a triangle
/// centre it is put there. Other lattices, and peaks farther away, keep their position.
std::array<double, 2> snapToThreefold(const LatticeModel& m, const std::array<double, 2>& origin,
                                      const std::array<double, 2>& f) {
    const double la1 = std::hypot(m.a1[0], m.a1[1]), la2 = std::hypot(m.a2[0], m.a2[1]);
    const double cosAngle = (m.a1[0] * m.a2[0] + m.a1[1] * m.a2[1]) / (la1 * la2);
    if (std::fabs(la1 - la2) > 0.08 * std::max(la1, la2) || std::fabs(std::fabs(cosAngle) - 0.5) > 0.12)
        return f; // not hexagonal (60 or 120 degrees within about 8)
    // Triangle centres relative to a lattice point: (1/3, 1/3) and (2/3, 2/3) in a 60-degree cell,
    // (1/3, 2/3) and (2/3, 1/3) in a 120-degree one.
    const bool sixty = cosAngle > 0;
    const std::array<std::array<double, 2>, 2> centres = {
        std::array<double, 2>{1.0 / 3, sixty ? 1.0 / 3 : 2.0 / 3},
        std::array<double, 2>{2.0 / 3, sixty ? 2.0 / 3 : 1.0 / 3}};
    for (const auto& c : centres) {
        const std::array<double, 2> t = {origin[0] + c[0], origin[1] + c[1]};
        const double du = wrapHalf(f[0] - t[0]), dv = wrapHalf(f[1] - t[1]);
        if (std::hypot(m.a1[0] * du + m.a2[0] * dv, m.a1[1] * du + m.a2[1] * dv) < 0.15 * std::max(la1, la2))
            return t;
    }
    return f;
}

} // namespace

std::size_t completeLatticeColumns(const LatticeSearchInput& in, AtomTable& atoms, JobContext& job,
                                   LatticeCompletionReport* reportOut) {
    LatticeCompletionReport report;
    auto finish = [&](std::size_t added) {
        report.added = added;
        if (reportOut) *reportOut = report;
        return added;
    };
    const std::size_t n = atoms.size();
    const int w = in.response.width(), h = in.response.height();
    if (n < 30 || w < 8 || h < 8) return finish(0);
    const std::vector<double> x = atoms.xs(), y = atoms.ys();
    const PointIndex index(x, y);
    LatticeParams lp;
    lp.idealSites = false;
    StageTimer timer;
    const LatticeAnalysis a = analyseLattice(x, y, lp, job, &index);
    timer.mark("lattice");
    const LatticeModel& m = a.model;
    if (!m.valid() || m.basis.empty()) return finish(0);
    report.lattice = true;
    job.throwIfCanceled();

    // What the fitted columns leave in the band-passed image.
    const Image residual = atomModelResidual(in.response, atoms, in.smoothSigma, job);
    timer.mark("residual");
    // Sublattices that take part, their typical column height in the residual (a column's own
    // smoothed model added back), and the reference (most occupied) sublattice.
    const int nb = int(m.basis.size());
    std::vector<std::array<double, 2>> sites;
    std::vector<double> heights;
    std::vector<std::vector<double>> own{std::size_t(nb)};
    const double s2 = in.smoothSigma * in.smoothSigma;
    for (std::size_t i = 0; i < n; ++i) {
        const int s = a.sublattice[i];
        if (s < 0 || (atoms.flags()[i] & kFlagFitFailed)) continue;
        const double sig = atoms.sigmas()[i];
        own[std::size_t(s)].push_back(residual.sample(x[i], y[i]) +
                                      atoms.amplitudes()[i] * sig * sig / (sig * sig + s2));
    }
    int ref = 0;
    for (int s = 0; s < nb; ++s)
        if (m.basisOccupancy[std::size_t(s)] > m.basisOccupancy[std::size_t(ref)]) ref = s;
    std::vector<int> siteOf(std::size_t(nb), -1);
    for (int s = 0; s < nb; ++s)
        if (m.basisOccupancy[std::size_t(s)] >= 0.1 && own[std::size_t(s)].size() >= 5) {
            siteOf[std::size_t(s)] = int(sites.size());
            sites.push_back(m.basis[std::size_t(s)]);
            heights.push_back(median(own[std::size_t(s)]));
        }
    if (siteOf[std::size_t(ref)] < 0) return finish(0);
    const double refHeight = heights[std::size_t(siteOf[std::size_t(ref)])];
    const double noise = in.scales.noiseSigma * gaussianNoiseGain(in.smoothSigma);

    // Sublattices too dim to detect one by one: peaks of the residual averaged over unit cells.
    timer.mark("heights");
    const std::vector<double> cell = averagedCell(residual, a, ref, report.cellsAveraged, job);
    const std::size_t knownSites = sites.size();
    if (report.cellsAveraged >= 20) {
        const double noiseAvg = noise / std::sqrt(double(report.cellsAveraged));
        const double apart = std::max(in.scales.minSeparation, 2.0 * in.scales.sigma);
        for (const CellPeak& p : cellMaxima(cell)) {
            const std::array<double, 2> f =
                snapToThreefold(m, m.basis[std::size_t(ref)],
                                {m.basis[std::size_t(ref)][0] + p.u, m.basis[std::size_t(ref)][1] + p.v});
            bool far = true;
            for (const auto& s : sites) {
                const double du = wrapHalf(f[0] - s[0]), dv = wrapHalf(f[1] - s[1]);
                far = far && std::hypot(m.a1[0] * du + m.a2[0] * dv, m.a1[1] * du + m.a2[1] * dv) >= apart;
            }
            if (std::getenv("ATOMLENS_DEBUG_LATTICE"))
                std::fprintf(stderr, "cell peak (%.2f %.2f) h %.3g ref %.3g noiseAvg %.3g far %d\n", p.u, p.v,
                             p.height, refHeight, noiseAvg, int(far));
            if (!far || p.height < std::max(kMinCellPeak * refHeight, 6 * noiseAvg)) continue;
            sites.push_back({f[0] - std::floor(f[0]), f[1] - std::floor(f[1])});
            heights.push_back(p.height);
            report.newSites.push_back(sites.back());
        }
    }
    report.newSublattices = int(sites.size() - knownSites);
    timer.mark("cell");

    // Every site predicted by the local lattices of its neighbours (following local distortion).
    const double la1 = std::hypot(m.a1[0], m.a1[1]), la2 = std::hypot(m.a2[0], m.a2[1]);
    const double reach = 1.05 * std::max(la1, la2);
    const double tol =
        std::max(1.0, 0.3 * std::min(m.bondLength, in.scales.minSeparation > 0 ? 2 * in.scales.minSeparation
                                                                               : m.bondLength));
    // Pixels within `tol` of an atom, for an O(1) "is this predicted site taken" test.
    std::vector<unsigned char> taken(std::size_t(w) * std::size_t(h), 0);
    {
        // Bands of rows on the job's threads, each marking only its own rows.
        const int r = int(std::ceil(tol)), band = 256;
        parallelFor(
            std::size_t((h + band - 1) / band), 1,
            [&](std::size_t b0, std::size_t b1) {
                for (std::size_t b = b0; b < b1; ++b) {
                    const int lo = int(b) * band, hi = std::min(h - 1, lo + band - 1);
                    for (std::size_t i = 0; i < n; ++i)
                        for (int yy = std::max(lo, int(std::floor(y[i])) - r);
                             yy <= std::min(hi, int(std::ceil(y[i])) + r); ++yy)
                            for (int xx = std::max(0, int(std::floor(x[i])) - r);
                                 xx <= std::min(w - 1, int(std::ceil(x[i])) + r); ++xx)
                                if ((xx - x[i]) * (xx - x[i]) + (yy - y[i]) * (yy - y[i]) < tol * tol)
                                    taken[std::size_t(yy) * std::size_t(w) + std::size_t(xx)] = 1;
                }
            },
            job);
    }
    timer.mark("taken");
    struct Vote {
        double sx = 0, sy = 0;
        int count = 0, site = 0;
        double ux = 0, uy = 0; ///< sum of unit vectors from the site towards its predictors
    };
    // Every prediction first (position, site, step from its predictor), then merged into votes.
    struct Prediction {
        double dx, dy, d;
    };
    std::vector<Point2> predicted;
    std::vector<int> siteOfPrediction;
    std::vector<Prediction> steps;
    for (std::size_t i = 0; i < n; ++i) {
        const int si = a.sublattice[i];
        if (si < 0 || siteOf[std::size_t(si)] < 0 || !cellFitted(a.localCell[i])) continue;
        const Cell& c = a.localCell[i];
        const auto& bi = m.basis[std::size_t(si)];
        for (std::size_t t = 0; t < sites.size(); ++t)
            for (int cv = -2; cv <= 2; ++cv)
                for (int cu = -2; cu <= 2; ++cu) {
                    const double u = cu + sites[t][0] - bi[0], v = cv + sites[t][1] - bi[1];
                    const double dx = c[0] * u + c[2] * v, dy = c[1] * u + c[3] * v;
                    // Clearly out of [tol, reach] by the squared length (a margin for rounding); the
                    // test itself stays on hypot's length.
                    const double d2 = dx * dx + dy * dy;
                    if (d2 > reach * reach * 1.000001 || d2 < tol * tol * 0.999999) continue;
                    const double d = std::hypot(dx, dy);
                    if (d > reach || d < tol) continue;
                    const double px = a.idealX[i] + dx, py = a.idealY[i] + dy;
                    if (px < 1 || py < 1 || px > w - 2 || py > h - 2) continue; // as detectAtoms' border rule
                    if (taken[std::size_t(std::lround(py)) * std::size_t(w) + std::size_t(std::lround(px))])
                        continue;
                    predicted.push_back({px, py}), siteOfPrediction.push_back(int(t)),
                        steps.push_back({dx, dy, d});
                }
    }
    timer.mark("predictions");
    std::vector<Vote> votes;
    const std::vector<std::size_t> voteOf = clusterPredictions(predicted, siteOfPrediction, tol);
    for (std::size_t k = 0; k < predicted.size(); ++k) {
        if (voteOf[k] == votes.size()) votes.push_back({0, 0, 0, siteOfPrediction[k], 0, 0});
        Vote& vote = votes[voteOf[k]];
        vote.sx += predicted[k].x, vote.sy += predicted[k].y, ++vote.count;
        vote.ux -= steps[k].dx / steps[k].d, vote.uy -= steps[k].dy / steps[k].d;
    }
    job.throwIfCanceled();

    timer.mark("votes");
    // A predicted site holds a column where the residual near it reaches half its sublattice's height.
    const double search = std::max(1.5, 0.2 * tol / 0.3);
    const double attenuation = 1.0 + s2 / (in.scales.sigma * in.scales.sigma);
    std::vector<std::size_t> added;
    std::vector<std::array<double, 2>> start;
    for (const Vote& v : votes) {
        if (v.count < 2) continue;
        const double cx = v.sx / v.count, cy = v.sy / v.count;
        // The predictors must surround the site (a vacancy inside the lattice), not all lie on one side
        // (a site predicted across a grain boundary or beyond the lattice's edge), unless the image
        // border cuts the neighbourhood.
        const bool nearBorder = cx < reach || cy < reach || cx > w - 1 - reach || cy > h - 1 - reach;
        if (!nearBorder && std::hypot(v.ux, v.uy) > 0.6 * v.count) continue;
        ++report.predicted;
        double best = -1e300;
        for (int yy = int(std::ceil(cy - search)); yy <= int(std::floor(cy + search)); ++yy)
            for (int xx = int(std::ceil(cx - search)); xx <= int(std::floor(cx + search)); ++xx) {
                if (xx < 0 || yy < 0 || xx >= w || yy >= h || std::hypot(xx - cx, yy - cy) > search) continue;
                best = std::max(best, double(residual.at(xx, yy)));
            }
        const double need = std::max(0.3 * heights[std::size_t(v.site)], 3 * noise);
        if (!(best >= need)) continue;
        Atom atom;
        atom.x = cx, atom.y = cy, atom.sigma = float(in.scales.sigma);
        atom.amplitude = float(best * attenuation);
        atom.intensity = float(atom.amplitude * 2 * M_PI * in.scales.sigma * in.scales.sigma);
        added.push_back(atoms.size());
        start.push_back({cx, cy});
        atoms.add(atom);
    }
    timer.mark("tests");
    if (!added.empty()) {
        refineAtomsNear(in.image, atoms, added, in.refine, job);
        // A fit that ran onto a neighbour keeps the position where the image showed the column.
        for (std::size_t k = 0; k < added.size(); ++k) {
            const std::size_t r = added[k];
            if (std::hypot(atoms.xs()[r] - start[k][0], atoms.ys()[r] - start[k][1]) > 0.5 * tol ||
                (atoms.flags()[r] & kFlagFitFailed))
                atoms.setPosition(r, start[k][0], start[k][1]),
                    atoms.setFlags(r, atoms.flags()[r] | kFlagFitFailed);
        }
    }
    timer.mark("fits");
    char line[200];
    std::snprintf(line, sizeof line,
                  "lattice search: %d cells averaged, %d new sublattice(s), %zu predicted sites without an "
                  "atom, %zu columns added",
                  report.cellsAveraged, report.newSublattices, report.predicted, added.size());
    job.log(JobContext::LogLevel::Info, std::string(line) + "; wall/CPU/this thread: " + timer.summary());
    return finish(added.size());
}

namespace {
const bool registered = [] {
    registerLatticeSearch([](const LatticeSearchInput& in, AtomTable& atoms, JobContext& job) {
        return completeLatticeColumns(in, atoms, job);
    });
    return true;
}();
} // namespace

} // namespace atomlens

/// Referenced by the linker option in core/graph/CMakeLists.txt, so that this object (and with it
/// the registration above) is always part of a program that links atomlens::core.
extern "C" {
extern int atomlens_lattice_completion_anchor;
int atomlens_lattice_completion_anchor = 1;
}
