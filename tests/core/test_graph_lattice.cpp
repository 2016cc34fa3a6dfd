#include "tests/TestSupport.h"

#include "core/base/Random.h"
#include "core/data/PointIndex.h"
#include "core/graph/IdealLattice.h"
#include "core/simulate/Simulator.h"

#include <algorithm>
#include <cmath>

using namespace atomlens;

namespace {

struct Scene {
    AtomTable atoms; ///< present columns only
    std::vector<double> emptyX, emptyY;
    std::vector<std::string> emptySite;
    double pixelSize = 0;
    int width = 0, height = 0;
};

/// Simulated truth as the detector would see it: columns with an atom, positions with optional noise.
Scene scene(const SimulationParams& sp, double noisePx) {
    const auto sim = simulate(sp);
    Scene s;
    s.pixelSize = sim.pixelSize, s.width = sp.width, s.height = sp.height;
    Random rng(sp.seed + 1000);
    for (const auto& t : sim.truth) {
        if (t.cls == "empty") {
            s.emptyX.push_back(t.x), s.emptyY.push_back(t.y), s.emptySite.push_back(t.site);
            continue;
        }
        Atom a;
        a.x = t.x + (noisePx > 0 ? rng.normal(0, noisePx) : 0);
        a.y = t.y + (noisePx > 0 ? rng.normal(0, noisePx) : 0);
        s.atoms.add(a);
    }
    return s;
}

} // namespace

TEST_CASE("lattice: vectors and sublattices of simulated MoS2", "[graph][lattice]") {
    SimulationParams sp;
    sp.width = sp.height = 512;
    sp.seed = 2;
    sp.rotationDeg = 17;
    const Scene s = scene(sp, 0);
    std::vector<std::int32_t> sites;
    const LatticeModel m = estimateLattice(s.atoms.xs(), s.atoms.ys(), &sites);
    REQUIRE(m.valid());
    const double a = 3.16 / s.pixelSize;
    CHECK(std::hypot(m.a1[0], m.a1[1]) == Approx(a).epsilon(0.01));
    CHECK(std::hypot(m.a2[0], m.a2[1]) == Approx(a).epsilon(0.01));
    CHECK(m.a1[0] * m.a2[0] + m.a1[1] * m.a2[1] == Approx(0.5 * a * a).epsilon(0.02)); // 60 degrees
    CHECK(m.area() > 0);
    REQUIRE(m.basis.size() == 2); // Mo and S
    CHECK(m.basisOccupancy[0] == Approx(0.5).margin(0.05));
    CHECK(m.bondLength == Approx(a / std::sqrt(3.0)).epsilon(0.01));
    // Every column is on one of the two sites and the Mo columns share theirs.
    const auto sim = simulate(sp);
    int moSite = -1;
    std::size_t k = 0, agree = 0, moCount = 0;
    for (const auto& t : sim.truth) {
        if (t.cls == "empty") continue;
        if (t.site == "Mo") {
            if (moSite < 0) moSite = sites[k];
            agree += sites[k] == moSite, ++moCount;
        }
        ++k;
    }
    CHECK(agree == moCount);
}

