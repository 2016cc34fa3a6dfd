// Dopant coordination switches through a frame series (Si in graphene: 3-fold <-> 4-fold).
#include "core/analysis/DopantSwitching.h"

#include "core/analysis/GrapheneDopants.h"
#include "core/data/PointIndex.h"
#include "core/job/ParallelFor.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace atomlens {

std::vector<std::string> coordinationClasses(const std::vector<double>& x, const std::vector<double>& y,
                                             const std::vector<std::uint8_t>& dopant, double bondLength,
                                             const DopantParams& params) {
    if (x.size() != y.size() || x.size() != dopant.size())
        throw std::invalid_argument("coordinationClasses: x, y and dopant sizes differ");
    std::vector<std::string> cls(x.size(), params.hostClass);
    const PointIndex index(x, y);
    const double cutoff = params.neighbourFactor * bondLength;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!dopant[i]) continue;
        std::vector<double> bonds;
        for (const auto& [j, d] : index.within(x[i], y[i], cutoff)) // nearest first
            if (j != i && d < cutoff && bonds.size() < 3) bonds.push_back(d);
        if (bonds.empty()) {
            cls[i].clear();
            continue;
        }
        const double median = bonds.size() == 2 ? (bonds[0] + bonds[1]) / 2 : bonds[bonds.size() / 2];
        cls[i] = params.element + (median > params.fourFoldFactor * bondLength ? "4" : "3");
    }
    return cls;
}

double medianBondLength(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() < 4) return 0;
    const PointIndex index(x, y);
    std::vector<double> perPoint;
    perPoint.reserve(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        const auto nn = index.knn(x[i], y[i], 4); // itself and its 3 nearest
        std::vector<double> d;
        for (std::uint32_t j : nn)
            if (j != i) d.push_back(std::hypot(x[j] - x[i], y[j] - y[i]));
        if (d.size() < 3) continue;
        std::sort(d.begin(), d.end());
        perPoint.push_back(d[1]);
    }
    if (perPoint.empty()) return 0;
    std::nth_element(perPoint.begin(), perPoint.begin() + long(perPoint.size() / 2), perPoint.end());
    return perPoint[perPoint.size() / 2];
}

DopantHistory trackDopants(const std::vector<ClassedPoints>& frames, const std::vector<FrameShift>& drift,
                           int width, int height, double bondLength, const DopantParams& params) {
    const std::size_t F = frames.size();
    if (!drift.empty() && drift.size() != F)
        throw std::invalid_argument("trackDopants: one drift shift per frame expected");
    DopantHistory out;
    // The dopant points of each frame (index into the frame kept for the classes).
    std::vector<FramePoints> points(F);
    std::vector<std::vector<std::size_t>> source(F);
    for (std::size_t f = 0; f < F; ++f) {
        const ClassedPoints& c = frames[f];
        if (c.x.size() != c.y.size() || c.x.size() != c.cls.size())
            throw std::invalid_argument("trackDopants: x, y and cls sizes differ in a frame");
        for (std::size_t i = 0; i < c.x.size(); ++i)
            if (c.cls[i] != params.hostClass)
                points[f].x.push_back(c.x[i]), points[f].y.push_back(c.y[i]), source[f].push_back(i);
    }
    TrackParams tp;
    tp.gate = params.gate > 0 ? params.gate : bondLength;
    out.tracking = trackPoints(points, drift, tp);
    const auto& tracks = out.tracking.tracks;
    const int minObservations = std::max(1, int(std::ceil(params.minSiteFraction * double(F))));
    std::vector<int> siteOfTrack(tracks.size(), -1);
    SiteHistory& h = out.sites;
    h.frameCount = int(F);
    for (std::size_t t = 0; t < tracks.size(); ++t)
        if (tracks[t].observations >= minObservations) {
            siteOfTrack[t] = int(out.siteTrack.size());
            out.siteTrack.push_back(t);
            h.x.push_back(tracks[t].x), h.y.push_back(tracks[t].y);
        }
    const std::size_t n = out.siteTrack.size();
    h.sublattice.assign(n, -1);
    h.kind.assign(n, "dopant");
    h.intensity.assign(n * F, std::nanf(""));
    h.observed.assign(n * F, 0);
    h.state.assign(n * F, -1);
    h.latticeConstant = bondLength * std::sqrt(3.0);
    std::map<std::string, int> stateIndex;
    auto stateOf = [&](const std::string& name) {
        auto [it, inserted] = stateIndex.emplace(name, int(h.stateNames.size()));
        if (inserted) h.stateNames.push_back(name);
        return it->second;
    };
    for (std::size_t f = 0; f < F; ++f)
        for (std::size_t k = 0; k < points[f].x.size(); ++k) {
            const int t = out.tracking.trackOf[f][k];
            if (t < 0 || siteOfTrack[std::size_t(t)] < 0) continue;
            const std::size_t at = h.at(std::size_t(siteOfTrack[std::size_t(t)]), int(f));
            h.observed[at] = 1;
            if (const std::string& c = frames[f].cls[source[f][k]]; !c.empty())
                h.state[at] = std::int8_t(stateOf(c));
        }
    // Analysed: inside every frame by the margin.
    const double margin = params.margin > 0 ? params.margin : 2 * bondLength;
    h.analysed.assign(n, 1);
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t f = 0; f < F; ++f) {
            const double dx = drift.empty() ? 0 : drift[f].dx, dy = drift.empty() ? 0 : drift[f].dy;
            const double fx = h.x[s] + dx, fy = h.y[s] + dy;
            if (fx < margin || fy < margin || fx > width - 1 - margin || fy > height - 1 - margin)
                h.analysed[s] = 0;
        }
    for (int f = 0; f < int(F); ++f) // switches by frame, then site; bridging unclassified frames
        for (std::size_t s = 0; s < n; ++s) {
            if (!h.analysed[s] || h.state[h.at(s, f)] < 0) continue;
            int before = -1;
            for (int g = f - 1; g >= 0 && before < 0; --g) before = h.state[h.at(s, g)];
            const int after = h.state[h.at(s, f)];
            if (before < 0 || before == after) continue;
            out.switches.push_back(
                {s, f, h.stateNames[std::size_t(before)], h.stateNames[std::size_t(after)], h.x[s], h.y[s]});
        }
    return out;
}

