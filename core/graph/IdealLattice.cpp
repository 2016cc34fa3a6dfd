#include "core/graph/IdealLattice.h"

#include "core/data/PointIndex.h"
#include "core/graph/PredictionClusters.h"
#include "core/job/ParallelFor.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace atomlens {

const std::vector<ParamField<LatticeParams>>& LatticeParams::fields() {
    static const std::vector<ParamField<LatticeParams>> f = {
        numberField<LatticeParams>("reference_constant", "Unstrained lattice constant", "px", 0, 1e4,
                                   &LatticeParams::referenceConstant,
                                   "0 = strain relative to the image's median lattice"),
        numberField<LatticeParams>("fit_radius", "Local fit radius", "lattice constants", 1.2, 6,
                                   &LatticeParams::fitRadius),
        numberField<LatticeParams>("match_tolerance", "Site match tolerance", "bond lengths", 0.1, 0.5,
                                   &LatticeParams::matchTolerance),
        numberField<LatticeParams>("min_votes", "Empty-site agreement", "fraction", 0.1, 1.0,
                                   &LatticeParams::minVoteFraction),
        flagField<LatticeParams>("ideal_sites", "Find empty ideal sites", &LatticeParams::idealSites),
    };
    return f;
}

namespace {

using Cell = std::array<double, 4>; // a1x, a1y, a2x, a2y

double len(double x, double y) {
    return std::hypot(x, y);
}

/// Nearest integer (halves away from zero), without the libm call of std::round in the hot loops.
inline double roundNearest(double v) {
    const double r = double(static_cast<long long>(v + (v < 0 ? -0.5 : 0.5)));
    return r;
}

/// Lattice vectors u (in cell units, relative to a site of sublattice `from`) that point to sites of
/// sublattice `to` within `radius` of the global lattice.
std::vector<std::array<double, 2>> siteVectors(const LatticeModel& m, int from, int to, double radius,
                                               double minLen) {
    std::vector<std::array<double, 2>> out;
    const auto& sf = m.basis[std::size_t(from)];
    const auto& st = m.basis[std::size_t(to)];
    for (int i = -3; i <= 3; ++i)
        for (int j = -3; j <= 3; ++j) {
            const double u = i + st[0] - sf[0], v = j + st[1] - sf[1];
            const double vx = m.a1[0] * u + m.a2[0] * v, vy = m.a1[1] * u + m.a2[1] * v;
            const double l = len(vx, vy);
            if (l <= radius && l > minLen) out.push_back({u, v});
        }
    return out;
}

/// Solves the symmetric 3x3 system m x = r (m as xx, xy, xz, yy, yz, zz); false when singular.
bool solveSymmetric3(const double m[6], const double r[3], double x[3]) {
    const double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5];
    const double c00 = d * f - e * e, c01 = c * e - b * f, c02 = b * e - c * d;
    const double det = a * c00 + b * c01 + c * c02;
    if (!(std::fabs(det) > 1e-12 * std::max(1.0, std::fabs(a * d * f)))) return false;
    const double c11 = a * f - c * c, c12 = b * c - a * e, c22 = a * d - b * b;
    x[0] = (c00 * r[0] + c01 * r[1] + c02 * r[2]) / det;
    x[1] = (c01 * r[0] + c11 * r[1] + c12 * r[2]) / det;
    x[2] = (c02 * r[0] + c12 * r[1] + c22 * r[2]) / det;
    return true;
}

