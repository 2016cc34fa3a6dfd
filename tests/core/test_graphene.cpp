// Si dopants in graphene from one image (core/analysis/GrapheneDopants): the bond length from the image at
// the real crops' pixel sizes, and every Si of a clean simulated image found with its coordination (known
// answers from the simulator's truth).
#include "tests/TestSupport.h"

#include "core/analysis/DopantSwitching.h"
#include "core/analysis/GrapheneDopants.h"
#include "core/simulate/Simulator.h"

#include <algorithm>
#include <cmath>
#include <map>

using namespace atomlens;

namespace {

SimulationParams graphene(double pixelSize, std::uint64_t seed) {
    SimulationParams p;
    p.preset = "graphene-si";
    p.width = p.height = 256;
    p.pixelSize = pixelSize;
    p.seed = seed;
    p.dose = 1e6;
    p.siThreeFold = 4, p.siFourFold = 4;
    p.siRelaxed = true;
    return p;
}

/// The Si of frame 0 at least 1.5 bonds inside the image.
std::vector<TruthColumn> siliconInside(const SimulationResult& sim, double bond) {
    std::vector<TruthColumn> out;
    const double m = 1.5 * bond, w = sim.micrograph.width(), h = sim.micrograph.height();
    for (const auto& t : sim.truth)
        if (t.frame == 0 && (t.cls == "Si3" || t.cls == "Si4") && t.x > m && t.y > m && t.x < w - 1 - m &&
            t.y < h - 1 - m)
            out.push_back(t);
    return out;
}

} // namespace

TEST_CASE("graphene: the C-C bond length comes from the image at 0.08-0.15 A/px", "[graphene]") {
    for (double px : {0.08, 0.1, 0.15}) {
        INFO("pixel size " << px);
        const SimulationResult sim = simulate(graphene(px, 21));
        const double bond = estimateGrapheneBond(sim.micrograph.frame(0));
        CHECK(std::fabs(bond - 1.42 / px) < 0.08 * 1.42 / px);
    }
    CHECK(estimateGrapheneBond(Image(8, 8, 1.0f)) == 0);
}

TEST_CASE("graphene: every Si of clean simulated images found with its coordination", "[graphene]") {
    std::size_t total = 0, right = 0;
    for (const auto& [px, seed] : {std::pair<double, std::uint64_t>{0.1, 3}, {0.13, 4}, {0.085, 5}}) {
        const SimulationResult sim = simulate(graphene(px, seed));
        const GrapheneAnalysis a = analyseGrapheneImage(sim.micrograph.frame(0));
        const double bond = 1.42 / px;
        CHECK(std::fabs(a.bondLength - bond) < 0.08 * bond);
        for (const auto& t : siliconInside(sim, bond)) {
            ++total;
            const GrapheneDopant* found = nullptr;
            for (const auto& d : a.dopants)
                if (std::hypot(d.x - t.x, d.y - t.y) < 0.4 * bond) found = &d;
            INFO("px " << px << " seed " << seed << ": " << t.cls << " at " << t.x << ", " << t.y);
            REQUIRE(found);
            CHECK(found->cls == t.cls);
            CHECK(found->coordination == (t.cls == "Si3" ? 3 : 4));
            CHECK(found->confidence > 0.5f);
            right += found->cls == t.cls;
        }
        // No dopant where the truth has none (clean images: no contamination).
        for (const auto& d : a.dopants) {
            bool real = false;
            for (const auto& t : sim.truth)
                real |= t.frame == 0 && (t.cls == "Si3" || t.cls == "Si4") &&
                        std::hypot(d.x - t.x, d.y - t.y) < 0.4 * bond;
            CHECK(real);
        }
    }
    CHECK(total >= 12);
    CHECK(right == total);
}