TEST_CASE("lattice: a part the bonds cannot reach keeps the same two sublattices", "[graph][lattice]") {
    // A strip of missing columns cuts the Mo-S bond graph in two (as a run of undetected S1 columns
    // can). The far part is listed first and starts with an S column, so the basis walk meets it with
    // nothing placed: it must take its phase from the placed atoms, not restart at site 0.
    SimulationParams sp;
    sp.width = sp.height = 384;
    sp.seed = 3;
    sp.rotationDeg = 9;
    sp.sSingleVacancy = sp.sEmpty = sp.moVacancy = sp.heavyDopant = sp.lightDopant = 0;
    sp.vacancyLines = 0;
    const auto sim = simulate(sp);
    const double bond = 3.16 / std::sqrt(3.0) / sim.pixelSize, cut = 0.5 * sp.width;
    std::vector<double> x, y;
    std::vector<std::string> kind;
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& t : sim.truth) {
            if (t.cls == "empty" || std::fabs(t.y - cut) < 1.6 * bond) continue; // the strip
            const bool far = t.y > cut;
            if (far != (pass == 0)) continue;
            x.push_back(t.x), y.push_back(t.y), kind.push_back(t.site);
        }
    // Put an S column of the far part first.
    const auto firstS = std::size_t(std::find(kind.begin(), kind.end(), "S") - kind.begin());
    REQUIRE(firstS < kind.size());
    std::swap(x[0], x[firstS]), std::swap(y[0], y[firstS]), std::swap(kind[0], kind[firstS]);
    std::vector<std::int32_t> sites;
    const LatticeModel m = estimateLattice(x, y, &sites);
    REQUIRE(m.valid());
    REQUIRE(m.basis.size() == 2);
    CHECK(m.basisOccupancy[0] + m.basisOccupancy[1] > 0.999);
    // Every Mo column on one site, every S column on the other, in both parts.
    std::int32_t moSite = -1, sSite = -1;
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        auto& expected = kind[i] == "Mo" ? moSite : sSite;
        if (expected < 0) expected = sites[i];
        wrong += sites[i] != expected;
    }
    CHECK(moSite != sSite);
    CHECK(wrong == 0);
}

TEST_CASE("lattice: the FFT period of simulated MoS2 is the {100} spacing", "[graph][lattice]") {
    SimulationParams sp;
    sp.width = sp.height = 512;
    sp.seed = 3;
    const auto sim = simulate(sp);
    const double a = 3.16 / sim.pixelSize;
    CHECK(latticePeriodFromFft(sim.micrograph.frame(0)) == Approx(a * std::sqrt(3.0) / 2).epsilon(0.03));
    CHECK(latticePeriodFromFft(Image(8, 8)) == 0);
}

TEST_CASE("lattice: empty Mo and S sites of simulated MoS2 are found as ideal sites", "[graph][lattice]") {
    std::size_t truthEmpty = 0, found = 0, predicted = 0, falseSites = 0;
    for (std::uint64_t seed : {11u, 12u, 13u}) {
        SimulationParams sp;
        sp.width = sp.height = 1024;
        sp.seed = seed;
        sp.sEmpty = 0.06;
        sp.moVacancy = 0.04;
        const Scene s = scene(sp, 0.15);
        LatticeParams lp;
        lp.imageWidth = s.width, lp.imageHeight = s.height;
        const auto a = analyseLattice(s.atoms.xs(), s.atoms.ys(), lp);
        const double tol = 0.3 * a.model.bondLength;
        std::vector<double> px, py;
        for (const auto& site : a.emptySites) px.push_back(site.x), py.push_back(site.y);
        const PointIndex predictedIndex(px, py), truthIndex(s.emptyX, s.emptyY);
        for (std::size_t i = 0; i < s.emptyX.size(); ++i)
            found += predictedIndex.nearest(s.emptyX[i], s.emptyY[i]).second < tol;
        for (std::size_t i = 0; i < px.size(); ++i)
            falseSites += truthIndex.nearest(px[i], py[i]).second >= tol;
        truthEmpty += s.emptyX.size(), predicted += px.size();
    }
    const double recall = double(found) / double(truthEmpty),
                 falseRate = double(falseSites) / double(predicted);
    INFO(truthEmpty << " empty sites in truth, " << found << " found; " << predicted << " predicted, "
                    << falseSites << " false");
    CHECK(truthEmpty > 900);
    CHECK(recall >= 0.98);
    CHECK(falseRate <= 0.01);
}