/// Robust local fit of (t, A) with p_j - p_i ~ t + A u_j over the neighbours of atom i: each neighbour
/// is matched to its nearest lattice site, far misfits are dropped and the rest Huber-weighted.
bool fitLocalCell(std::size_t i, const std::vector<double>& x, const std::vector<double>& y,
                  const std::vector<std::int32_t>& sub, const LatticeModel& m, const PointIndex& index,
                  double radius, double bond, Cell& cell, double& tx, double& ty) {
    if (sub[i] < 0) return false;
    thread_local std::vector<std::pair<std::uint32_t, double>> nb;
    index.within(x[i], y[i], radius, nb, false);
    cell = {m.a1[0], m.a1[1], m.a2[0], m.a2[1]};
    tx = ty = 0;
    const auto& si = m.basis[std::size_t(sub[i])];
    const double maxResidual2 = (0.35 * bond) * (0.35 * bond);
    for (int iter = 0; iter < 2; ++iter) {
        const double det = cell[0] * cell[3] - cell[2] * cell[1];
        if (std::fabs(det) < 1e-9) return false;
        double ata[6] = {0, 0, 0, 0, 0, 0}, atx[3] = {0, 0, 0}, aty[3] = {0, 0, 0};
        int rows = 0;
        for (const auto& [j, d] : nb) {
            if (j == i || sub[j] < 0) continue;
            const auto& sj = m.basis[std::size_t(sub[j])];
            const double dx = x[j] - x[i] - tx, dy = y[j] - y[i] - ty;
            const double fu = (dx * cell[3] - dy * cell[2]) / det, fv = (cell[0] * dy - cell[1] * dx) / det;
            const double du = sj[0] - si[0], dv = sj[1] - si[1];
            const double u = roundNearest(fu - du) + du, v = roundNearest(fv - dv) + dv;
            const double rx = dx - (cell[0] * u + cell[2] * v), ry = dy - (cell[1] * u + cell[3] * v);
            const double r2 = rx * rx + ry * ry;
            if (r2 > maxResidual2) continue;
            const double r = std::sqrt(r2);
            const double w = r < 0.08 * bond ? 1.0 : 0.08 * bond / r; // Huber weight
            const double px = x[j] - x[i], py = y[j] - y[i];
            ata[0] += w, ata[1] += w * u, ata[2] += w * v, ata[3] += w * u * u, ata[4] += w * u * v,
                ata[5] += w * v * v;
            atx[0] += w * px, atx[1] += w * u * px, atx[2] += w * v * px;
            aty[0] += w * py, aty[1] += w * u * py, aty[2] += w * v * py;
            ++rows;
        }
        double cx[3], cy[3];
        if (rows < 5 || !solveSymmetric3(ata, atx, cx) || !solveSymmetric3(ata, aty, cy)) return false;
        tx = cx[0], ty = cy[0];
        cell = {cx[1], cy[1], cx[2], cy[2]};
    }
    return true;
}

/// Votes of the lower rule: the mean unit vector from the site to its predictors must be shorter than this.
constexpr double kSurround = 0.6;
/// The lower rule needs a clean model: its filled sublattices hold at least this fraction of the atoms
/// (even-numbered mos2-smov images with one lattice 0.85-1.0; simulated two-grain images whose cell is
/// wrong 0.72 or less).
constexpr double kCleanModel = 0.8;
/// A neighbour fits the local lattice within this many bond lengths.
constexpr double kOrderFit = 0.2;
/// A neighbourhood is ordered when at most this fraction of its atoms misfits the local lattice.
constexpr double kMaxMisfit = 0.05;

/// Per atom: its neighbourhood (the local fit's radius) is a well-ordered lattice: the local fit
/// succeeded, every neighbour has a sublattice, and at most kMaxMisfit of the neighbours lie farther than
/// kOrderFit bond lengths from their site of the local lattice (a grain boundary, a disordered region
/// or a second grain nearby make many misfits). Missing atoms are no misfits.
std::vector<char> orderedNeighbourhoods(const std::vector<double>& x, const std::vector<double>& y,
                                        const std::vector<std::int32_t>& sub, const std::vector<char>& fitted,
                                        const std::vector<Cell>& cells, const std::vector<double>& tX,
                                        const std::vector<double>& tY, const LatticeModel& m,
                                        const PointIndex& index, double radius, JobContext& job) {
    const std::size_t n = x.size();
    std::vector<char> out(n, 0);
    const double limit2 = (kOrderFit * m.bondLength) * (kOrderFit * m.bondLength);
    parallelFor(
        n, 2048,
        [&](std::size_t b, std::size_t e) {
            std::vector<std::pair<std::uint32_t, double>> nb;
            for (std::size_t i = b; i < e; ++i) {
                if (!fitted[i]) continue;
                const Cell& cell = cells[i];
                const double det = cell[0] * cell[3] - cell[2] * cell[1];
                if (std::fabs(det) < 1e-9) continue;
                const auto& si = m.basis[std::size_t(sub[i])];
                index.within(x[i], y[i], radius, nb, false);
                int total = 0, misfit = 0;
                for (const auto& [j, d] : nb) {
                    if (j == i) continue;
                    ++total;
                    if (sub[j] < 0) {
                        ++misfit;
                        continue;
                    }
                    const auto& sj = m.basis[std::size_t(sub[j])];
                    const double dx = x[j] - x[i] - tX[i], dy = y[j] - y[i] - tY[i];
                    const double fu = (dx * cell[3] - dy * cell[2]) / det,
                                 fv = (cell[0] * dy - cell[1] * dx) / det;
                    const double du = sj[0] - si[0], dv = sj[1] - si[1];
                    const double u = roundNearest(fu - du) + du, v = roundNearest(fv - dv) + dv;
                    const double rx = dx - (cell[0] * u + cell[2] * v), ry = dy - (cell[1] * u + cell[3] * v);
                    if (rx * rx + ry * ry > limit2) ++misfit;
                }
                out[i] = total >= 6 && double(misfit) <= kMaxMisfit * double(total);
            }
        },
        job);
    return out;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
    return v[v.size() / 2];
}

} // namespace

