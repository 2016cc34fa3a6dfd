// The local honeycomb around a dopant (core/analysis/GrapheneLattice) and what the graphene analysis takes
// from it: exact lattices (rotated, strained) with known sites, simulated graphene with 3-/4-fold Si and
// amorphous carbon (truth from the simulator), and the real graphene-si crops (skipped visibly without
// ../shared/data).
#include "tests/TestSupport.h"

#include "core/analysis/GrapheneDopants.h"
#include "core/analysis/GrapheneLattice.h"
#include "core/base/Random.h"
#include "core/io/CsvTable.h"
#include "core/io/MicrographReader.h"
#include "core/simulate/Simulator.h"

#include <cmath>
#include <filesystem>

using namespace atomlens;

namespace {

double dist(const Point2& a, const Point2& b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

/// Honeycomb columns over a w x h image: bond b px, turned by `deg`, stretched by `sx` along x.
void honeycomb(double b, double deg, double sx, int w, int h, std::vector<double>& x,
               std::vector<double>& y) {
    const double t = deg * 3.14159265358979323846 / 180;
    const Point2 d0{b * std::cos(t), b * std::sin(t)};
    const auto rot = [](Point2 p, double a) {
        return Point2{p.x * std::cos(a) - p.y * std::sin(a), p.x * std::sin(a) + p.y * std::cos(a)};
    };
    const Point2 a1 = d0 - rot(d0, 2 * 3.14159265358979323846 / 3),
                 a2 = d0 - rot(d0, 4 * 3.14159265358979323846 / 3);
    for (int i = -40; i <= 40; ++i)
        for (int j = -40; j <= 40; ++j)
            for (int s = 0; s < 2; ++s) {
                Point2 p = (i + s / 3.0) * a1 + (j + s / 3.0) * a2;
                p.x = w / 2.0 + 3.3 + sx * p.x, p.y = h / 2.0 + 1.7 + p.y;
                if (p.x >= 0 && p.y >= 0 && p.x <= w - 1 && p.y <= h - 1) x.push_back(p.x), y.push_back(p.y);
            }
}

double nearestColumn(const std::vector<double>& x, const std::vector<double>& y, const Point2& p) {
    double best = 1e300;
    for (std::size_t i = 0; i < x.size(); ++i) best = std::min(best, dist({x[i], y[i]}, p));
    return best;
}

} // namespace

/// A relaxed graphene-si scene: `threeFold` + `fourFold` Si, amorphous carbon `contamination`.
static SimulationParams grapheneScene(std::uint64_t seed, double pixelSize, int threeFold, int fourFold,
                                      double contamination, int size, double dose) {
    SimulationParams p;
    p.preset = "graphene-si", p.width = p.height = size, p.seed = seed, p.pixelSize = pixelSize,
    p.dose = dose;
    p.siThreeFold = threeFold, p.siFourFold = fourFold, p.siRelaxed = true, p.contamination = contamination;
    return p;
}

TEST_CASE(
    "graphene lattice: an exact rotated, strained honeycomb gives its sites, bond centres and neighbours",
    "[graphene][lattice]") {
    for (const auto& [bond, deg, sx] :
         {std::tuple<double, double, double>{12, 17, 1.03}, {9, -40, 1.0}, {18.5, 5, 0.97}}) {
        INFO("bond " << bond << " angle " << deg << " stretch " << sx);
        std::vector<double> x, y;
        honeycomb(bond, deg, sx, 256, 256, x, y);
        // Centre on a column (a 3-fold dopant's place) and on the midpoint of a bond (a 4-fold one's).
        std::size_t c = 0;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (dist({x[i], y[i]}, {128, 128}) < dist({x[c], y[c]}, {128, 128})) c = i;
        const Point2 site{x[c], y[c]};
        const LocalHoneycomb h = fitLocalHoneycomb(x, y, {}, site, 1.7 * bond, 5 * bond, bond, 256, 256);
        REQUIRE(h.valid);
        CHECK(h.coverage() > 0.95);
        CHECK(h.coverage() < 1.05);
        CHECK(h.rmsResidual < 0.01 * bond);
        CHECK(std::fabs(h.bond - bond) < 0.04 * bond);
        CHECK(dist(h.nearestSite(site), site) < 0.01 * bond);
        const auto n3 = h.neighboursOfSite(site);
        REQUIRE(n3.size() == 3);
        for (const auto& q : n3) CHECK(nearestColumn(x, y, q) < 0.01 * bond);
        // The bond centre between this column and one neighbour: 4 dangling neighbours, all columns, at
        // 1.32 bonds (sqrt 7 / 2) from the centre.
        std::size_t nb = c == 0 ? 1 : 0;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (i != c && dist({x[i], y[i]}, site) < dist({x[nb], y[nb]}, site)) nb = i;
        const Point2 mid{0.5 * (x[c] + x[nb]), 0.5 * (y[c] + y[nb])};
        const LocalHoneycomb hm = fitLocalHoneycomb(x, y, {}, mid, 1.7 * bond, 5 * bond, bond, 256, 256);
        REQUIRE(hm.valid);
        CHECK(dist(hm.nearestBondCentre(mid), mid) < 0.01 * bond);
        CHECK(dist(hm.nearestSite(mid), mid) > 0.45 * bond);
        const auto n4 = hm.neighboursOfBondCentre(mid);
        REQUIRE(n4.size() == 4);
        for (const auto& q : n4) {
            CHECK(nearestColumn(x, y, q) < 0.01 * bond);
            CHECK(std::fabs(dist(q, mid) / bond - std::sqrt(7.0) / 2) < 0.06);
        }
    }
    // Too few columns: no fit.
    CHECK_FALSE(fitLocalHoneycomb({1, 2, 3}, {1, 2, 3}, {}, {2, 2}, 0, 50, 10, 64, 64).valid);
}

TEST_CASE("graphene lattice: on simulated graphene with amorphous carbon the Si neighbours get nodes",
          "[graphene][lattice]") {
    // Like the bench's simulated set (relaxed Si, 3e5-3e6 e/A^2, contamination), other seeds. Before the
    // lattice sites were used, 0.71 of these neighbours had a node within 0.15 bonds on the bench images.
    std::size_t neighbours = 0, near = 0, si = 0, right = 0;
    for (const auto& [px, seed, contamination] :
         {std::tuple<double, std::uint64_t, double>{0.08, 31, 0.0}, {0.12, 32, 0.15}, {0.15, 33, 0.0}}) {
        const SimulationResult sim = simulate(grapheneScene(seed, px, 4, 4, contamination, 256, 1e6));
        const GrapheneAnalysis a = analyseGrapheneImage(sim.micrograph.frame(0));
        const double bond = 1.42 / px, m = 2 * bond;
        for (const auto& t : sim.truth) {
            if (t.frame != 0 || (t.cls != "Si3" && t.cls != "Si4") || t.x < m || t.y < m || t.x > 255 - m ||
                t.y > 255 - m)
                continue;
            ++si;
            for (const auto& d : a.dopants)
                right += dist({d.x, d.y}, {t.x, t.y}) < 0.4 * bond && d.cls == t.cls;
            for (const auto& c : sim.truth) {
                if (c.frame != 0 || c.cls != "C" || dist({c.x, c.y}, {t.x, t.y}) > 1.5 * bond) continue;
                ++neighbours;
                near += nearestColumn(a.atoms.xs(), a.atoms.ys(), {c.x, c.y}) <= 0.15 * bond;
            }
        }
    }
    INFO(near << " of " << neighbours << " neighbours, " << right << " of " << si << " Si right");
    CHECK(si >= 12);
    CHECK(double(right) >= 0.9 * double(si));
    CHECK(double(near) >= 0.85 * double(neighbours));
}

TEST_CASE("graphene lattice: real graphene-si crops (odd NNN, held out) keep their Si and get C neighbours",
          "[graphene][lattice][real]") {
    const std::string folder = test::sharedData("micrographs/graphene-si");
    if (folder.empty()) return; // skipped visibly (ATOMLENS-SKIP)
    std::size_t crops = 0, found = 0, right = 0, labels = 0, withNode = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const std::filesystem::path csv = entry.path();
        const std::string stem = csv.stem().string();
        if (csv.extension() != ".csv" || stem.size() < 9 || std::atoi(stem.c_str() + 6) % 2 == 0) continue;
        const CsvTable t = CsvTable::read(csv.string());
        const int cx = t.requireColumn("x", stem), cy = t.requireColumn("y", stem),
                  ce = t.requireColumn("element", stem);
        const GrapheneAnalysis a =
            analyseGrapheneImage(readMicrograph((csv.parent_path() / (stem + ".tif")).string()).frame(0));
        ++crops;
        for (std::size_t r = 0; r < t.rowCount(); ++r) {
            const Point2 p{t.number(r, cx, stem), t.number(r, cy, stem)};
            if (t.text(r, ce) == "Si") {
                const GrapheneDopant* best = nullptr;
                for (const auto& d : a.dopants)
                    if (dist({d.x, d.y}, p) <= 3 &&
                        (!best || dist({d.x, d.y}, p) < dist({best->x, best->y}, p)))
                        best = &d;
                found += best != nullptr;
                right += best && best->cls == "Si" + std::string(1, stem[4]);
            } else {
                ++labels;
                withNode += nearestColumn(a.atoms.xs(), a.atoms.ys(), p) <= 3;
            }
        }
    }
    INFO(crops << " crops: Si found " << found << ", right " << right << "; C " << withNode << " of "
               << labels);
    REQUIRE(crops >= 20);
    CHECK(found == crops);
    CHECK(double(right) >= 0.9 * double(crops));      // measured 20 of 22
    CHECK(double(withNode) >= 0.85 * double(labels)); // measured 0.886 (0.843 before the lattice sites)
}

