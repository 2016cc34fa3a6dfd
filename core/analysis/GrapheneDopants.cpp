// Si dopants in graphene from one image (see GrapheneDopants.h).
#include "core/analysis/GrapheneDopants.h"

#include "core/analysis/DopantSwitching.h"
#include "core/analysis/GrapheneLattice.h"
#include "core/data/PointIndex.h"
#include "core/detect/RefineGaussian.h"
#include "core/graph/LatticeGraph.h"
#include "core/io/CsvTable.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMeasuredLow = 0.85;
constexpr double kWeakestWeight = 0.5;
constexpr double kIsotropicFloor = 0.7, kIsotropicRatio = 0.85;
// The local honeycomb (fitted 1.7-5 bonds around a dopant) is trusted when at least this fraction of its
// sites has a column; a dopant within kOnSite bonds of a site is 3-fold, else within kOnBondCentre of a bond
// centre 4-fold (a site and its nearest bond centre are 0.5 bonds apart). kOnBondCentre 0.1 was chosen on the
// simulated bench images (seeds 90000+), where true Si sit within 0.1 bonds and bright contamination does
// not; kOnSite 0.2 (was 0.1) there too (graph rule F1 Si3 / Si4 0.896 / 0.941 -> 0.900 / 0.958, 0.15 the
// same, 0.25 Si3 0.897) and checked on seeds 95000+ (0.882 / 0.925 -> 0.887 / 0.939): true Si3 whose fitted
// site lies 0.1-0.2 bonds away were left to the noisier templates. No real crop's class changes.
constexpr double kLatticeCoverage = 0.6, kOnSite = 0.2, kOnBondCentre = 0.1;
constexpr double kLatticeInner = 1.7, kLatticeOuter = 5.0;
// A dopant must be kLocalContrast x as bright as the upper quartile of the columns 1.7-3 bonds around it.
// On the simulated bench images (seeds 90000+) the bright spots of stacked amorphous carbon that pass
// dopantFactor have 1.2-3.5 x, true Si mostly more (about 8 of 213 below 2); 1.6 / 1.8 / 2.0 gave Si3 0.906
// / 0.911 / 0.912, Si4 0.952 / 0.952 / 0.946 (0.900 / 0.958 without); checked on seeds 95000+: Si3 0.887 ->
// 0.928, Si4 0.939 -> 0.968 at 1.8. Every real crop's Si has at least 3.7 x.
constexpr double kLocalContrast = 1.8, kSurroundOuter = 3.0;
constexpr double kOwnSeparation = 0.6; ///< bonds: the detector's minimum separation of two columns
// Projected Si-C distances, in C-C bonds: a 3-fold Si buckles out of the sheet and pushes its three C out to
// about 1.07 bonds (Si-C 1.77 A seen from above, ~1.52 A); a 4-fold Si pulls the four C of the divacancy in
// from sqrt(7)/2 = 1.32 to about 1.26 bonds. The simulator's --si-relaxed uses the same values; on the
// real crops the labelled 3-fold neighbours sit 0.5-0.8 px farther out than the unrelaxed lattice sites.
constexpr double kSi3Neighbour = 1.07, kSi4Neighbour = 1.26;

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
    return v[v.size() / 2];
}

/// Centre of the positive contrast within `radius` of (x, y), twice (moves a predicted site onto its
/// column).
void centreOnContrast(const Image& c, double radius, double& x, double& y) {
    for (int it = 0; it < 2; ++it) {
        double sw = 0, sx = 0, sy = 0;
        const int r = int(std::ceil(radius));
        const int cx = int(std::lround(x)), cy = int(std::lround(y));
        for (int yy = std::max(0, cy - r); yy <= std::min(c.height() - 1, cy + r); ++yy)
            for (int xx = std::max(0, cx - r); xx <= std::min(c.width() - 1, cx + r); ++xx) {
                if (std::hypot(xx - x, yy - y) > radius) continue;
                const double w = c.at(xx, yy);
                if (w > 0) sw += w, sx += w * xx, sy += w * yy;
            }
        if (sw <= 0) return;
        x = sx / sw, y = sy / sw;
    }
}

