#include "core/analysis/SeriesAnalysis.h"

#include "core/data/PointIndex.h"
#include "core/graph/IdealLattice.h"
#include "core/job/ParallelFor.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace atomlens {
namespace {

/// Appends the graph's empty ideal sites to the points, merging sites closer than `mergeDistance` to
/// each other (several neighbours may predict one empty site slightly apart) and dropping those that
/// close to an atom.
void appendEmptySites(FramePoints& points, const LatticeGraph& g, double mergeDistance) {
    std::vector<double> ex, ey;
    std::vector<int> weight;
    for (std::size_t i = g.atomCount; i < g.nodeCount(); ++i) {
        bool merged = false;
        for (std::size_t k = 0; k < ex.size() && !merged; ++k)
            if (std::hypot(ex[k] - g.x[i], ey[k] - g.y[i]) < mergeDistance) {
                ex[k] = (ex[k] * weight[k] + g.x[i]) / (weight[k] + 1),
                ey[k] = (ey[k] * weight[k] + g.y[i]) / (weight[k] + 1);
                ++weight[k], merged = true;
            }
        if (!merged) ex.push_back(g.x[i]), ey.push_back(g.y[i]), weight.push_back(1);
    }
    const PointIndex atoms(points.x, points.y);
    for (std::size_t k = 0; k < ex.size(); ++k)
        if (atoms.nearest(ex[k], ey[k]).second >= mergeDistance)
            points.x.push_back(ex[k]), points.y.push_back(ey[k]);
}

} // namespace

void findLinesAndEvents(SeriesAnalysis& a, double linkFactor) {
    const SiteHistory& h = a.sites;
    a.lines.assign(std::size_t(h.frameCount), {});
    a.events.clear();
    const double link =
        linkFactor * (h.latticeConstant > 0 ? h.latticeConstant : a.bondLength * std::sqrt(3.0));
    for (int f = 0; f < h.frameCount; ++f) {
        std::vector<std::size_t> vacant;
        for (std::size_t s = 0; s < h.siteCount(); ++s)
            if (h.analysed[s] && h.kind[s] == "chalcogen" && h.stateName(s, f) == "chalcogen-vacancy")
                vacant.push_back(s);
        a.lines[std::size_t(f)] = findVacancyLines(h.x, h.y, vacant, link);
        if (f == 0) continue;
        const auto events =
            vacancyLineEvents(a.lines[std::size_t(f) - 1], a.lines[std::size_t(f)], f, h.x, h.y);
        a.events.insert(a.events.end(), events.begin(), events.end());
    }
}

SeriesAnalysis analyseSeries(const Micrograph& series, const SeriesParams& params, JobContext& job) {
    if (series.frames.empty()) throw std::invalid_argument("the series has no frames");
    const std::size_t F = series.frames.size();
    SeriesAnalysis a;
    a.points.resize(F);
    a.atomCounts.assign(F, 0);
    // Detection and ideal sites per frame (frames are independent).
    parallelFor(
        F, 1,
        [&](std::size_t begin, std::size_t end) {
            SubJob frameJob(job, false); // the pool and cancellation; one frame's info lines are noise
            for (std::size_t f = begin; f < end; ++f) {
                const Image& image = series.frames[f];
                const AtomTable atoms = detectAtoms(image, params.detect, frameJob);
                FramePoints& p = a.points[f];
                p.x = atoms.xs(), p.y = atoms.ys();
                a.atomCounts[f] = atoms.size();
                if (params.idealSites && atoms.size() >= 8) {
                    LatticeParams lattice;
                    lattice.imageWidth = image.width(), lattice.imageHeight = image.height();
                    const LatticeGraph g = buildLatticeGraph(atoms, GraphParams{}, lattice, frameJob);
                    appendEmptySites(p, g, 0.35 * g.bondLength);
                }
            }
        },
        job, "detecting atoms");
    a.drift = estimateDrift(series.frames, params.drift, job);
    {
        std::vector<FramePoints> atomsOnly(F);
        for (std::size_t f = 0; f < F; ++f)
            atomsOnly[f].x.assign(a.points[f].x.begin(), a.points[f].x.begin() + long(a.atomCounts[f])),
                atomsOnly[f].y.assign(a.points[f].y.begin(), a.points[f].y.begin() + long(a.atomCounts[f]));
        const double gate =
            params.track.gate > 0 ? params.track.gate : 0.35 * medianNearestDistance(atomsOnly[0]);
        a.drift = refineDrift(atomsOnly, a.drift, gate);
    }
    a.tracking = trackPoints(a.points, a.drift, params.track, job);
    a.drift = refineDriftByTracks(a.points, a.tracking, a.drift, a.atomCounts);

    // Sites: tracks seen often enough, strongest first, none within the gate of a stronger one
    // (a duplicate detection or a split empty-site prediction makes a short-lived twin track).
    const auto& tracks = a.tracking.tracks;
    std::vector<std::size_t> order(tracks.size());
    for (std::size_t t = 0; t < order.size(); ++t) order[t] = t;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t l, std::size_t r) {
        return tracks[l].observations > tracks[r].observations;
    });
    const int minObservations = std::max(1, int(std::ceil(params.minSiteFraction * double(F))));
    std::vector<std::size_t> candidates;
    for (std::size_t t : order)
        if (tracks[t].observations >= minObservations) candidates.push_back(t);
    std::vector<double> cx, cy;
    for (std::size_t t : candidates) cx.push_back(tracks[t].x), cy.push_back(tracks[t].y);
    const PointIndex candidateIndex(cx, cy);
    std::vector<char> accepted(candidates.size(), 0);
    std::vector<double> x, y;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        bool twin = false;
        for (const auto& [k, d] : candidateIndex.within(cx[c], cy[c], a.tracking.gate))
            twin |= accepted[k] && d < a.tracking.gate;
        if (twin) continue;
        accepted[c] = 1;
        a.siteTrack.push_back(candidates[c]), x.push_back(cx[c]), y.push_back(cy[c]);
    }
    const std::size_t n = x.size();
    std::vector<int> siteOfTrack(tracks.size(), -1);
    for (std::size_t s = 0; s < n; ++s) siteOfTrack[a.siteTrack[s]] = int(s);
    std::vector<std::uint8_t> observed(n * F, 0);
    for (std::size_t f = 0; f < F; ++f)
        for (std::size_t i = 0; i < a.atomCounts[f]; ++i)
            if (const int t = a.tracking.trackOf[f][i]; t >= 0 && siteOfTrack[std::size_t(t)] >= 0)
                observed[std::size_t(siteOfTrack[std::size_t(t)]) * F + f] = 1;
    FramePoints reference;
    reference.x = x, reference.y = y;
    a.bondLength = medianNearestDistance(reference);
    a.sites = buildSiteHistory(series.frames, a.drift, x, y, observed, a.bondLength, params.sites, job);
    findLinesAndEvents(a, params.lineLinkFactor);
    job.setProgress(1, 1, "series analysed");
    return a;
}

} // namespace atomlens