TEST_CASE("graphene: on amorphous carbon no column sits within 0.6 bonds of a dopant and Si3 keep 3 bonds",
          "[graphene][lattice]") {
    // Contaminated images like the bench's: bright carbon spots near a Si become dopants of their own, and
    // their neighbour templates overlapped the Si's (a Si3 got 4-5 bonds, some 0.3 bonds from it).
    std::size_t si3 = 0, right3 = 0, dopants = 0;
    for (std::uint64_t seed : {41, 42, 43, 44}) {
        const SimulationResult sim = simulate(grapheneScene(seed, 0.1, 6, 2, 0.25, 256, 1e6));
        const GrapheneAnalysis a = analyseGrapheneImage(sim.micrograph.frame(0));
        const double bond = a.bondLength;
        for (const auto& d : a.dopants) {
            ++dopants;
            for (std::size_t j = 0; j < a.atoms.size(); ++j) {
                if (j == d.row) continue;
                INFO("seed " << seed << " dopant at " << d.x << ", " << d.y);
                CHECK(dist({a.atoms.xs()[j], a.atoms.ys()[j]}, {d.x, d.y}) >= 0.6 * bond);
            }
        }
        const double m = 2 * 14.2;
        for (const auto& t : sim.truth) {
            if (t.frame != 0 || t.cls != "Si3" || t.x < m || t.y < m || t.x > 255 - m || t.y > 255 - m)
                continue;
            ++si3;
            for (const auto& d : a.dopants)
                right3 += dist({d.x, d.y}, {t.x, t.y}) < 0.4 * 14.2 && d.cls == "Si3";
        }
    }
    INFO(right3 << " of " << si3 << " Si3 right, " << dopants << " dopants");
    CHECK(si3 >= 12);
    CHECK(double(right3) >= 0.8 * double(si3));
}

