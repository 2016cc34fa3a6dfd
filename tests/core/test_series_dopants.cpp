// Si dopants in graphene switching between 3-fold and 4-fold coordination through a simulated series:
// the simulator's switching is deterministic and leaves frame 0 and the other columns' identities
// alone; every simulated switch is recovered, with no spurious one, both from the truth classes
// (tracking + per-site class history) and from the image alone (detection, brightness, coordination
// rule on the detected neighbours, drift correction, tracking).
#include "tests/TestSupport.h"

#include "core/analysis/DopantSwitching.h"
#include "core/io/CsvTable.h"
#include "core/simulate/Simulator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

using namespace atomlens;
using atomlens::test::TempDir;

namespace {

SimulationParams switchingSeries() {
    SimulationParams p;
    p.preset = "graphene-si";
    p.width = p.height = 256;
    p.pixelSize = 0.2; // the detector's automatic scales find the graphene lattice at 0.2 A/px
    p.seed = 11;
    p.frames = 16;
    p.rotationDeg = 7;
    p.siThreeFold = 4, p.siFourFold = 1;
    p.siSwitchProbability = 0.25;
    p.frameDrift = 0.3;
    p.dose = 3e6; // graphene (Z = 6) needs a high dose for the classical detector to place every C column
    return p;
}

/// Truth switches (frame, Si column id, from, to) of the Si columns that stay `marginPx` inside every
/// frame (their coordination shell is in view); `ids` receives those columns.
struct TruthSwitch {
    int frame, id;
    std::string from, to;
    bool operator<(const TruthSwitch& o) const {
        return std::tie(frame, id, from, to) < std::tie(o.frame, o.id, o.from, o.to);
    }
    bool operator==(const TruthSwitch& o) const {
        return std::tie(frame, id, from, to) == std::tie(o.frame, o.id, o.from, o.to);
    }
};

std::vector<TruthSwitch> truthSwitches(const SimulationResult& sim, int frames, double marginPx,
                                       std::set<int>& ids) {
    std::map<int, std::vector<const TruthColumn*>> byId;
    for (const auto& t : sim.truth)
        if (t.element == "Si") byId[t.id].push_back(&t);
    std::vector<TruthSwitch> out;
    for (const auto& [id, cols] : byId) {
        bool inside = int(cols.size()) == frames;
        for (const auto* c : cols)
            inside &= c->x > marginPx && c->y > marginPx &&
                      c->x < sim.micrograph.frames[0].width() - 1 - marginPx &&
                      c->y < sim.micrograph.frames[0].height() - 1 - marginPx;
        if (!inside) continue;
        ids.insert(id);
        for (std::size_t f = 1; f < cols.size(); ++f)
            if (cols[f]->cls != cols[f - 1]->cls)
                out.push_back({cols[f]->frame, id, cols[f - 1]->cls, cols[f]->cls});
    }
    return out;
}

} // namespace

namespace Catch {
template <> struct StringMaker<TruthSwitch> {
    static std::string convert(const TruthSwitch& t) {
        return "f" + std::to_string(t.frame) + " id" + std::to_string(t.id) + " " + t.from + "->" + t.to;
    }
};
} // namespace Catch

namespace {

/// Maps found switches to truth ones: the Si column of frame `frame` nearest to the site (drift added).
/// Switches of Si columns outside `ids` (near the border in some frame: the analysis margin is smaller
/// than the truth one, so these are the only ones left out) are dropped.
std::vector<TruthSwitch> mapFound(const std::vector<DopantSwitch>& found, const SimulationResult& sim,
                                  const std::vector<FrameShift>& drift, double gate,
                                  const std::set<int>& ids) {
    std::vector<TruthSwitch> out;
    for (const auto& s : found) {
        const double fx = s.x + (drift.empty() ? 0 : drift[std::size_t(s.frame)].dx),
                     fy = s.y + (drift.empty() ? 0 : drift[std::size_t(s.frame)].dy);
        int best = -1;
        double bestD = gate;
        for (const auto& t : sim.truth)
            if (t.frame == s.frame && t.element == "Si" && std::hypot(t.x - fx, t.y - fy) < bestD)
                best = t.id, bestD = std::hypot(t.x - fx, t.y - fy);
        if (best < 0 || ids.count(best)) out.push_back({s.frame, best, s.from, s.to});
    }
    return out;
}

} // namespace

