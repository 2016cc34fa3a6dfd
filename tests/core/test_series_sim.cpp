// The time-series pipeline end to end on a simulated 50-frame MoS2 movie with known vacancy motion,
// aggregation and drift: identities kept by tracking, and every vacancy-line event of the truth found
// from the image alone (detection + drift correction + tracking + per-site amplitudes).
//
// A vacancy line is an aggregate of >= 2 S vacancies (S1 or empty S site) each within 1.2 lattice
// constants of another (the simulator's labelVacancyLines rule). Between consecutive frames, lines are
// linked when they share a site; each linked group is one event: appear, disappear, grow, shrink, move
// (same size, other sites), merge, split or rearrange (VacancyLineEvent). Truth events come from the
// truth classes of consecutive frames over the S sites that stay inside every frame (the pipeline's
// analysed sites, to which every such truth site is mapped); found events come from the pipeline's
// per-site amplitudes. Events match when frame and type agree and centroids lie within half a lattice
// constant.
#include "tests/TestSupport.h"

#include "core/analysis/Assignment.h"
#include "core/analysis/SeriesAnalysis.h"
#include "core/simulate/Simulator.h"

#include <cmath>
#include <map>

using namespace atomlens;

namespace {

/// Per frame, the truth columns of one id set, with the frame's true shift relative to frame 0.
struct TruthSeries {
    std::vector<std::vector<const TruthColumn*>> frames;
    std::vector<FrameShift> shift;
};

TruthSeries splitTruth(const SimulationResult& sim, int frames) {
    TruthSeries t;
    t.frames.resize(std::size_t(frames));
    for (const auto& c : sim.truth) t.frames[std::size_t(c.frame)].push_back(&c);
    std::map<int, const TruthColumn*> first;
    for (const auto* c : t.frames[0]) first[c->id] = c;
    t.shift.resize(std::size_t(frames));
    for (int f = 0; f < frames; ++f) {
        double sx = 0, sy = 0;
        int n = 0;
        for (const auto* c : t.frames[std::size_t(f)])
            if (const auto it = first.find(c->id); it != first.end())
                sx += c->x - it->second->x, sy += c->y - it->second->y, ++n;
        t.shift[std::size_t(f)] = {n ? sx / n : 0, n ? sy / n : 0, 1};
    }
    return t;
}

bool isSulfurVacancy(const TruthColumn& c) {
    return c.site == "S" && (c.cls == "S1" || c.cls == "empty");
}

} // namespace