NodeStrain strainOf(const Cell& c, const Cell& r) {
    Eigen::Matrix2d a, ref;
    a << c[0], c[2], c[1], c[3];
    ref << r[0], r[2], r[1], r[3];
    const Eigen::Matrix2d f = a * ref.inverse();
    // Polar decomposition F = V R with V = sqrt(F F^T) (closed form for 2x2).
    const Eigen::Matrix2d b = f * f.transpose();
    const double s = std::sqrt(std::max(0.0, b.determinant()));
    const Eigen::Matrix2d v =
        (b + s * Eigen::Matrix2d::Identity()) / std::sqrt(std::max(1e-300, b.trace() + 2 * s));
    const Eigen::Matrix2d rot = v.inverse() * f;
    NodeStrain out;
    out.exx = float(v(0, 0) - 1), out.eyy = float(v(1, 1) - 1), out.exy = float(v(0, 1));
    out.rotation = float(std::atan2(rot(1, 0), rot(0, 0)));
    return out;
}

LatticeAnalysis analyseLattice(const std::vector<double>& x, const std::vector<double>& y,
                               const LatticeParams& p, JobContext& job, const PointIndex* sharedIndex) {
    LatticeAnalysis a;
    const std::size_t n = x.size();
    a.sublattice.assign(n, -1);
    a.idealX.assign(x.begin(), x.end());
    a.idealY.assign(y.begin(), y.end());
    a.strain.assign(n, NodeStrain{});
    a.localCell.assign(n, Cell{});
    job.setProgress(0, 4, "lattice vectors");
    std::unique_ptr<PointIndex> ownIndex;
    if (!sharedIndex) ownIndex = std::make_unique<PointIndex>(x, y);
    const PointIndex& index = sharedIndex ? *sharedIndex : *ownIndex;
    a.model = estimateLattice(x, y, &a.sublattice, &index, job);
    const LatticeModel& m = a.model;
    if (!m.valid()) {
        job.log(JobContext::LogLevel::Warning, "no lattice found: no ideal sites or strain");
        return a;
    }
    const double la1 = len(m.a1[0], m.a1[1]), la2 = len(m.a2[0], m.a2[1]), aMax = std::max(la1, la2);
    const double angle =
        std::acos(std::clamp((m.a1[0] * m.a2[0] + m.a1[1] * m.a2[1]) / (la1 * la2), -1.0, 1.0));
    const bool equal = std::fabs(la1 - la2) < 0.08 * std::max(la1, la2);
    const double deg = angle * 180 / M_PI;
    a.symmetry = equal && std::fabs(deg - 60) < 8   ? "hexagonal"
                 : equal && std::fabs(deg - 90) < 8 ? "square"
                                                    : "oblique";

    std::vector<char> fitted(n, 0);
    std::vector<double> tX(n, 0), tY(n, 0);
    job.setProgress(1, 4, "local lattice fit");
    parallelFor(
        n, 2048,
        [&](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i) {
                double tx = 0, ty = 0;
                if (fitLocalCell(i, x, y, a.sublattice, m, index, p.fitRadius * aMax, m.bondLength,
                                 a.localCell[i], tx, ty)) {
                    fitted[i] = 1;
                    tX[i] = tx, tY[i] = ty;
                    a.idealX[i] = float(x[i] + tx), a.idealY[i] = float(y[i] + ty);
                }
            }
        },
        job);
    job.throwIfCanceled();

    // Reference cell: an ideal hexagonal/square cell of the given constant, oriented along a1, or the
    // median of the local cells.
    if (p.referenceConstant > 0 && a.symmetry != "oblique") {
        const double phi = std::atan2(m.a1[1], m.a1[0]),
                     turn = a.symmetry == "hexagonal" ? M_PI / 3 : M_PI / 2;
        const double c = p.referenceConstant;
        a.reference = {c * std::cos(phi), c * std::sin(phi), c * std::cos(phi + turn),
                       c * std::sin(phi + turn)};
    } else {
        for (int k = 0; k < 4; ++k) {
            std::vector<double> v;
            for (std::size_t i = 0; i < n; ++i)
                if (fitted[i]) v.push_back(a.localCell[i][std::size_t(k)]);
            a.reference[std::size_t(k)] =
                v.empty() ? (k < 2 ? m.a1[std::size_t(k)] : m.a2[std::size_t(k - 2)]) : median(v);
        }
        if (p.referenceConstant > 0) { // oblique with a constant: scale the median cell
            const double s = p.referenceConstant / len(a.reference[0], a.reference[1]);
            for (auto& v : a.reference) v *= s;
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        if (fitted[i]) a.strain[i] = strainOf(a.localCell[i], a.reference);

    if (!p.idealSites) return a;
    job.setProgress(2, 4, "ideal sites");
    // Which sublattices take part: those holding at least 5% of the atoms.
    const int nb = int(m.basis.size());
    using Vectors = std::vector<std::array<double, 2>>;
    std::vector<std::vector<Vectors>> vec{std::size_t(nb)};
    std::vector<int> expected(std::size_t(nb), 0);
    const double predictRadius = 1.05 * aMax, tol = p.matchTolerance * m.bondLength;
    for (int f = 0; f < nb; ++f)
        for (int t = 0; t < nb; ++t) {
            vec[std::size_t(f)].push_back(siteVectors(m, f, t, predictRadius, tol));
            if (m.basisOccupancy[std::size_t(f)] >= 0.05)
                expected[std::size_t(t)] += int(vec[std::size_t(f)].back().size());
        }
    struct Prediction {
        double x, y;
        int sub;
        float ux, uy; ///< unit vector from the site towards its predictor
        bool low;     ///< predicted only under the lower local-occupancy rule of an ordered neighbourhood
    };
    // Sublattices filled over the whole image (not a partly filled extra site such as a hollow site):
    // within 0.8 of the most occupied one. Where the neighbourhood of an atom is a well-ordered lattice,
    // such a sublattice is expected around it even when detection missed most of it locally.
    std::vector<char> filled(std::size_t(nb), 0);
    {
        double best = 0;
        for (int t = 0; t < nb; ++t) best = std::max(best, m.basisOccupancy[std::size_t(t)]);
        double share = 0;
        for (int t = 0; t < nb; ++t)
            if (m.basisOccupancy[std::size_t(t)] >= 0.8 * best)
                filled[std::size_t(t)] = 1, share += m.basisOccupancy[std::size_t(t)];
        // Only a model that describes the image as one lattice: its filled sublattices hold most atoms
        // (not two grains or a wrong cell whose basis spreads the atoms over many sites).
        if (share < kCleanModel) std::fill(filled.begin(), filled.end(), 0);
    }
    const bool anyFilled = std::find(filled.begin(), filled.end(), 1) != filled.end();
    const std::vector<char> ordered = anyFilled
                                          ? orderedNeighbourhoods(x, y, a.sublattice, fitted, a.localCell, tX,
                                                                  tY, m, index, p.fitRadius * aMax, job)
                                          : std::vector<char>(n, 0);
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    for (std::size_t i = 0; i < n; ++i)
        minX = std::min(minX, x[i]), maxX = std::max(maxX, x[i]), minY = std::min(minY, y[i]),
        maxY = std::max(maxY, y[i]);
    if (p.imageWidth > 0 && p.imageHeight > 0)
        minX = minY = 1.0, maxX = p.imageWidth - 2.0,
        maxY = p.imageHeight - 2.0; // detectAtoms reports no column nearer the border
    const std::size_t chunk = 4096;
    std::vector<std::vector<Prediction>> missing((n + chunk - 1) / chunk);
    parallelFor(
        missing.size(), 1,
        [&](std::size_t cb, std::size_t ce) {
            std::vector<Prediction> site;
            for (std::size_t c = cb; c < ce; ++c)
                for (std::size_t i = c * chunk; i < std::min(n, (c + 1) * chunk); ++i) {
                    if (!fitted[i]) continue;
                    const auto& cell = a.localCell[i];
                    const double ox = x[i] + tX[i], oy = y[i] + tY[i];
                    for (int t = 0; t < nb; ++t) {
                        site.clear();
                        int occupied = 0;
                        for (const auto& u : vec[std::size_t(a.sublattice[i])][std::size_t(t)]) {
                            const double qx = ox + cell[0] * u[0] + cell[2] * u[1],
                                         qy = oy + cell[1] * u[0] + cell[3] * u[1];
                            if (index.nearest(qx, qy).second < tol)
                                ++occupied;
                            else {
                                const double d = std::max(1e-9, len(x[i] - qx, y[i] - qy));
                                site.push_back(
                                    {qx, qy, t, float((x[i] - qx) / d), float((y[i] - qy) / d), false});
                            }
                        }
                        const std::size_t total = site.size() + std::size_t(occupied);
                        if (total == 0) continue;
                        const bool high = double(occupied) >= 0.6 * double(total);
                        const bool low = !high && ordered[i] && filled[std::size_t(t)] &&
                                         double(occupied) >= p.orderedOccupancy * double(total);
                        if (!high && !low) continue; // not expected here
                        for (auto& s : site)
                            if (s.x >= minX && s.x <= maxX && s.y >= minY && s.y <= maxY)
                                s.low = low, missing[c].push_back(s);
                    }
                }
        },
        job);
    job.throwIfCanceled();
    // Merge predictions of the same site (same sublattice, within the tolerance).
    struct Cluster {
        double sx = 0, sy = 0;
        int count = 0, sub = 0, high = 0;
        double ux = 0, uy = 0;
    };
    std::vector<Point2> predicted;
    std::vector<int> sublattice;
    std::vector<const Prediction*> source;
    for (const auto& part : missing)
        for (const auto& s : part)
            predicted.push_back({s.x, s.y}), sublattice.push_back(s.sub), source.push_back(&s);
    const std::vector<std::size_t> clusterOf = clusterPredictions(predicted, sublattice, tol);
    std::vector<Cluster> clusters;
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        if (clusterOf[i] == clusters.size()) clusters.push_back({0, 0, 0, sublattice[i], 0, 0, 0});
        Cluster& c = clusters[clusterOf[i]];
        c.sx += predicted[i].x, c.sy += predicted[i].y, ++c.count;
        c.high += !source[i]->low;
        c.ux += source[i]->ux, c.uy += source[i]->uy;
    }
    for (const auto& c : clusters) {
        const int need = std::max(2, int(std::ceil(p.minVoteFraction * expected[std::size_t(c.sub)] - 1e-9)));
        if (c.count < need) continue;
        // Votes of the lower rule count only where the predictors surround the site (not all on one side,
        // as beyond the lattice's edge).
        if (c.high < need && len(c.ux, c.uy) > kSurround * c.count) continue;
        const double cx = c.sx / c.count, cy = c.sy / c.count;
        if (index.nearest(cx, cy).second < tol) continue;
        a.emptySites.push_back({cx, cy, c.sub, c.count, expected[std::size_t(c.sub)]});
    }
    std::sort(a.emptySites.begin(), a.emptySites.end(),
              [](const IdealSite& l, const IdealSite& r) { return l.y < r.y || (l.y == r.y && l.x < r.x); });
    job.setProgress(4, 4, "lattice done");
    return a;
}