/// One round of completion: positions predicted by host-host bonds, kept when bright enough.
std::size_t completeOnce(AtomTable& atoms, std::vector<std::uint8_t>& dopant, const Image& contrast,
                         double bond, double threshold, JobContext& job) {
    const std::size_t n = atoms.size();
    const PointIndex index(atoms.xs(), atoms.ys());
    std::vector<double> ax, ay; // accepted this round
    const double cs = std::cos(2 * kPi / 3), sn = std::sin(2 * kPi / 3);
    const double margin = 0.25 * bond;
    for (std::size_t i = 0; i < n; ++i) {
        if (i % 256 == 0) job.throwIfCanceled();
        if (dopant[i]) continue;
        const double xi = atoms.xs()[i], yi = atoms.ys()[i];
        for (const auto& [j, d] : index.within(xi, yi, 1.3 * bond)) {
            if (j == i || dopant[j] || d < 0.75 * bond) continue;
            const double vx = atoms.xs()[j] - xi, vy = atoms.ys()[j] - yi;
            for (int s : {-1, 1}) {
                double px = xi + cs * vx - s * sn * vy, py = yi + s * sn * vx + cs * vy;
                if (px < margin || py < margin || px > contrast.width() - 1 - margin ||
                    py > contrast.height() - 1 - margin)
                    continue;
                if (index.nearest(px, py).second < 0.7 * bond) continue;
                bool taken = false;
                for (std::size_t k = 0; k < ax.size() && !taken; ++k)
                    taken = std::hypot(ax[k] - px, ay[k] - py) < 0.7 * bond;
                if (taken) continue;
                centreOnContrast(contrast, 0.35 * bond, px, py);
                if (contrast.sample(px, py) < threshold) continue;
                if (index.nearest(px, py).second < 0.7 * bond) continue;
                for (std::size_t k = 0; k < ax.size() && !taken; ++k)
                    taken = std::hypot(ax[k] - px, ay[k] - py) < 0.7 * bond;
                if (taken) continue;
                ax.push_back(px), ay.push_back(py);
            }
        }
    }
    for (std::size_t k = 0; k < ax.size(); ++k) {
        Atom a;
        a.x = ax[k], a.y = ay[k];
        a.amplitude = contrast.sample(ax[k], ay[k]);
        a.flags = kFlagGrapheneCompleted;
        atoms.add(a);
        dopant.push_back(0);
    }
    return ax.size();
}

/// Polar samples of the contrast around a dopant: rows = radii (0.8..1.6 bonds, 0.05 steps), columns =
/// angles (2 deg steps), each row minus its median over angles (removes the dopant's isotropic tail).
struct Polar {
    static constexpr int kAngles = 180;
    double r0 = 0.8, dr = 0.05;
    std::vector<std::vector<double>> v;
    double at(double r, double deg) const {
        const int ri = std::clamp(int(std::lround((r - r0) / dr)), 0, int(v.size()) - 1);
        int ai = int(std::lround(deg / 2.0)) % kAngles;
        if (ai < 0) ai += kAngles;
        return v[std::size_t(ri)][std::size_t(ai)];
    }
};

Polar polarAround(const Image& c, double x0, double y0, double b) {
    Polar p;
    for (double r = p.r0; r <= 1.6 + 1e-9; r += p.dr) {
        std::vector<double> row(Polar::kAngles);
        for (int a = 0; a < Polar::kAngles; ++a) {
            const double t = a * 2.0 * kPi / 180.0;
            row[std::size_t(a)] = c.sample(x0 + r * b * std::cos(t), y0 + r * b * std::sin(t));
        }
        const double med = median(row);
        for (auto& v : row) v -= med;
        p.v.push_back(std::move(row));
    }
    return p;
}

/// Best 3-fold (3 neighbours 120 deg apart, 0.9-1.3 bonds) and 4-fold (pairs 70-100 deg apart on
/// opposite sides, 1.1-1.45 bonds) templates: mean contrast at their points and the points (radius,
/// degrees).
struct TemplateFit {
    double score = -1e300;
    std::vector<std::pair<double, double>> points;
};