TEST_CASE("lattice: a partly filled third site is no translation, S vacancies are still found",
          "[graph][lattice]") {
    // 2H MoS2 seen from above with a quarter of the hollow (third) sites holding a column, as in real
    // images with a third-site phase: the Mo-S-hollow net is triangular at the bond length, and in this
    // field its bond vectors are held by 0.78 as many atoms as the translations (a honeycomb: 0.5), which
    // the old cut (0.6 of the most common vector) took for translations. 5 % of the S columns are missing.
    const double a = 34, rot = 0.3, jitter = 0.3;
    const double c = std::cos(rot), s = std::sin(rot);
    const double a1x = a * c, a1y = a * s, a2x = a * std::cos(rot + M_PI / 3),
                 a2y = a * std::sin(rot + M_PI / 3);
    Random rng(77);
    AtomTable atoms;
    std::vector<double> vacX, vacY;
    for (int j = -20; j <= 20; ++j)
        for (int i = -20; i <= 20; ++i)
            for (int site = 0; site < 3; ++site) {
                const double f = site / 3.0; // Mo (0, 0), S (1/3, 1/3), hollow (2/3, 2/3)
                const double x = 300 + a1x * (i + f) + a2x * (j + f), y = 300 + a1y * (i + f) + a2y * (j + f);
                if (x < 20 || y < 20 || x > 580 || y > 580) continue;
                const double u = rng.uniform();
                if (site == 2 && u >= 0.25) continue;
                if (site == 1 && u < 0.05) {
                    if (x > 60 && y > 60 && x < 540 && y < 540) vacX.push_back(x), vacY.push_back(y);
                    continue;
                }
                Atom at;
                at.x = x + rng.normal(0, jitter), at.y = y + rng.normal(0, jitter);
                atoms.add(at);
            }
    REQUIRE(vacX.size() > 10);
    std::vector<std::int32_t> sites;
    const LatticeModel m = estimateLattice(atoms.xs(), atoms.ys(), &sites);
    REQUIRE(m.valid());
    CHECK(std::hypot(m.a1[0], m.a1[1]) == Approx(a).epsilon(0.02));
    CHECK(std::hypot(m.a2[0], m.a2[1]) == Approx(a).epsilon(0.02));
    std::vector<double> occupancy = m.basisOccupancy;
    std::sort(occupancy.rbegin(), occupancy.rend());
    REQUIRE(occupancy.size() >= 3);
    CHECK(occupancy[0] == Approx(1 / 2.2).margin(0.03));    // Mo
    CHECK(occupancy[1] == Approx(0.95 / 2.2).margin(0.03)); // S
    CHECK(occupancy[2] == Approx(0.25 / 2.2).margin(0.03)); // hollow
    // The interior S vacancies become empty ideal sites.
    LatticeParams lp;
    lp.imageWidth = lp.imageHeight = 600;
    const auto analysis = analyseLattice(atoms.xs(), atoms.ys(), lp);
    std::vector<double> px, py;
    for (const auto& site : analysis.emptySites) px.push_back(site.x), py.push_back(site.y);
    const PointIndex predicted(px, py);
    std::size_t found = 0;
    for (std::size_t i = 0; i < vacX.size(); ++i) found += predicted.nearest(vacX[i], vacY[i]).second < 3.0;
    // The empty hollow sites are no vacancies: inside the field, every empty site is at an S vacancy.
    const PointIndex vacancies(vacX, vacY);
    std::size_t falseInside = 0;
    for (std::size_t i = 0; i < px.size(); ++i)
        falseInside += px[i] > 60 && py[i] > 60 && px[i] < 540 && py[i] < 540 &&
                       vacancies.nearest(px[i], py[i]).second >= 3.0;
    INFO(vacX.size() << " interior S vacancies, " << found << " with an empty site; " << px.size()
                     << " empty sites in all, " << falseInside << " inside the field at no vacancy");
    CHECK(double(found) >= 0.95 * double(vacX.size()));
    CHECK(falseInside <= 4); // 3 with the old and new rules; about 100 when hollow sites are predicted
}