namespace {

/// typicalBondLength(x, y) of atoms [0, atomCount) + empty sites after them, from the atoms' k-d tree
/// and a small one over the sites: a sample point's nearest other node is the nearer of its nearest
/// other atom and its nearest other site (the same points and distances as one tree over all).
double bondLengthWithSites(const std::vector<double>& x, const std::vector<double>& y, std::size_t atomCount,
                           const PointIndex& atomIndex) {
    if (x.size() < 2) return 0;
    if (x.size() == atomCount) return typicalBondLength(x, y, atomIndex);
    const PointIndex sites(std::vector<double>(x.begin() + std::ptrdiff_t(atomCount), x.end()),
                           std::vector<double>(y.begin() + std::ptrdiff_t(atomCount), y.end()));
    const std::size_t stride = std::max<std::size_t>(1, x.size() / 20000);
    std::vector<double> d;
    for (std::size_t i = 0; i < x.size(); i += stride) {
        const bool atom = i < atomCount;
        const auto same = atom ? atomIndex.knn(x[i], y[i], 2) : sites.knn(x[i], y[i], 2);
        const std::size_t offset = atom ? 0 : atomCount;
        double best = std::numeric_limits<double>::infinity();
        if (same.size() == 2) best = std::hypot(x[same[1] + offset] - x[i], y[same[1] + offset] - y[i]);
        const auto other = atom ? sites.nearest(x[i], y[i]) : atomIndex.nearest(x[i], y[i]);
        if (other.first >= 0) {
            const std::size_t j = std::size_t(other.first) + (atom ? atomCount : 0);
            best = std::min(best, std::hypot(x[j] - x[i], y[j] - y[i]));
        }
        if (std::isfinite(best)) d.push_back(best);
    }
    std::nth_element(d.begin(), d.begin() + std::ptrdiff_t(d.size() / 2), d.end());
    return d[d.size() / 2];
}

} // namespace