TEST_CASE("graphene: the Si neighbours' nodes sit at the relaxed Si-C distance, not the lattice's",
          "[graphene][lattice]") {
    // Clean simulated graphene with relaxed Si (3-fold C at 1.07 bonds, 4-fold at 1.26, where the unrelaxed
    // lattice has 1.00 and 1.32): the mean radial offset of the neighbours' nodes from their true C, in
    // bonds, per class: 0.002 / 0.003. Placing them at the unrelaxed sites gave -0.033 (3-fold).
    double sum3 = 0, sum4 = 0;
    std::size_t n3 = 0, n4 = 0;
    for (const auto& [px, seed] : {std::pair<double, std::uint64_t>{0.1, 41}, {0.12, 42}}) {
        const SimulationResult sim = simulate(grapheneScene(seed, px, 5, 5, 0, 320, 3e6));
        const GrapheneAnalysis a = analyseGrapheneImage(sim.micrograph.frame(0));
        const double bond = 1.42 / px, m = 2.5 * bond;
        for (const auto& t : sim.truth) {
            if (t.frame != 0 || (t.cls != "Si3" && t.cls != "Si4") || t.x < m || t.y < m || t.x > 319 - m ||
                t.y > 319 - m)
                continue;
            for (const auto& c : sim.truth) {
                const double r = dist({c.x, c.y}, {t.x, t.y});
                if (c.frame != 0 || c.cls != "C" || r > 1.5 * bond) continue;
                std::size_t best = 0;
                for (std::size_t k = 1; k < a.atoms.size(); ++k)
                    if (dist({a.atoms.xs()[k], a.atoms.ys()[k]}, {c.x, c.y}) <
                        dist({a.atoms.xs()[best], a.atoms.ys()[best]}, {c.x, c.y}))
                        best = k;
                if (dist({a.atoms.xs()[best], a.atoms.ys()[best]}, {c.x, c.y}) > 0.3 * bond) continue;
                const double off = (dist({a.atoms.xs()[best], a.atoms.ys()[best]}, {t.x, t.y}) - r) / bond;
                (t.cls == "Si3" ? sum3 : sum4) += off, ++(t.cls == "Si3" ? n3 : n4);
            }
        }
    }
    INFO(n3 << " 3-fold neighbours, mean radial offset " << sum3 / double(n3) << " bonds; " << n4
            << " 4-fold, " << sum4 / double(n4));
    REQUIRE(n3 >= 12);
    REQUIRE(n4 >= 12);
    CHECK(std::fabs(sum3 / double(n3)) < 0.015);
    CHECK(std::fabs(sum4 / double(n4)) < 0.015);
}

