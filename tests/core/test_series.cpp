// Time-series building blocks against brute force and hand-computed answers: assignment, phase
// correlation, tracking, sublattices, site amplitudes, vacancy lines and their events.
#include "tests/TestSupport.h"

#include "core/analysis/Assignment.h"
#include "core/analysis/DriftCorrection.h"
#include "core/analysis/SeriesAnalysis.h"
#include "core/analysis/SiteHistory.h"
#include "core/analysis/Tracking.h"
#include "core/analysis/VacancyLines.h"
#include "core/base/Random.h"
#include "core/data/Errors.h"
#include "core/simulate/Simulator.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <set>

using namespace atomlens;

namespace {

/// Gaussian blobs (sigma 2 px, amplitude 100) at the points shifted by (dx, dy), plus Gaussian noise.
Image renderBlobs(const std::vector<double>& x, const std::vector<double>& y, double dx, double dy, int size,
                  Random& rng, double noise) {
    Image im(size, size, 10.0f);
    for (std::size_t i = 0; i < x.size(); ++i)
        for (int r = 0; r < size; ++r)
            for (int c = 0; c < size; ++c) {
                const double d2 = std::pow(c - x[i] - dx, 2) + std::pow(r - y[i] - dy, 2);
                if (d2 < 100) im.at(c, r) += float(100 * std::exp(-d2 / 8));
            }
    for (auto& v : im.pixels()) v += float(rng.normal(0, noise));
    return im;
}

} // namespace

TEST_CASE("solveAssignment equals brute force over all permutations", "[series][assignment]") {
    Random rng(3);
    for (int trial = 0; trial < 200; ++trial) {
        const std::size_t rows = 1 + rng.below(6), cols = 1 + rng.below(6);
        std::vector<AssignmentCandidate> cand;
        std::vector<double> cost(rows * cols, -1);
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t c = 0; c < cols; ++c)
                if (rng.uniform() < 0.5) {
                    cost[r * cols + c] = std::floor(rng.uniform(0, 10));
                    cand.push_back({r, c, cost[r * cols + c]});
                }
        const auto got = solveAssignment(rows, cols, cand);
        // Brute force: every injective partial map rows -> cols, most pairs first, then least cost.
        std::size_t bestPairs = 0;
        double bestCost = 0;
        std::vector<long> current(rows, -1);
        std::vector<char> used(cols, 0);
        std::function<void(std::size_t, std::size_t, double)> search = [&](std::size_t r, std::size_t pairs,
                                                                           double total) {
            if (r == rows) {
                if (pairs > bestPairs || (pairs == bestPairs && total < bestCost))
                    bestPairs = pairs, bestCost = total;
                return;
            }
            search(r + 1, pairs, total);
            for (std::size_t c = 0; c < cols; ++c)
                if (!used[c] && cost[r * cols + c] >= 0) {
                    used[c] = 1;
                    search(r + 1, pairs + 1, total + cost[r * cols + c]);
                    used[c] = 0;
                }
        };
        search(0, 0, 0);
        std::size_t pairs = 0;
        double total = 0;
        std::vector<char> seen(cols, 0);
        for (std::size_t r = 0; r < rows; ++r) {
            if (got[r] < 0) continue;
            REQUIRE(cost[r * cols + std::size_t(got[r])] >= 0); // only allowed pairs
            REQUIRE_FALSE(seen[std::size_t(got[r])]);           // one to one
            seen[std::size_t(got[r])] = 1;
            ++pairs, total += cost[r * cols + std::size_t(got[r])];
        }
        CHECK(pairs == bestPairs);
        CHECK(total == Approx(bestCost));
    }
}

TEST_CASE("Phase correlation finds a sub-pixel shift", "[series][drift]") {
    Random rng(5);
    std::vector<double> x, y;
    for (int i = 0; i < 60; ++i) x.push_back(rng.uniform(10, 118)), y.push_back(rng.uniform(10, 118));
    const Image a = renderBlobs(x, y, 0, 0, 128, rng, 2.0);
    const Image b = renderBlobs(x, y, 3.3, -1.7, 128, rng, 2.0);
    const FrameShift s = phaseCorrelate(a, b);
    CHECK(s.dx == Approx(3.3).margin(0.1));
    CHECK(s.dy == Approx(-1.7).margin(0.1));
    CHECK(s.peak > 0.2);
    const FrameShift back = phaseCorrelate(b, a);
    CHECK(back.dx == Approx(-3.3).margin(0.1));
    const auto drift = estimateDrift({a, b, a});
    REQUIRE(drift.size() == 3);
    CHECK(drift[0].dx == 0);
    CHECK(drift[2].dx == Approx(0).margin(0.1));
    CHECK_THROWS_AS(phaseCorrelate(a, Image(64, 64)), std::invalid_argument);
}