TEST_CASE("graphene-si series: switching is deterministic and leaves frame 0 and other presets alone") {
    SimulationParams p = switchingSeries();
    p.width = p.height = 160, p.frames = 4;
    const SimulationResult a = simulate(p), b = simulate(p);
    REQUIRE(a.truth.size() == b.truth.size());
    for (std::size_t i = 0; i < a.truth.size(); ++i) CHECK(a.truth[i].cls == b.truth[i].cls);
    SimulationParams still = p;
    still.siSwitchProbability = 0;
    const SimulationResult c = simulate(still);
    const Image& fa = a.micrograph.frames[0];
    const Image& fc = c.micrograph.frames[0];
    bool same = true;
    for (int y = 0; y < fa.height(); ++y)
        for (int x = 0; x < fa.width(); ++x) same &= fa.at(x, y) == fc.at(x, y);
    CHECK(same); // switching starts with frame 1 and draws from its own random stream
    std::map<int, std::string> first;
    for (const auto& t : c.truth)
        if (t.frame == 0) first[t.id] = t.cls;
    for (const auto& t : c.truth)
        if (first.count(t.id)) CHECK(first[t.id] == t.cls);
    SimulationParams bad = p;
    bad.siSwitchProbability = 1.5;
    CHECK_THROWS_AS(simulate(bad), std::invalid_argument);
}

TEST_CASE("graphene-si series: every Si 3 <-> 4 switch is recovered from truth classes and from the image") {
    const SimulationParams p = switchingSeries();
    const SimulationResult sim = simulate(p);
    const double bondPx = 2.46 / std::sqrt(3.0) / sim.pixelSize;
    std::set<int> ids;
    const auto truth = truthSwitches(sim, p.frames, 3 * bondPx, ids);
    CHECK(ids.size() >= 3);
    REQUIRE(truth.size() >= 6); // the series has something to find
    std::set<std::string> kinds;
    for (const auto& t : truth) kinds.insert(t.from + "->" + t.to);
    CHECK(kinds == std::set<std::string>{"Si3->Si4", "Si4->Si3"});

    SECTION("from the truth classes") {
        std::vector<ClassedPoints> frames(std::size_t(p.frames));
        for (const auto& t : sim.truth) {
            if (t.cls == "empty") continue;
            auto& f = frames[std::size_t(t.frame)];
            f.x.push_back(t.x), f.y.push_back(t.y), f.cls.push_back(t.cls);
        }
        // True drift: mean shift of the C columns (fixed sites) relative to frame 0.
        std::map<int, std::pair<double, double>> first;
        for (const auto& t : sim.truth)
            if (t.frame == 0 && t.cls == "C") first[t.id] = {t.x, t.y};
        std::vector<FrameShift> drift(std::size_t(p.frames));
        std::vector<int> n(std::size_t(p.frames), 0);
        for (const auto& t : sim.truth)
            if (t.cls == "C" && first.count(t.id))
                drift[std::size_t(t.frame)].dx += t.x - first[t.id].first,
                    drift[std::size_t(t.frame)].dy += t.y - first[t.id].second, ++n[std::size_t(t.frame)];
        for (std::size_t f = 0; f < drift.size(); ++f) drift[f].dx /= n[f], drift[f].dy /= n[f];
        DopantParams dp;
        dp.margin = 2 * bondPx;
        const DopantHistory h = trackDopants(frames, drift, p.width, p.height, bondPx, dp);
        auto found = mapFound(h.switches, sim, drift, bondPx, ids);
        std::sort(found.begin(), found.end());
        auto expected = truth;
        std::sort(expected.begin(), expected.end());
        CHECK(found.size() == expected.size());
        CHECK(found == expected);
    }

    SECTION("from the image alone (coordination rule on detected atoms)") {
        DopantParams dp;
        dp.margin = 2 * bondPx;
        const DopantSeriesAnalysis a = analyseDopantSeries(sim.micrograph, DetectParams{}, dp);
        CHECK(std::fabs(a.bondLength - bondPx) < 0.05 * bondPx);
        auto found = mapFound(a.history.switches, sim, a.drift, bondPx, ids);
        std::sort(found.begin(), found.end());
        auto expected = truth;
        std::sort(expected.begin(), expected.end());
        CHECK(found.size() == expected.size());
        CHECK(found == expected);

        TempDir dir;
        writeDopantOutputs(a, sim.micrograph.calibration, dir.path().string());
        const CsvTable events = CsvTable::read(dir.file("events.csv"));
        REQUIRE(events.rowCount() == a.history.switches.size());
        const int type = events.column("type"), frame = events.column("frame"), site = events.column("site");
        REQUIRE(type >= 0);
        for (std::size_t r = 0; r < events.rowCount(); ++r) {
            const DopantSwitch& e = a.history.switches[r];
            CHECK(events.text(r, type) == "switch " + e.from + "->" + e.to);
            CHECK(events.text(r, frame) == std::to_string(e.frame));
            CHECK(events.text(r, site) == std::to_string(e.site));
        }
    }
}