DopantSeriesAnalysis analyseDopantSeries(const Micrograph& series, const DetectParams& detect,
                                         const DopantParams& params, JobContext& job) {
    if (series.frames.empty()) throw std::invalid_argument("the series has no frames");
    const std::size_t F = series.frames.size();
    DopantSeriesAnalysis a;
    a.frames.resize(F);
    if (params.method != "bonds" && params.method != "graphene")
        throw std::invalid_argument("unknown dopant method '" + params.method + "' (use bonds or graphene)");
    const bool graphene = params.method == "graphene";
    std::vector<std::vector<std::uint8_t>> dopant(F);
    parallelFor(
        F, 1,
        [&](std::size_t begin, std::size_t end) {
            SubJob frameJob(job, false); // the pool and cancellation; one frame's info lines are noise
            for (std::size_t f = begin; f < end; ++f) {
                if (graphene) {
                    GrapheneParams gp;
                    gp.element = params.element, gp.hostClass = params.hostClass;
                    const GrapheneAnalysis g = analyseGrapheneImage(series.frames[f], gp, frameJob);
                    a.frames[f].x = g.atoms.xs(), a.frames[f].y = g.atoms.ys();
                    a.frames[f].cls.assign(g.atoms.size(), params.hostClass);
                    for (const auto& d : g.dopants) a.frames[f].cls[d.row] = d.cls; // "" = unclassified
                    continue;
                }
                const AtomTable atoms = detectAtoms(series.frames[f], detect, frameJob);
                a.frames[f].x = atoms.xs(), a.frames[f].y = atoms.ys();
                std::vector<float> amp = atoms.amplitudes();
                dopant[f].assign(amp.size(), 0);
                if (amp.empty()) continue;
                std::vector<float> sorted = amp;
                std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
                const double median = sorted[sorted.size() / 2];
                for (std::size_t i = 0; i < amp.size(); ++i)
                    dopant[f][i] = amp[i] > params.brightFactor * median ? 1 : 0;
            }
        },
        job, "detecting atoms");
    std::vector<FramePoints> atoms(F);
    for (std::size_t f = 0; f < F; ++f) atoms[f].x = a.frames[f].x, atoms[f].y = a.frames[f].y;
    a.bondLength = medianBondLength(atoms[0].x, atoms[0].y);
    if (!(a.bondLength > 0)) throw std::invalid_argument("too few atoms in the first frame to track dopants");
    if (!graphene)
        for (std::size_t f = 0; f < F; ++f)
            a.frames[f].cls =
                coordinationClasses(a.frames[f].x, a.frames[f].y, dopant[f], a.bondLength, params);
    job.throwIfCanceled();
    a.drift = estimateDrift(series.frames, DriftParams{}, job);
    a.drift = refineDrift(atoms, a.drift, 0.35 * a.bondLength);
    a.history = trackDopants(a.frames, a.drift, series.frames[0].width(), series.frames[0].height(),
                             a.bondLength, params);
    job.setProgress(1, 1, "dopants tracked");
    return a;
}

} // namespace atomlens