TEST_CASE("Tracking keeps identities through drift, gaps and new atoms", "[series][tracking]") {
    Random rng(9);
    // Points on a jittered grid 10 px apart; frames drift by a random walk.
    std::vector<double> gx, gy;
    for (int r = 0; r < 15; ++r)
        for (int c = 0; c < 15; ++c)
            gx.push_back(20 + 10 * c + rng.uniform(-1, 1)), gy.push_back(20 + 10 * r + rng.uniform(-1, 1));
    const int F = 12;
    std::vector<FramePoints> frames(F);
    std::vector<std::vector<std::size_t>> truthOf(F);
    std::vector<FrameShift> drift(F);
    for (int f = 0; f < F; ++f) {
        if (f > 0) drift[f] = {drift[f - 1].dx + rng.normal(0, 2), drift[f - 1].dy + rng.normal(0, 2), 1};
        for (std::size_t i = 0; i < gx.size(); ++i) {
            if (i % 17 == 3 && f % 3 == 1) continue; // disappears now and then, comes back
            if (i == 100 && f < 6) continue;         // appears at frame 6
            frames[f].x.push_back(gx[i] + drift[f].dx + rng.normal(0, 0.2));
            frames[f].y.push_back(gy[i] + drift[f].dy + rng.normal(0, 0.2));
            truthOf[f].push_back(i);
        }
    }
    const TrackingResult t = trackPoints(frames, drift);
    CHECK(t.gate == Approx(3.5).margin(0.4));
    std::map<std::size_t, int> trackOfTruth;
    std::set<int> used;
    for (int f = 0; f < F; ++f)
        for (std::size_t k = 0; k < truthOf[f].size(); ++k) {
            const int id = t.trackOf[f][k];
            const auto [it, inserted] = trackOfTruth.emplace(truthOf[f][k], id);
            CHECK(it->second == id);                     // the same point keeps its track
            if (inserted) CHECK(used.insert(id).second); // different points, different tracks
        }
    CHECK(t.tracks.size() == gx.size());
    CHECK(t.tracks[std::size_t(trackOfTruth[100])].firstFrame == 6);
    // Without gap memory a point missing for a frame comes back as a new track.
    TrackParams strict;
    strict.maxGap = 0;
    CHECK(trackPoints(frames, drift, strict).tracks.size() > gx.size());
    // Coarse drift (off by 1.5 px) is corrected by the points themselves.
    std::vector<FrameShift> coarse = drift;
    for (auto& d : coarse) d.dx += 1.5 * (&d - &coarse[0] > 0);
    const auto refined = refineDrift(frames, coarse, 3.5);
    for (int f = 0; f < F; ++f) CHECK(refined[f].dx == Approx(drift[f].dx).margin(0.1));
    // A frame's drift off by 1 px is tracked anyway (within the gate) and corrected against the tracks.
    std::vector<FrameShift> offFrame = drift;
    offFrame[5].dx += 1.0;
    TrackingResult t2 = trackPoints(frames, offFrame);
    const auto byTracks = refineDriftByTracks(frames, t2, offFrame);
    for (int f = 0; f < F; ++f) CHECK(byTracks[f].dx == Approx(drift[f].dx).margin(0.05));
    CHECK_THROWS_AS(trackPoints(frames, std::vector<FrameShift>(2)), std::invalid_argument);
}

TEST_CASE("Honeycomb sublattices alternate along every bond", "[series][sites]") {
    std::vector<double> x, y;
    const double a = 10 * std::sqrt(3.0); // bond 10
    for (int i = 0; i < 8; ++i)
        for (int j = 0; j < 8; ++j) {
            const double ox = i * a + j * a / 2, oy = j * a * std::sqrt(3.0) / 2;
            x.push_back(ox), y.push_back(oy);
            x.push_back(ox + a / 2), y.push_back(oy + 10 / 2.0 * 1); // second site one bond away
        }
    // Second basis site at distance exactly 10: (a/2, 5) has length sqrt(75 + 25) = 10.
    const auto colour = honeycombSublattices(x, y, 10);
    std::size_t bonds = 0;
    for (std::size_t s = 0; s < x.size(); ++s)
        for (std::size_t t = s + 1; t < x.size(); ++t)
            if (std::abs(std::hypot(x[s] - x[t], y[s] - y[t]) - 10) < 0.1) {
                ++bonds;
                CHECK(colour[s] != colour[t]);
            }
    CHECK(bonds > 150);
    for (std::size_t s = 0; s < x.size(); s += 2) CHECK(colour[s] == colour[0]);
}

TEST_CASE("Site state changes list every switch between classified frames", "[series][sites]") {
    SiteHistory h;
    h.frameCount = 4;
    h.x = {0, 10, 20}, h.y = {0, 0, 0};
    h.stateNames = {"chalcogen", "chalcogen-vacancy"};
    h.analysed = {1, 1, 0};
    h.state = {0, 1,  1, 0,  // site 0: vacancy appears at 1, fills at 3
               0, -1, 1, 1,  // site 1: unclassified in frame 1, so no change is reported at 1 or 2
               0, 1,  0, 1}; // site 2: not analysed
    const auto c = siteStateChanges(h);
    REQUIRE(c.size() == 2);
    CHECK(c[0].site == 0);
    CHECK(c[0].frame == 1);
    CHECK(c[0].from == "chalcogen");
    CHECK(c[0].to == "chalcogen-vacancy");
    CHECK(c[1].frame == 3);
    CHECK(c[1].to == "chalcogen");
}