TEST_CASE(
    "lattice: sites of a sublattice mostly missed in an ordered patch are empty sites, not in a disordered "
    "band",
    "[graph][lattice]") {
    // 2H MoS2 (a = 34 px). In the upper-left quarter detection found only 45 % of the S columns (as on
    // real images where a dim S sublattice is locally missed): below the 60 % local-occupancy rule, so
    // only the lower rule of ordered neighbourhoods predicts the missing ones. A band x in [400, 480] is
    // disordered (columns scattered by 6 px, S also at 45 %): no empty site may be predicted there.
    const double a = 34, rot = 0.2, jitter = 0.3;
    const double c = std::cos(rot), s = std::sin(rot);
    const double a1x = a * c, a1y = a * s, a2x = a * std::cos(rot + M_PI / 3),
                 a2y = a * std::sin(rot + M_PI / 3);
    Random rng(91);
    AtomTable atoms;
    std::vector<double> missX, missY;
    auto inBand = [](double x) { return x > 400 && x < 480; };
    for (int j = -22; j <= 22; ++j)
        for (int i = -22; i <= 22; ++i)
            for (int site = 0; site < 2; ++site) {
                const double f = site / 3.0; // Mo (0, 0), S (1/3, 1/3)
                const double x = 300 + a1x * (i + f) + a2x * (j + f), y = 300 + a1y * (i + f) + a2y * (j + f);
                if (x < 20 || y < 20 || x > 580 || y > 580) continue;
                const bool sparse = (x < 300 && y < 300) || inBand(x);
                if (site == 1 && sparse && rng.uniform() >= 0.45) {
                    if (x > 70 && y > 70 && x < 270 && y < 270) missX.push_back(x), missY.push_back(y);
                    continue;
                }
                const double sd = inBand(x) ? 6.0 : jitter;
                Atom at;
                at.x = x + rng.normal(0, sd), at.y = y + rng.normal(0, sd);
                atoms.add(at);
            }
    REQUIRE(missX.size() > 15);
    struct Result {
        std::size_t found = 0, inDisorder = 0;
    };
    auto run = [&](double orderedOccupancy) {
        LatticeParams lp;
        lp.imageWidth = lp.imageHeight = 600;
        lp.orderedOccupancy = orderedOccupancy;
        const auto analysis = analyseLattice(atoms.xs(), atoms.ys(), lp);
        REQUIRE(analysis.model.valid());
        std::vector<double> px, py;
        Result r;
        for (const auto& site : analysis.emptySites) {
            px.push_back(site.x), py.push_back(site.y);
            r.inDisorder += site.x > 390 && site.x < 490;
        }
        const PointIndex predicted(px, py);
        for (std::size_t i = 0; i < missX.size(); ++i)
            r.found += predicted.nearest(missX[i], missY[i]).second < 3.0;
        return r;
    };
    const Result lower = run(0.3), only60 = run(0.6);
    INFO(missX.size() << " missed S columns in the ordered patch; with an empty site: " << lower.found
                      << " (60 % rule alone: " << only60.found << "); empty sites in the disordered band: "
                      << lower.inDisorder << " (60 % rule alone: " << only60.inDisorder << ")");
    // Measured: 12 of 20 found (2 with the 60 % rule alone; the patch's edge at the image border keeps
    // some); in the band 26 either way (47 when the lower rule ignores the neighbourhood's order).
    CHECK(double(lower.found) >= 0.5 * double(missX.size()));
    CHECK(lower.found >= only60.found + 6);
    CHECK(lower.inDisorder <= only60.inDisorder + 2);
}