/// Score of a template's points: the mean contrast, pulled toward the weakest point (a missing
/// neighbour must cost more than a dim one).
double templateScore(const double* v, int n) {
    double sum = 0, lo = v[0];
    for (int k = 0; k < n; ++k) sum += v[k], lo = std::min(lo, v[k]);
    return (1 - kWeakestWeight) * sum / n + kWeakestWeight * lo;
}

TemplateFit fitThreeFold(const Polar& p) {
    TemplateFit best;
    for (double r = 0.9; r <= 1.3 + 1e-9; r += 0.05)
        for (int phi = 0; phi < 120; phi += 2) {
            double v[3];
            for (int k = 0; k < 3; ++k) v[k] = p.at(r, phi + 120 * k);
            const double s = templateScore(v, 3);
            if (s > best.score) best.score = s, best.points = {{r, phi}, {r, phi + 120}, {r, phi + 240}};
        }
    return best;
}

TemplateFit fitFourFold(const Polar& p) {
    TemplateFit best;
    for (double r = 1.1; r <= 1.45 + 1e-9; r += 0.05)
        for (int half = 34; half <= 50; half += 4)
            for (int phi = 0; phi < 180; phi += 2) {
                const double a[4] = {double(phi - half), double(phi + half), double(phi + 180 - half),
                                     double(phi + 180 + half)};
                double v[4];
                for (int k = 0; k < 4; ++k) v[k] = p.at(r, a[k]);
                const double s = templateScore(v, 4);
                if (s > best.score) {
                    best.score = s, best.points.clear();
                    for (double t : a) best.points.push_back({r, t});
                }
            }
    return best;
}

/// Turns each template point to the largest contrast within +-15 deg at the template's common radius (one
/// radius for all neighbours is steadier than each noisy peak's; the Gaussian fits refine it later).
void refinePoints(const Polar& p, TemplateFit& f) {
    for (auto& [r, t] : f.points) {
        double bestV = -1e300, bt = t;
        for (double tt = t - 15; tt <= t + 15; tt += 2)
            if (p.at(r, tt) > bestV) bestV = p.at(r, tt), bt = tt;
        t = bt;
    }
}

/// Whether dopant row i is at least kLocalContrast x as bright as the upper quartile of the non-dopant
/// columns 1.7-3 bonds around it (true when fewer than 4 columns lie there).
bool brighterThanSurroundings(const AtomTable& atoms, const std::vector<std::uint8_t>& dopant,
                              const PointIndex& index, const Image& contrast, std::size_t i, double b) {
    const double x0 = atoms.xs()[i], y0 = atoms.ys()[i];
    std::vector<double> ring;
    for (const auto& [j, d] : index.within(x0, y0, kSurroundOuter * b))
        if (!dopant[j] && d > kLatticeInner * b)
            ring.push_back(contrast.sample(atoms.xs()[j], atoms.ys()[j]));
    if (ring.size() < 4) return true;
    std::sort(ring.begin(), ring.end());
    return contrast.sample(x0, y0) >= kLocalContrast * ring[ring.size() * 3 / 4];
}