TEST_CASE("graphene: bonds counted on exact positions, and the atom table carries the classes",
          "[graphene]") {
    const SimulationResult sim = simulate(graphene(0.1, 7));
    const AtomTable atoms = truthAtoms(sim);
    std::vector<std::uint8_t> dopant(atoms.size(), 0);
    std::vector<std::string> want(atoms.size());
    for (const auto& t : sim.truth)
        if (t.frame == 0 && (t.cls == "Si3" || t.cls == "Si4"))
            for (std::size_t i = 0; i < atoms.size(); ++i)
                if (std::hypot(atoms.xs()[i] - t.x, atoms.ys()[i] - t.y) < 0.5)
                    dopant[i] = 1, want[i] = t.cls;
    const auto dopants = classifyGrapheneDopants(atoms, dopant, 14.2);
    const auto flagged = std::size_t(std::count(dopant.begin(), dopant.end(), std::uint8_t(1)));
    CHECK(flagged >= 6);
    REQUIRE(dopants.size() == flagged);
    for (const auto& d : dopants) {
        const double m = 1.5 * 14.2;
        if (d.x < m || d.y < m || d.x > 255 - m || d.y > 255 - m) continue;
        CHECK(d.cls == want[d.row]);
        CHECK(d.confidence > 0.8f);
        // Rings around it: three hexagons for a 3-fold Si, four rings for a 4-fold one.
        CHECK(d.ringSizes.size() == (want[d.row] == "Si3" ? 3u : 4u));
    }
    CHECK_THROWS_AS(classifyGrapheneDopants(atoms, {1, 0}, 14.2), std::invalid_argument);
}

TEST_CASE("graphene: Si 3-fold <-> 4-fold switches of a real-like series (0.1 A/px, relaxed Si) all found",
          "[graphene][series]") {
    SimulationParams p = graphene(0.1, 11);
    p.frames = 8, p.rotationDeg = 7, p.siSwitchProbability = 0.25;
    const SimulationResult sim = simulate(p);
    DopantParams dp;
    dp.method = "graphene";
    const DopantSeriesAnalysis a = analyseDopantSeries(sim.micrograph, DetectParams{}, dp);
    // Truth switches of the Si that stay 2 bonds inside every frame.
    const double bond = 14.2, m = 2 * bond;
    std::map<int, std::map<int, const TruthColumn*>> si; // id -> frame -> column
    for (const auto& t : sim.truth)
        if (t.cls == "Si3" || t.cls == "Si4") si[t.id][t.frame] = &t;
    std::size_t truthSwitches = 0, recovered = 0;
    for (const auto& [id, frames] : si) {
        bool inside = frames.size() == std::size_t(p.frames);
        for (const auto& [f, t] : frames) inside &= t->x > m && t->y > m && t->x < 255 - m && t->y < 255 - m;
        if (!inside) continue;
        for (int f = 1; f < p.frames; ++f) {
            if (frames.at(f)->cls == frames.at(f - 1)->cls) continue;
            ++truthSwitches;
            for (const auto& s : a.history.switches)
                if (s.frame == f && s.to == frames.at(f)->cls &&
                    std::hypot(s.x - frames.at(0)->x, s.y - frames.at(0)->y) < bond)
                    ++recovered;
        }
    }
    CHECK(truthSwitches >= 5);
    CHECK(recovered == truthSwitches);
    CHECK(a.history.switches.size() <= truthSwitches + 2); // the Si near the border may add a few
    dp.method = "magic";
    CHECK_THROWS_AS(analyseDopantSeries(sim.micrograph, DetectParams{}, dp), std::invalid_argument);
}

TEST_CASE("simulate graphene-si: relaxed Si neighbours at the real projected distances, amorphous carbon",
          "[graphene][simulate]") {
    SimulationParams p = graphene(0.1, 9);
    const SimulationResult sim = simulate(p);
    const double bond = 14.2;
    std::size_t checked = 0;
    for (const auto& si : sim.truth) {
        if (si.cls != "Si3" && si.cls != "Si4") continue;
        for (const auto& c : sim.truth) {
            const double d = std::hypot(c.x - si.x, c.y - si.y);
            if (c.cls != "C" || d > 1.5 * bond) continue;
            INFO(si.cls << " at " << si.x << ", " << si.y);
            CHECK(std::fabs(d / bond - (si.cls == "Si3" ? 1.07 : 1.26)) < 0.01);
            ++checked;
        }
    }
    CHECK(checked >= 20);
    p.contamination = 0.2;
    const SimulationResult dirty = simulate(p);
    std::size_t amorphous = 0;
    for (const auto& t : dirty.truth) amorphous += t.cls == "amorphous";
    CHECK(amorphous > 20); // at least one patch (radius 4-12 A, 1-3 layers at graphene density)
    p.contamination = 0.9;
    CHECK_THROWS_AS(simulate(p), std::invalid_argument);
}