TEST_CASE("graphene: fewer bright spots of amorphous carbon become dopants, the Si still do",
          "[graphene][lattice]") {
    // Contaminated images like the bench's simulated set: stacked amorphous C reaches 3-4.3 x the median
    // column contrast, a Si 3.65-9 x. Dopants with no true Si within 0.4 bonds are false.
    std::size_t si = 0, found = 0, falseDopants = 0;
    for (std::uint64_t seed : {51, 52, 53, 54}) {
        const SimulationResult sim = simulate(grapheneScene(seed, 0.1, 4, 4, 0.3, 256, 1e6));
        const GrapheneAnalysis a = analyseGrapheneImage(sim.micrograph.frame(0));
        const double bond = 14.2, m = 1.5 * bond;
        const auto inside = [&](double x, double y) {
            return x >= m && y >= m && x <= 255 - m && y <= 255 - m;
        };
        for (const auto& d : a.dopants) {
            if (!inside(d.x, d.y)) continue;
            bool real = false;
            for (const auto& t : sim.truth)
                real = real || (t.frame == 0 && (t.cls == "Si3" || t.cls == "Si4") &&
                                dist({d.x, d.y}, {t.x, t.y}) < 0.4 * bond);
            falseDopants += !real;
        }
        for (const auto& t : sim.truth) {
            if (t.frame != 0 || (t.cls != "Si3" && t.cls != "Si4") || !inside(t.x, t.y)) continue;
            ++si;
            bool hit = false;
            for (const auto& d : a.dopants) hit = hit || dist({d.x, d.y}, {t.x, t.y}) < 0.4 * bond;
            found += hit;
        }
    }
    INFO(found << " of " << si << " Si found, " << falseDopants << " false dopants");
    CHECK(si >= 16);
    CHECK(double(found) >= 0.9 * double(si)); // 27 of 29 (the 2 missed lie under the carbon)
    CHECK(falseDopants <= 9);                 // 7 (8 before the surroundings test, 13 from 3.0 x the median)
}