/// Around each dopant: the 3-fold and 4-fold neighbour templates fitted to the contrast; the better one's
/// points (refined) replace the host columns within 1.6 bonds, so the graph holds the neighbours the image
/// shows even where the detector merged or missed columns beside the bright dopant.
void fitDopantNeighbourhoods(GrapheneAnalysis& out, std::vector<std::uint8_t>& dopant, const Image& image,
                             const Image& contrast, double m, double minScore, JobContext& job) {
    const double b = out.bondLength;
    std::vector<std::size_t> remove;
    std::vector<Atom> addAtoms;
    std::vector<std::optional<Point2>> idealOf; // per added atom: its site in the local lattice, if trusted
    std::vector<std::size_t> ownerOf;           // per added atom: the dopant row whose template placed it
    const PointIndex atomIndex(out.atoms.xs(), out.atoms.ys()); // positions stay put in this loop
    for (std::size_t i = 0; i < out.atoms.size(); ++i) {
        if (!dopant[i]) continue;
        const double x0 = out.atoms.xs()[i], y0 = out.atoms.ys()[i];
        const Polar polar = polarAround(contrast, x0, y0, b);
        TemplateFit f3 = fitThreeFold(polar), f4 = fitFourFold(polar);
        const double hi = std::max(f3.score, f4.score) / m, lo = std::min(f3.score, f4.score) / m;
        // Both templates bright and alike: bright all around (amorphous contamination), not a dopant in
        // the lattice, whose neighbours fit one template and leave the other dark.
        if (hi < minScore || (lo > kIsotropicFloor && lo > kIsotropicRatio * hi)) {
            dopant[i] = 0;
            continue;
        }
        // A Si is one bright column among C columns; a bright spot of stacked amorphous carbon has bright
        // columns around it too.
        if (!brighterThanSurroundings(out.atoms, dopant, atomIndex, contrast, i, b)) {
            dopant[i] = 0;
            continue;
        }
        out.templateMargin.push_back({i, (f4.score - f3.score) / m});
        // Where the surrounding lattice is clean, the dopant's place in it decides: on a site = 3-fold, on a
        // bond centre = 4-fold (the templates see only the noisy ring of neighbours).
        std::vector<std::uint8_t> host(dopant.size());
        for (std::size_t k = 0; k < host.size(); ++k) host[k] = !dopant[k];
        const Point2 p0{x0, y0};
        LocalHoneycomb lattice =
            fitLocalHoneycomb(out.atoms.xs(), out.atoms.ys(), host, p0, kLatticeInner * b, kLatticeOuter * b,
                              b, image.width(), image.height());
        if (!lattice.valid || lattice.coverage() < kLatticeCoverage) lattice.valid = false;
        bool four = f4.score > f3.score;
        if (lattice.valid) {
            const Point2 site = lattice.nearestSite(p0), centre = lattice.nearestBondCentre(p0);
            if (std::hypot(site.x - x0, site.y - y0) <= kOnSite * lattice.bond)
                four = false;
            else if (std::hypot(centre.x - x0, centre.y - y0) <= kOnBondCentre * lattice.bond)
                four = true;
        }
        TemplateFit& f = four ? f4 : f3;
        std::vector<Point2> ideal =
            lattice.valid ? (four ? lattice.neighboursOfBondCentre(p0) : lattice.neighboursOfSite(p0))
                          : std::vector<Point2>{};
        if (lattice.valid) { // the dopant's neighbours relax radially from its site (or bond centre)
            const Point2 c = four ? lattice.nearestBondCentre(p0) : lattice.nearestSite(p0);
            const double target = (four ? kSi4Neighbour : kSi3Neighbour) * lattice.bond;
            for (auto& q : ideal) {
                const double d = std::hypot(q.x - c.x, q.y - c.y);
                if (d > 0) q = c + (target / d) * (q - c);
            }
        }
        refinePoints(polar, f);
        for (const auto& [j, d] : atomIndex.within(x0, y0, 1.65 * b))
            if (!dopant[j] && std::hypot(out.atoms.xs()[j] - x0, out.atoms.ys()[j] - y0) < 1.65 * b)
                remove.push_back(j);
        for (const auto& [r, t] : f.points) {
            Atom a;
            a.x = x0 + r * b * std::cos(t * kPi / 180), a.y = y0 + r * b * std::sin(t * kPi / 180);
            if (a.x < 0 || a.y < 0 || a.x > contrast.width() - 1 || a.y > contrast.height() - 1) continue;
            a.amplitude = contrast.sample(a.x, a.y);
            a.flags = kFlagGrapheneCompleted;
            addAtoms.push_back(a);
            ownerOf.push_back(i);
            // The ideal lattice site of this neighbour (the fitted lattice averages dozens of columns,
            // a single neighbour beside the bright dopant is noisy): the final position is the mean of both.
            Point2 best{0, 0};
            double bestD = 0.5 * b;
            bool any = false;
            for (const auto& q : ideal)
                if (std::hypot(q.x - a.x, q.y - a.y) < bestD)
                    bestD = std::hypot(q.x - a.x, q.y - a.y), best = q, any = true;
            idealOf.push_back(any ? std::optional<Point2>(best) : std::nullopt);
        }
    }
    // Templates of dopants about two bonds apart overlap: a point closer than kOwnSeparation bonds to another
    // dopant, or to a kept point of another template, is not a column of its own (the detector never puts
    // two columns that close). Near another dopant it is dropped; near another template's point it is the
    // same column, kept once as a neighbour of both dopants (kSharedOwner). Every other template point bonds
    // only to the dopant that placed it (classifyGrapheneDopants with templateOwner): a nearby dopant's
    // neighbour, often one of a bright contamination spot's, is no bond of this one.
    {
        std::vector<Atom> keptAtoms;
        std::vector<std::optional<Point2>> keptIdeal;
        std::vector<std::size_t> keptOwner;
        for (std::size_t k = 0; k < addAtoms.size(); ++k) {
            const Atom& a = addAtoms[k];
            bool clash = false;
            for (std::size_t j = 0; j < out.atoms.size() && !clash; ++j)
                clash = dopant[j] && j != ownerOf[k] &&
                        std::hypot(out.atoms.xs()[j] - a.x, out.atoms.ys()[j] - a.y) < kOwnSeparation * b;
            for (std::size_t q = 0; q < keptAtoms.size() && !clash; ++q) {
                clash = keptOwner[q] != ownerOf[k] &&
                        std::hypot(keptAtoms[q].x - a.x, keptAtoms[q].y - a.y) < kOwnSeparation * b;
                if (clash) keptOwner[q] = kSharedOwner; // one column: both templates' neighbour
            }
            if (clash) continue;
            keptAtoms.push_back(a), keptIdeal.push_back(idealOf[k]), keptOwner.push_back(ownerOf[k]);
        }
        addAtoms.swap(keptAtoms), idealOf.swap(keptIdeal), ownerOf.swap(keptOwner);
    }
    std::sort(remove.begin(), remove.end());
    remove.erase(std::unique(remove.begin(), remove.end()), remove.end());
    std::vector<std::uint8_t> kept;
    for (std::size_t j = 0, r = 0; j < out.atoms.size(); ++j) {
        if (r < remove.size() && remove[r] == j) {
            ++r;
            continue;
        }
        kept.push_back(dopant[j]);
    }
    // Row indices in templateMargin refer to dopants, which are never removed: remap them.
    std::vector<std::size_t> newRow(out.atoms.size(), 0);
    for (std::size_t j = 0, r = 0, n = 0; j < out.atoms.size(); ++j) {
        if (r < remove.size() && remove[r] == j) {
            ++r;
            continue;
        }
        newRow[j] = n++;
    }
    for (auto& tm : out.templateMargin) tm.first = newRow[tm.first];
    out.atoms.removeRows(remove);
    std::vector<float> sigmas(out.atoms.sigmas().begin(), out.atoms.sigmas().end());
    std::nth_element(sigmas.begin(), sigmas.begin() + long(sigmas.size() / 2), sigmas.end());
    const float sigma = sigmas.empty() ? float(0.25 * b) : sigmas[sigmas.size() / 2];
    std::vector<std::size_t> rows;
    for (std::size_t j = 0; j < kept.size(); ++j)
        if (kept[j]) rows.push_back(j);
    out.templateOwner.assign(out.atoms.size(), kNoOwner);
    for (std::size_t k = 0; k < addAtoms.size(); ++k) {
        Atom a = addAtoms[k];
        a.sigma = sigma;
        rows.push_back(out.atoms.size());
        out.atoms.add(a), kept.push_back(0);
        out.templateOwner.push_back(ownerOf[k] == kSharedOwner ? kSharedOwner : newRow[ownerOf[k]]);
    }
    dopant.swap(kept);
    // Joint Gaussian fits of each dopant and its new neighbours (neighbours' tails subtracted); a fit that
    // failed or left its template position by more than 0.2 bonds keeps the template position.
    // Only the new neighbours move: the dopants and the other columns keep the detector's positions.
    const std::vector<double> xs = out.atoms.xs(), ys = out.atoms.ys();
    RefineParams rp;
    rp.rescueOutliers = true;
    rp.jointReach = 0; // neighbours subtracted as known: the refinement the graphene model was measured with
    refineAtomsNear(image, out.atoms, rows, rp, job);
    std::vector<std::uint8_t> isNew(out.atoms.size(), 0);
    for (std::size_t r : rows) isNew[r] = !dopant[r];
    for (std::size_t r = 0; r < out.atoms.size(); ++r)
        if (!isNew[r] || (out.atoms.flags()[r] & kFlagFitFailed) ||
            std::hypot(out.atoms.xs()[r] - xs[r], out.atoms.ys()[r] - ys[r]) > 0.2 * b)
            out.atoms.setPosition(r, xs[r], ys[r]);
    const std::size_t firstAdded = out.atoms.size() - addAtoms.size();
    for (std::size_t k = 0; k < idealOf.size(); ++k)
        if (idealOf[k]) {
            const std::size_t r = firstAdded + k;
            out.atoms.setPosition(r, 0.5 * (out.atoms.xs()[r] + idealOf[k]->x),
                                  0.5 * (out.atoms.ys()[r] + idealOf[k]->y));
        }
}

} // namespace