LatticeGraph buildLatticeGraph(const AtomTable& atoms, const GraphParams& gp, const LatticeParams& lp,
                               JobContext& job, LatticeAnalysis* out) {
    // One k-d tree over the atoms serves the lattice vectors, the basis walk, the local fits, the
    // ideal-site search and the bond length of atoms + empty sites.
    const PointIndex index(atoms.xs(), atoms.ys());
    LatticeAnalysis a = analyseLattice(atoms.xs(), atoms.ys(), lp, job, &index);
    std::vector<double> x(atoms.xs()), y(atoms.ys());
    for (const auto& s : a.emptySites) x.push_back(s.x), y.push_back(s.y);
    const double bond = bondLengthWithSites(x, y, atoms.size(), index);
    // A simple (one-site) lattice whose two translations differ in length, such as a rectangular
    // cell, has its second neighbours closer than the default cut assumes: cut above the longer one.
    GraphParams params = gp;
    const auto& m = a.model;
    std::size_t sites = 0;
    for (double o : m.basisOccupancy) sites += o >= 0.1;
    if (params.maxEdge <= 0 && m.valid() && sites == 1) {
        const double longer = std::max(std::hypot(m.a1[0], m.a1[1]), std::hypot(m.a2[0], m.a2[1]));
        params.maxEdge = std::max(params.cutFactor * m.bondLength, 1.15 * longer);
    }
    LatticeGraph g = buildGraph(std::move(x), std::move(y), atoms.size(), params, job, bond);
    for (std::size_t i = 0; i < atoms.size(); ++i) g.flags[i] = atoms.flags()[i];
    const std::size_t n = g.nodeCount();
    g.sublattice.assign(a.sublattice.begin(), a.sublattice.end());
    g.idealX = a.idealX, g.idealY = a.idealY;
    g.strain = a.strain;
    for (const auto& s : a.emptySites) {
        g.sublattice.push_back(s.sublattice);
        g.idealX.push_back(float(s.x)), g.idealY.push_back(float(s.y));
        g.strain.push_back({});
    }
    for (std::size_t i = atoms.size(); i < n; ++i) {
        NodeStrain sum;
        int count = 0;
        for (auto q = g.offsets[i]; q < g.offsets[i + 1]; ++q) {
            const auto j = g.neighbours[q];
            if (j >= atoms.size()) continue;
            const auto& s = g.strain[j];
            sum.exx += s.exx, sum.eyy += s.eyy, sum.exy += s.exy, sum.rotation += s.rotation, ++count;
        }
        if (count) g.strain[i] = {sum.exx / count, sum.eyy / count, sum.exy / count, sum.rotation / count};
    }
    if (out) *out = std::move(a);
    return g;
}

} // namespace atomlens