TEST_CASE("A simulated 50-frame MoS2 series: identities kept and every vacancy-line event recovered",
          "[series][sim]") {
    SimulationParams p;
    p.width = p.height = 256;
    p.frames = 50;
    p.seed = 7;
    p.rotationDeg = 12;
    const SimulationResult sim = simulate(p);
    const SeriesAnalysis a = analyseSeries(sim.micrograph);
    const TruthSeries truth = splitTruth(sim, p.frames);
    const double latticePx = 3.16 / sim.pixelSize;

    // Drift: within 0.1 px of the truth in every frame.
    double worstDrift = 0;
    for (int f = 0; f < p.frames; ++f)
        worstDrift =
            std::max(worstDrift, std::hypot(a.drift[std::size_t(f)].dx - truth.shift[std::size_t(f)].dx,
                                            a.drift[std::size_t(f)].dy - truth.shift[std::size_t(f)].dy));
    INFO("worst drift error " << worstDrift << " px");
    CHECK(worstDrift < 0.1);

    // Tracking: match detections to truth columns (with an atom) in each frame, then count how many
    // truth identities seen in consecutive frames keep their track.
    std::vector<std::map<int, int>> trackOfTruth(std::size_t(p.frames)); // truth id -> track
    for (int f = 0; f < p.frames; ++f) {
        const auto& cols = truth.frames[std::size_t(f)];
        const auto& pts = a.points[std::size_t(f)];
        std::vector<AssignmentCandidate> cand;
        for (std::size_t i = 0; i < a.atomCounts[std::size_t(f)]; ++i)
            for (std::size_t k = 0; k < cols.size(); ++k) {
                if (cols[k]->cls == "empty") continue;
                const double d2 = std::pow(pts.x[i] - cols[k]->x, 2) + std::pow(pts.y[i] - cols[k]->y, 2);
                if (d2 < 9) cand.push_back({i, k, d2});
            }
        const auto match = solveAssignment(a.atomCounts[std::size_t(f)], cols.size(), cand);
        for (std::size_t i = 0; i < match.size(); ++i)
            if (match[i] >= 0)
                trackOfTruth[std::size_t(f)][cols[std::size_t(match[i])]->id] =
                    a.tracking.trackOf[std::size_t(f)][i];
    }
    std::size_t pairs = 0, kept = 0;
    for (int f = 1; f < p.frames; ++f)
        for (const auto& [id, track] : trackOfTruth[std::size_t(f)])
            if (const auto it = trackOfTruth[std::size_t(f) - 1].find(id);
                it != trackOfTruth[std::size_t(f) - 1].end())
                ++pairs, kept += it->second == track;
    const double keptFraction = double(kept) / double(pairs);
    INFO("identities kept " << kept << " / " << pairs);
    CHECK(pairs > 50u * 300u);
    CHECK(keptFraction >= 0.99);

    // Truth sites on the pipeline's sites: each truth S site (reference position) to the nearest site.
    const SiteHistory& h = a.sites;
    std::map<int, std::size_t> siteOfTruth;
    std::map<int, std::pair<double, double>> truthRef;
    for (int f = 0; f < p.frames; ++f)
        for (const auto* c : truth.frames[std::size_t(f)])
            truthRef.emplace(c->id, std::make_pair(c->x - truth.shift[std::size_t(f)].dx,
                                                   c->y - truth.shift[std::size_t(f)].dy));
    std::size_t sSites = 0, sSitesMapped = 0;
    for (const auto& [id, pos] : truthRef) {
        double best = 1e9;
        std::size_t site = 0;
        for (std::size_t s = 0; s < h.siteCount(); ++s)
            if (const double d = std::hypot(h.x[s] - pos.first, h.y[s] - pos.second); d < best)
                best = d, site = s;
        const auto& anyCol = *std::find_if(sim.truth.begin(), sim.truth.end(),
                                           [&](const TruthColumn& c) { return c.id == id; });
        if (best < 3 && h.analysed[site]) {
            siteOfTruth[id] = site;
            if (anyCol.site == "S") CHECK(h.kind[site] == "chalcogen");
            if (anyCol.site == "Mo") CHECK(h.kind[site] == "metal");
        }
        // Every S site well inside all frames must have been found and analysed.
        bool inside = true;
        for (int f = 0; f < p.frames; ++f) {
            const double x = pos.first + truth.shift[std::size_t(f)].dx,
                         y = pos.second + truth.shift[std::size_t(f)].dy;
            inside &= x > 14 && y > 14 && x < p.width - 15 && y < p.height - 15;
        }
        if (inside && anyCol.site == "S") ++sSites, sSitesMapped += siteOfTruth.count(id);
    }
    INFO("S sites inside " << sSites << ", mapped " << sSitesMapped);
    CHECK(sSitesMapped == sSites);

    // Truth vacancy states and lines over the same (analysed) sites, in the same index space.
    std::vector<std::vector<std::size_t>> truthVacant(std::size_t(p.frames));
    std::size_t stateErrors = 0, states = 0;
    for (int f = 0; f < p.frames; ++f)
        for (const auto* c : truth.frames[std::size_t(f)]) {
            const auto it = siteOfTruth.find(c->id);
            if (it == siteOfTruth.end() || c->site != "S") continue;
            if (isSulfurVacancy(*c)) truthVacant[std::size_t(f)].push_back(it->second);
            ++states;
            stateErrors += (h.stateName(it->second, f) == "chalcogen-vacancy") != isSulfurVacancy(*c);
        }
    INFO("vacancy state errors " << stateErrors << " / " << states);
    CHECK(stateErrors <= states / 1000);
    std::vector<VacancyLineEvent> truthEvents;
    std::vector<VacancyLine> previous;
    std::size_t truthLines = 0;
    for (int f = 0; f < p.frames; ++f) {
        auto lines = findVacancyLines(h.x, h.y, truthVacant[std::size_t(f)], 1.2 * latticePx);
        truthLines += lines.size();
        if (f > 0) {
            const auto e = vacancyLineEvents(previous, lines, f, h.x, h.y);
            truthEvents.insert(truthEvents.end(), e.begin(), e.end());
        }
        previous = std::move(lines);
    }
    const EventComparison cmp = compareEvents(truthEvents, a.events, 0.5 * latticePx);
    INFO("truth lines " << truthLines << ", truth events " << cmp.reference << ", found " << cmp.found
                        << ", matched " << cmp.matched);
    for (std::size_t m : cmp.missed)
        UNSCOPED_INFO("missed " << truthEvents[m].type << " frame " << truthEvents[m].frame << " at "
                                << truthEvents[m].x << "," << truthEvents[m].y);
    std::map<std::string, int> byType;
    for (const auto& e : truthEvents) ++byType[e.type];
    std::string breakdown;
    for (const auto& [type, n] : byType) breakdown += type + " " + std::to_string(n) + ", ";
    INFO("truth events by type: " << breakdown);
    CHECK(truthEvents.size() >= 10);
    CHECK(byType.size() >= 5); // appear, disappear, grow, shrink, move at least
    CHECK(cmp.matched == cmp.reference);
    CHECK(cmp.precision() >= 0.95);
}