const std::vector<ParamField<GrapheneParams>>& GrapheneParams::fields() {
    using P = GrapheneParams;
    static const std::vector<ParamField<P>> f = {
        numberField<P>("bond_length", "C-C bond length", "px", 0, 1000, &P::bondLength,
                       "0 = from the image (autocorrelation)"),
        numberField<P>("dopant_factor", "Dopant contrast", "x median", 1, 20, &P::dopantFactor,
                       "a column brighter than this x the median column is a dopant"),
        numberField<P>("bond_cut", "Dopant bond cut", "bonds", 1.1, 1.7, &P::bondCut,
                       "neighbours closer than this are bonded to the dopant"),
        integerField<P>("completion_rounds", "Honeycomb completion rounds", 0, 10, &P::completionRounds,
                        "0 = use the detected columns as they are"),
    };
    return f;
}

GrapheneAnalysis analyseGrapheneImage(const Image& image, const GrapheneParams& params, JobContext& job) {
    GrapheneParams p = params;
    if (!(p.bondLength > 0)) p.bondLength = estimateGrapheneBond(image);
    const AtomTable detected = detectAtoms(image, grapheneDetectParams(p.bondLength), job);
    // The detections' own bond length when it agrees (it follows strain and calibration better).
    const double measured = medianBondLength(detected.xs(), detected.ys());
    if (p.bondLength > 0 && measured > kMeasuredLow * p.bondLength && measured < 1.2 * p.bondLength)
        p.bondLength = measured;
    return analyseGraphene(image, detected, p, job);
}