TEST_CASE("lattice: uniform strain is recovered within 0.002", "[graph][lattice]") {
    struct Case {
        double exx, eyy, exy, rotation;
    };
    for (const Case c : {Case{0.02, -0.01, 0.005, 0.0}, Case{-0.015, 0.01, -0.008, 25.0}}) {
        SimulationParams sp;
        sp.width = sp.height = 512;
        sp.seed = 21;
        sp.rotationDeg = c.rotation;
        sp.strainXX = c.exx, sp.strainYY = c.eyy, sp.strainXY = c.exy;
        sp.sEmpty = 0.01, sp.moVacancy = 0.005;
        const Scene s = scene(sp, 0.1);
        LatticeParams lp;
        lp.referenceConstant = 3.16 / s.pixelSize;
        const auto a = analyseLattice(s.atoms.xs(), s.atoms.ys(), lp);
        REQUIRE(a.symmetry == "hexagonal");
        // Expected in the image frame: R E R^T.
        const double t = c.rotation * M_PI / 180, cs = std::cos(t), sn = std::sin(t);
        const double exx = cs * cs * c.exx - 2 * cs * sn * c.exy + sn * sn * c.eyy;
        const double eyy = sn * sn * c.exx + 2 * cs * sn * c.exy + cs * cs * c.eyy;
        const double exy = cs * sn * (c.exx - c.eyy) + (cs * cs - sn * sn) * c.exy;
        std::size_t n = 0, within = 0;
        double sxx = 0, syy = 0, sxy = 0;
        for (std::size_t i = 0; i < s.atoms.size(); ++i) {
            const auto& e = a.strain[i];
            if (s.atoms.xs()[i] < 40 || s.atoms.ys()[i] < 40 || s.atoms.xs()[i] > 472 ||
                s.atoms.ys()[i] > 472)
                continue;
            ++n;
            sxx += e.exx, syy += e.eyy, sxy += e.exy;
            within += std::fabs(e.exx - exx) <= 0.002 && std::fabs(e.eyy - eyy) <= 0.002 &&
                      std::fabs(e.exy - exy) <= 0.002;
        }
        REQUIRE(n > 500);
        INFO("rotation " << c.rotation << ": mean exx " << sxx / n << " (" << exx << "), eyy " << syy / n
                         << " (" << eyy << "), exy " << sxy / n << " (" << exy << "); " << within << " of "
                         << n << " atoms within 0.002");
        CHECK(std::fabs(sxx / n - exx) <= 0.002);
        CHECK(std::fabs(syy / n - eyy) <= 0.002);
        CHECK(std::fabs(sxy / n - exy) <= 0.002);
        CHECK(double(within) >= 0.9 * double(n));
    }
}

TEST_CASE("lattice: the graph carries empty ideal sites as flagged nodes", "[graph][lattice]") {
    SimulationParams sp;
    sp.width = sp.height = 384;
    sp.seed = 31;
    sp.sEmpty = 0.03;
    sp.moVacancy = 0.02;
    const Scene s = scene(sp, 0);
    LatticeParams lp;
    lp.imageWidth = s.width, lp.imageHeight = s.height;
    LatticeAnalysis a;
    const auto g = buildLatticeGraph(s.atoms, {}, lp, nullJobContext(), &a);
    REQUIRE(g.atomCount == s.atoms.size());
    REQUIRE(g.nodeCount() == s.atoms.size() + a.emptySites.size());
    CHECK(a.emptySites.size() > 10);
    for (std::size_t i = 0; i < g.nodeCount(); ++i) CHECK(g.isEmptySite(i) == (i >= g.atomCount));
    CHECK(g.sublattice.size() == g.nodeCount());
    CHECK(g.strain.size() == g.nodeCount());
    // With the empty sites in, the interior is hexagons again.
    const auto hist = ringSizeHistogram(g);
    std::size_t total = 0;
    for (auto h : hist) total += h;
    REQUIRE(hist.size() > 6);
    CHECK(double(hist[6]) >= 0.97 * double(total));
    // Displacements of atoms are small for truth positions.
    std::size_t big = 0;
    for (std::size_t i = 0; i < g.atomCount; ++i)
        big += std::hypot(g.displacementX(i), g.displacementY(i)) > 0.5;
    CHECK(big < g.atomCount / 50);
}