TEST_CASE("graphene: a column another dopant's template placed is no bond, a shared one bonds to both",
          "[graphene][lattice]") {
    // Exact honeycomb (bond 10 px), a 3-fold dopant on a site, a second dopant 2.6 bonds away, and one
    // extra column in a hexagon centre beside the first dopant (1 bond from it: within the bond cut).
    std::vector<double> x, y;
    honeycomb(10, 0, 1, 200, 200, x, y);
    const Point2 c{100, 100};
    std::size_t si = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (dist({x[i], y[i]}, c) < dist({x[si], y[si]}, c)) si = i;
    // The hexagon centres around a site lie 1 bond from it, opposite its three bonds: the mean of two
    // neighbours reflected through the site is one of them.
    std::vector<std::size_t> nb;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (i != si && std::fabs(dist({x[i], y[i]}, {x[si], y[si]}) - 10) < 0.1) nb.push_back(i);
    REQUIRE(nb.size() == 3);
    const Point2 mid{(x[nb[0]] + x[nb[1]]) / 2, (y[nb[0]] + y[nb[1]]) / 2};
    const Point2 centre{mid.x + (mid.x - x[si]), mid.y + (mid.y - y[si])};
    REQUIRE(nearestColumn(x, y, centre) > 9.9);
    std::size_t other = 0; // a site 2.6-2.7 bonds away
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::fabs(dist({x[i], y[i]}, {x[si], y[si]}) - 26.5) < 1.0) other = i;
    REQUIRE(other != 0);
    AtomTable atoms;
    for (std::size_t i = 0; i < x.size(); ++i) {
        Atom a;
        a.x = x[i], a.y = y[i];
        atoms.add(a);
    }
    Atom extra;
    extra.x = centre.x, extra.y = centre.y;
    atoms.add(extra);
    const std::size_t e = atoms.size() - 1;
    std::vector<std::uint8_t> dopant(atoms.size(), 0);
    dopant[si] = dopant[other] = 1;
    const auto bondsOfFirst = [&](const std::vector<std::size_t>& owner) {
        for (const auto& d : classifyGrapheneDopants(atoms, dopant, 10, {}, owner))
            if (d.row == si) return d.coordination;
        return -1;
    };
    std::vector<std::size_t> owner(atoms.size(), kNoOwner);
    CHECK(bondsOfFirst({}) == 4);    // no ownership known: the extra column is a 4th bond
    CHECK(bondsOfFirst(owner) == 4); // placed by no template: a column like any other
    owner[e] = other;
    CHECK(bondsOfFirst(owner) == 3); // the other dopant's neighbour
    owner[e] = si;
    CHECK(bondsOfFirst(owner) == 4); // its own template's point
    owner[e] = kSharedOwner;
    CHECK(bondsOfFirst(owner) == 4); // both templates placed it
}