GrapheneAnalysis analyseGraphene(const Image& image, const AtomTable& detected, const GrapheneParams& params,
                                 JobContext& job) {
    GrapheneAnalysis out;
    out.atoms = detected;
    out.bondLength =
        params.bondLength > 0 ? params.bondLength : medianBondLength(detected.xs(), detected.ys());
    if (detected.size() < 4 || !(out.bondLength > 1)) return out;
    const double b = out.bondLength;
    const Image contrast = columnContrast(image, b);
    std::vector<double> values;
    for (std::size_t i = 0; i < detected.size(); ++i)
        values.push_back(contrast.sample(detected.xs()[i], detected.ys()[i]));
    out.medianContrast = median(values);
    const double m = out.medianContrast > 0 ? out.medianContrast : 1;
    std::vector<std::uint8_t> dopant(detected.size(), 0);
    for (std::size_t i = 0; i < detected.size(); ++i) dopant[i] = values[i] > params.dopantFactor * m;
    // A bright column within 1.65 bonds of a brighter dopant is a host column lit by its tail (or a second
    // peak of the same dopant), not a dopant of its own.
    {
        const PointIndex index(detected.xs(), detected.ys());
        std::vector<std::uint8_t> keep = dopant;
        for (std::size_t i = 0; i < detected.size(); ++i) {
            if (!dopant[i]) continue;
            for (const auto& [j, d] : index.within(detected.xs()[i], detected.ys()[i], 1.65 * b))
                if (j != i && dopant[j] && (values[j] > values[i] || (values[j] == values[i] && j < i)))
                    keep[i] = 0;
        }
        dopant.swap(keep);
    }
    for (int r = 0; r < params.completionRounds; ++r) {
        const std::size_t added = completeOnce(out.atoms, dopant, contrast, b, params.siteFactor * m, job);
        out.added += added;
        if (!added) break;
    }
    if (params.fitNeighbourhoods)
        fitDopantNeighbourhoods(out, dopant, image, contrast, m, params.minTemplateScore, job);
    out.contrast.resize(out.atoms.size());
    for (std::size_t i = 0; i < out.atoms.size(); ++i)
        out.contrast[i] = float(contrast.sample(out.atoms.xs()[i], out.atoms.ys()[i]) / m);
    out.templateOwner.resize(out.atoms.size(), kNoOwner);
    out.dopants = classifyGrapheneDopants(out.atoms, dopant, b, params, out.templateOwner);
    out.atoms.setClassNames({params.hostClass, params.element + "3", params.element + "4"});
    for (std::size_t i = 0; i < out.atoms.size(); ++i)
        if (!dopant[i]) out.atoms.setClass(i, 0, 1.0f);
    for (auto& d : out.dopants) {
        d.contrast = out.contrast[d.row];
        if (!d.cls.empty()) out.atoms.setClass(d.row, d.cls.back() == '4' ? 2 : 1, d.confidence);
    }
    return out;
}