TEST_CASE("Site amplitudes measure a Gaussian column above its background", "[series][sites]") {
    Image im(64, 64, 20.0f);
    for (int r = 0; r < 64; ++r)
        for (int c = 0; c < 64; ++c)
            im.at(c, r) +=
                float(50 * std::exp(-(std::pow(c - 30.3, 2) + std::pow(r - 33.6, 2)) / (2 * 2.5 * 2.5)));
    const auto a = measureSiteAmplitudes(im, FrameShift{0.3, 0.6, 1}, {30.0, 2.0}, {33.0, 2.0}, 2.5, 20, 7.5);
    CHECK(a[0] == Approx(50).epsilon(0.02));
    CHECK(std::isnan(a[1])); // too close to the border
}

TEST_CASE("Vacancy lines and their events, by hand", "[series][lines]") {
    // Sites on a row 10 px apart (0..9), and a second row 30 px below (10..19).
    std::vector<double> x, y;
    for (int i = 0; i < 20; ++i) x.push_back(10.0 * (i % 10)), y.push_back(i < 10 ? 0 : 30);
    const auto lines = findVacancyLines(x, y, {1, 2, 3, 7, 12, 13}, 12);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].sites == std::vector<std::size_t>{1, 2, 3});
    CHECK(lines[0].length == Approx(20));
    CHECK(lines[0].x == Approx(20));
    CHECK(lines[0].orientationDeg == Approx(0).margin(1e-9));
    CHECK(lines[1].sites == std::vector<std::size_t>{12, 13});
    CHECK(findVacancyLines(x, y, {1, 2, 3, 7}, 12, 1).size() == 2); // singles count with minSites 1

    auto events = [&](std::vector<std::size_t> before, std::vector<std::size_t> after) {
        return vacancyLineEvents(findVacancyLines(x, y, before, 12), findVacancyLines(x, y, after, 12), 5, x,
                                 y);
    };
    auto types = [&](const std::vector<VacancyLineEvent>& e) {
        std::vector<std::string> t;
        for (const auto& v : e) t.push_back(v.type);
        std::sort(t.begin(), t.end());
        return t;
    };
    CHECK(events({1, 2}, {1, 2}).empty());
    CHECK(types(events({1, 5}, {1, 2})) == std::vector<std::string>{"appear"});
    CHECK(types(events({1, 2}, {1, 5})) == std::vector<std::string>{"disappear"});
    CHECK(types(events({1, 2}, {1, 2, 3})) == std::vector<std::string>{"grow"});
    CHECK(types(events({1, 2, 3}, {2, 3})) == std::vector<std::string>{"shrink"});
    CHECK(types(events({1, 2}, {2, 3})) == std::vector<std::string>{"move"});
    CHECK(types(events({1, 2, 4, 5}, {1, 2, 3, 4, 5})) == std::vector<std::string>{"merge"});
    CHECK(types(events({1, 2, 3, 4, 5}, {1, 2, 4, 5})) == std::vector<std::string>{"split"});
    const auto mixed = events({1, 2, 12, 13}, {2, 3, 15, 16});
    CHECK(types(mixed) == std::vector<std::string>{"appear", "disappear", "move"});
    const auto grow = events({1, 2}, {1, 2, 3});
    CHECK(grow[0].frame == 5);
    CHECK(grow[0].sitesBefore == 2);
    CHECK(grow[0].sitesAfter == 3);
    CHECK(grow[0].x == Approx(20)); // centroid of sites 1, 2, 3

    const std::vector<VacancyLineEvent> ref = {
        {3, "grow", 2, 3, 10, 10}, {4, "appear", 0, 2, 50, 50}, {4, "shrink", 3, 2, 0, 0}};
    const std::vector<VacancyLineEvent> found = {
        {3, "grow", 2, 3, 11, 10}, {4, "appear", 0, 2, 80, 50}, {4, "shrink", 3, 2, 0, 1}};
    const EventComparison c = compareEvents(ref, found, 3);
    CHECK(c.matched == 2);
    CHECK(c.missed == std::vector<std::size_t>{1});
    CHECK(c.spurious == std::vector<std::size_t>{1});
    CHECK(c.recall() == Approx(2.0 / 3));
}

TEST_CASE("analyseSeries refuses an empty series and honours cancellation", "[series]") {
    CHECK_THROWS_AS(analyseSeries(Micrograph{}), std::invalid_argument);
    SimulationParams p;
    p.width = p.height = 96, p.frames = 3;
    const auto sim = simulate(p);
    BasicJobContext job;
    job.cancel();
    CHECK_THROWS_AS(analyseSeries(sim.micrograph, {}, job), CanceledError);
}