TEST_CASE("graphene: beside amorphous carbon a Si keeps its own template's bonds (fewer false Si4)",
          "[graphene][lattice]") {
    // Contaminated images: a bright carbon spot near a Si becomes a dopant with its own neighbour template,
    // whose points gave the Si (and the spot) extra bonds: Si3 called Si4, false dopants called Si4.
    std::size_t si = 0, right = 0, falseSi4 = 0;
    for (std::uint64_t seed : {61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72}) {
        const SimulationResult sim = simulate(grapheneScene(seed, 0.1, 5, 5, 0.25, 256, 1e6));
        const GrapheneAnalysis a = analyseGrapheneImage(sim.micrograph.frame(0));
        const double bond = 14.2, m = 1.5 * bond;
        const auto inside = [&](double px, double py) {
            return px >= m && py >= m && px <= 255 - m && py <= 255 - m;
        };
        for (const auto& d : a.dopants) {
            if (!inside(d.x, d.y) || d.cls != "Si4") continue;
            bool real = false;
            for (const auto& t : sim.truth)
                real = real || (t.frame == 0 && (t.cls == "Si3" || t.cls == "Si4") &&
                                dist({d.x, d.y}, {t.x, t.y}) < 0.4 * bond);
            falseSi4 += !real;
        }
        for (const auto& t : sim.truth) {
            if (t.frame != 0 || (t.cls != "Si3" && t.cls != "Si4") || !inside(t.x, t.y)) continue;
            ++si;
            for (const auto& d : a.dopants)
                right += dist({d.x, d.y}, {t.x, t.y}) < 0.4 * bond && d.cls == t.cls;
        }
    }
    INFO(right << " of " << si << " Si right, " << falseSi4 << " false dopants called Si4");
    CHECK(si >= 80);
    // 87 of 97 (91 when any nearby template point bonded; 90 before the surroundings test dropped 3 true
    // Si among the carbon); false Si4 7 (18 when any nearby template point bonded, 10 before the
    // surroundings test)
    CHECK(double(right) >= 0.88 * double(si));
    CHECK(falseSi4 <= 11);
}

TEST_CASE("graphene: a Si within 0.2 bonds of a site of a clean local lattice is 3-fold",
          "[graphene][lattice]") {
    // Images like the bench's simulated set but other seeds (0.075-0.16 A/px, 3e5-3e6 e/A^2, amorphous
    // carbon on half): the fitted site of a true Si3 can lie 0.1-0.2 bonds from it, where the noisier
    // templates called some Si4.
    std::size_t si = 0, right = 0, falseDopants = 0;
    for (std::uint64_t seed = 95000; seed < 95024; ++seed) {
        Random rng(seed);
        SimulationParams p;
        p.preset = "graphene-si", p.width = p.height = 256, p.seed = seed;
        p.pixelSize = rng.uniform(0.075, 0.16), p.dose = std::pow(10.0, rng.uniform(5.5, 6.5));
        p.siThreeFold = 3 + int(rng.below(6)), p.siFourFold = 3 + int(rng.below(6));
        p.siRelaxed = true, p.contamination = rng.uniform() < 0.5 ? rng.uniform(0.0, 0.3) : 0.0;
        const SimulationResult sim = simulate(p);
        const GrapheneAnalysis a = analyseGrapheneImage(sim.micrograph.frame(0));
        const double bond = 1.42 / sim.pixelSize, m = 1.5 * bond;
        for (const auto& d : a.dopants) {
            if (d.x < m || d.y < m || d.x > 255 - m || d.y > 255 - m) continue;
            bool real = false;
            for (const auto& t : sim.truth)
                real = real || (t.frame == 0 && (t.cls == "Si3" || t.cls == "Si4") &&
                                dist({d.x, d.y}, {t.x, t.y}) < 0.4 * bond);
            falseDopants += !real;
        }
        for (const auto& t : sim.truth) {
            if (t.frame != 0 || (t.cls != "Si3" && t.cls != "Si4") || t.x < m || t.y < m || t.x > 255 - m ||
                t.y > 255 - m)
                continue;
            ++si;
            for (const auto& d : a.dopants)
                right += dist({d.x, d.y}, {t.x, t.y}) < 0.4 * bond && d.cls == t.cls;
        }
    }
    INFO(right << " of " << si << " Si right, " << falseDopants << " false dopants");
    CHECK(si >= 200);
    // 208 of 215 (206 with 0.1 bonds around the site, as around a bond centre; 210 / 208 before the
    // surroundings test dropped 2 true Si beside amorphous carbon)
    CHECK(right + 7 >= si);
    // A dopant is 1.8 x as bright as the upper quartile of the columns 1.7-3 bonds around it: 15 false
    // dopants (bright amorphous carbon), 34 without that test.
    CHECK(falseDopants <= 20);
}