std::vector<GrapheneDopant> classifyGrapheneDopants(const AtomTable& atoms,
                                                    const std::vector<std::uint8_t>& dopant, double b,
                                                    const GrapheneParams& params,
                                                    const std::vector<std::size_t>& owner) {
    if (dopant.size() != atoms.size()) throw std::invalid_argument("classifyGrapheneDopants: size mismatch");
    std::vector<GrapheneDopant> out;
    if (atoms.size() < 3 || !(b > 0)) return out;
    GraphParams gp;
    gp.cutFactor = 2.2; // keep the next shell in the graph to measure the margin to the cut
    gp.maxRingSize = 10;
    const LatticeGraph g = buildGraph(atoms.xs(), atoms.ys(), atoms.size(), gp, nullJobContext(),
                                      typicalBondLength(atoms.xs(), atoms.ys()));
    const double cut = params.bondCut * b;
    // Rings of the bond graph: host-host bonds up to 1.3 bonds, dopant bonds up to the cut (a 4-fold
    // Si's neighbours are 1.3 bonds apart and must not bond to each other); its faces around each dopant.
    LatticeGraph bonds = g;
    bonds.neighbours.clear(), bonds.edgeLength.clear(), bonds.edgeAngle.clear();
    for (std::size_t i = 0; i < g.nodeCount(); ++i) {
        bonds.offsets[i] = std::uint32_t(bonds.neighbours.size());
        for (auto k = g.offsets[i]; k < g.offsets[i + 1]; ++k) {
            const std::size_t j = g.neighbours[k];
            if (g.edgeLength[k] >= ((dopant[i] || dopant[j]) ? cut : 1.3 * b)) continue;
            bonds.neighbours.push_back(g.neighbours[k]);
            bonds.edgeLength.push_back(g.edgeLength[k]), bonds.edgeAngle.push_back(g.edgeAngle[k]);
        }
    }
    bonds.offsets[g.nodeCount()] = std::uint32_t(bonds.neighbours.size());
    findRings(bonds, gp.maxRingSize);
    std::vector<std::vector<int>> ringsOf(atoms.size());
    for (std::size_t r = 0; r < bonds.ringCount(); ++r)
        for (auto k = bonds.ringOffsets[r]; k < bonds.ringOffsets[r + 1]; ++k)
            ringsOf[bonds.ringNodes[k]].push_back(int(bonds.ringSize(r)));
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        if (!dopant[i]) continue;
        GrapheneDopant d;
        d.row = i, d.x = atoms.xs()[i], d.y = atoms.ys()[i];
        double inMax = 0, outMin = 3 * b, sum = 0;
        std::vector<double> angles;
        for (auto k = g.offsets[i]; k < g.offsets[i + 1]; ++k) {
            const std::size_t j = g.neighbours[k];
            const double len = g.edgeLength[k];
            if (dopant[j]) continue;
            if (!owner.empty() && owner[j] < kSharedOwner && owner[j] != i)
                continue; // another dopant's neighbour
            if (len < cut) {
                d.bonded.push_back(j), inMax = std::max(inMax, len), sum += len;
                angles.push_back(g.edgeAngle[k]);
            } else {
                outMin = std::min(outMin, len);
            }
        }
        d.coordination = int(d.bonded.size());
        d.meanBond = d.bonded.empty() ? 0 : sum / double(d.bonded.size()) / b;
        d.ringSizes = ringsOf[i];
        std::sort(d.ringSizes.begin(), d.ringSizes.end());
        if (d.coordination >= 2) {
            d.cls = params.element + (d.coordination >= 4 ? "4" : "3");
            // Margin of the bond count: how far the farthest bond and the nearest non-bond are from the
            // cut (0.1 bond lengths -> 0.88), times a penalty when an angular gap shows a missing bond.
            const double margin = std::min(cut - inMax, outMin - cut) / b;
            double conf = 0.5 + 0.5 * std::tanh(std::max(0.0, margin) / 0.1);
            std::sort(angles.begin(), angles.end());
            double gap = 0;
            for (std::size_t k = 0; k < angles.size(); ++k)
                gap =
                    std::max(gap, (k + 1 < angles.size() ? angles[k + 1] : angles[0] + 2 * kPi) - angles[k]);
            const double expected = d.coordination >= 4 ? 98.0 : 120.0;
            if (gap * 180 / kPi > expected + 35) conf *= 0.7;
            if (d.coordination == 2 || d.coordination > 4) conf *= 0.7;
            d.confidence = float(std::clamp(conf, 0.34, 1.0));
        }
        out.push_back(std::move(d));
    }
    return out;
}

namespace {
std::string ringsText(const GrapheneDopant& d) {
    std::string rings;
    for (int s : d.ringSizes) rings += (rings.empty() ? "" : " ") + std::to_string(s);
    return rings;
}
} // namespace

void writeGrapheneDopantsCsv(const GrapheneAnalysis& a, const std::string& path) {
    CsvTable t({"id", "x", "y", "class", "coordination", "confidence", "mean_bond", "contrast", "rings",
                "model_class", "model_confidence"});
    for (const auto& d : a.dopants)
        t.addRow({std::to_string(a.atoms.ids()[d.row]), formatNumber(d.x, 8), formatNumber(d.y, 8), d.cls,
                  std::to_string(d.coordination), formatNumber(d.confidence, 3), formatNumber(d.meanBond, 3),
                  formatNumber(d.contrast, 3), ringsText(d), d.modelClass,
                  d.modelClass.empty() ? "" : formatNumber(d.modelConfidence, 3)});
    t.write(path);
}

std::string grapheneDopantTable(const GrapheneAnalysis& a) {
    std::string out = "dopant      x        y  class  bonds  conf  mean bond  rings         model (conf)\n";
    char line[256];
    for (const auto& d : a.dopants) {
        const std::string model = d.modelClass.empty() ? "-" : d.modelClass;
        std::snprintf(line, sizeof line, "%6u %8.2f %8.2f  %-5s  %5d  %4.2f  %9.2f  %-12s  %s (%.2f)\n",
                      a.atoms.ids()[d.row], d.x, d.y, d.cls.empty() ? "?" : d.cls.c_str(), d.coordination,
                      d.confidence, d.meanBond, ringsText(d).c_str(), model.c_str(), d.modelConfidence);
        out += line;
    }
    return out;
}

} // namespace atomlens
