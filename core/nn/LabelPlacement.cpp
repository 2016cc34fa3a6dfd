#include "core/nn/LabelPlacement.h"

#include "core/detect/RefineGaussian.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace atomlens {
namespace {

/// Nearest node of the graph to (x, y): (row, distance); (-1, inf) for an empty graph.
std::pair<std::int64_t, double> nearestNode(const LatticeGraph& g, double x, double y) {
    std::int64_t best = -1;
    double bestD2 = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < g.nodeCount(); ++i) {
        const double d2 = (g.x[i] - x) * (g.x[i] - x) + (g.y[i] - y) * (g.y[i] - y);
        if (d2 < bestD2) bestD2 = d2, best = std::int64_t(i);
    }
    return {best, std::sqrt(bestD2)};
}

bool insideImage(const Image& image, double x, double y) {
    return std::isfinite(x) && std::isfinite(y) && x >= 0 && y >= 0 && x <= image.width() - 1 &&
           y <= image.height() - 1;
}

/// Gaussian refinement of the new nodes (the table's other atoms are fixed neighbours): a node moves
/// onto the column under it when the fit converged, found a bright column (amplitude above a fifth of
/// the median atom's) and stayed within `reach` pixels; otherwise it stays where the user put it.
void refineAdded(const Image& image, const AtomTable& atoms, std::vector<Atom>& added,
                 std::vector<char>& refined, double reach, JobContext& job) {
    refined.assign(added.size(), 0);
    if (added.empty() || atoms.empty()) return;
    AtomTable table = atoms;
    std::vector<std::size_t> rows;
    for (const auto& a : added) rows.push_back(std::size_t(table.rowOf(table.add(a))));
    std::vector<float> amplitudes(atoms.amplitudes().begin(), atoms.amplitudes().end());
    std::nth_element(amplitudes.begin(), amplitudes.begin() + std::ptrdiff_t(amplitudes.size() / 2),
                     amplitudes.end());
    const double typical = amplitudes[amplitudes.size() / 2];
    refineAtomsNear(image, table, rows, RefineParams{}, job);
    for (std::size_t k = 0; k < added.size(); ++k) {
        const Atom fit = table.at(rows[k]);
        const double moved = std::hypot(fit.x - added[k].x, fit.y - added[k].y);
        const bool column = !(fit.flags & kFlagFitFailed) && std::isfinite(fit.amplitude) &&
                            fit.amplitude > 0.2 * std::max(0.0, typical) && moved <= reach;
        if (!column) continue;
        added[k].x = fit.x, added[k].y = fit.y, added[k].sigma = fit.sigma;
        added[k].amplitude = fit.amplitude, added[k].intensity = fit.intensity;
        refined[k] = 1;
    }
}

} // namespace

std::size_t PlacedLabels::usedCount() const {
    return std::size_t(std::count_if(placements.begin(), placements.end(),
                                     [](const LabelPlacement& p) { return p.used(); }));
}

std::size_t PlacedLabels::addedCount() const {
    return std::size_t(std::count_if(placements.begin(), placements.end(), [](const LabelPlacement& p) {
        return p.used() && p.fate == LabelFate::NodeAdded;
    }));
}

PlacedLabels placeLabels(const Image& image, const AtomTable& atoms, const Labels& labels,
                         const std::vector<std::string>& classes, bool withRings,
                         const GraphSettings& settings, JobContext& job, const LabelPlacementParams& params) {
    PlacedLabels out;
    out.prepared = prepareGraph(image, atoms, withRings, job, settings);
    const double bond = out.prepared.graph.bondLength;
    const bool lattice = bond > 0 && out.prepared.graph.nodeCount() >= 2;
    // Pass 1: which labels sit on a node, which need one, which are unusable.
    std::vector<Atom> added;
    std::vector<std::size_t> addedOf(labels.size(), std::size_t(-1));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        LabelPlacement p;
        p.label = labels.at(i);
        const auto [node, d] = nearestNode(out.prepared.graph, p.label.x, p.label.y);
        p.distance = d;
        if (std::find(classes.begin(), classes.end(), p.label.className) == classes.end())
            p.fate = LabelFate::UnknownClass;
        else if (!insideImage(image, p.label.x, p.label.y))
            p.fate = LabelFate::OutsideImage;
        else if (lattice && d <= params.attach * bond)
            p.fate = LabelFate::OnNode;
        else if (lattice && d > params.maxGap * bond)
            p.fate = LabelFate::OffLattice;
        else {
            p.fate = LabelFate::NodeAdded;
            // Two labels on the same empty spot share one new node.
            for (std::size_t k = 0; k < added.size() && addedOf[i] == std::size_t(-1); ++k)
                if (std::hypot(added[k].x - p.label.x, added[k].y - p.label.y) <= params.attach * bond)
                    addedOf[i] = k;
            if (addedOf[i] == std::size_t(-1)) {
                Atom a;
                a.x = p.label.x, a.y = p.label.y;
                a.flags = kFlagUserAdded;
                addedOf[i] = added.size();
                added.push_back(a);
            }
        }
        out.placements.push_back(p);
    }
    // Pass 2: new nodes on their columns, the graph rebuilt with them.
    std::vector<char> refined;
    std::vector<std::uint32_t> addedIds;
    if (!added.empty()) {
        refineAdded(image, atoms, added, refined, params.refine * (lattice ? bond : 0.0), job);
        AtomTable withAdded = atoms;
        for (const auto& a : added) addedIds.push_back(withAdded.add(a));
        out.prepared = prepareGraph(image, withAdded, withRings, job, settings);
    }
    // Pass 3: labels onto rows of the final graph; the first label of a node decides its class.
    const double attach = params.attach * std::max(1.0, out.prepared.graph.bondLength);
    auto& inputLabels = out.prepared.input.labels;
    std::fill(inputLabels.begin(), inputLabels.end(), -1);
    for (std::size_t i = 0; i < out.placements.size(); ++i) {
        auto& p = out.placements[i];
        if (p.fate == LabelFate::NodeAdded) {
            const std::size_t k = addedOf[i];
            p.node = out.prepared.nodes.rowOf(addedIds[k]);
            p.refined = refined[k] != 0;
        } else if (p.fate == LabelFate::OnNode) {
            const auto [node, d] = nearestNode(out.prepared.graph, p.label.x, p.label.y);
            if (d <= attach)
                p.node = node;
            else
                p.fate = LabelFate::OffLattice; // its empty site vanished when the graph was rebuilt
        }
        if (p.node < 0) continue;
        const auto row = std::size_t(p.node);
        p.distance = std::hypot(out.prepared.graph.x[row] - p.label.x, out.prepared.graph.y[row] - p.label.y);
        const auto cls =
            std::int64_t(std::find(classes.begin(), classes.end(), p.label.className) - classes.begin());
        if (inputLabels[row] >= 0 && inputLabels[row] != cls) {
            p.fate = LabelFate::Conflict, p.node = -1;
            continue;
        }
        inputLabels[row] = cls;
    }
    return out;
}

std::string describePlacement(const LabelPlacement& p, std::size_t index) {
    char head[160];
    std::snprintf(head, sizeof head, "label %zu '%s' at (%.1f, %.1f): ", index + 1, p.label.className.c_str(),
                  p.label.x, p.label.y);
    char tail[200];
    switch (p.fate) {
    case LabelFate::OnNode:
        std::snprintf(tail, sizeof tail, "on node %lld (%.1f px away)", static_cast<long long>(p.node),
                      p.distance);
        break;
    case LabelFate::NodeAdded:
        std::snprintf(tail, sizeof tail, "no node there: added node %lld %s", static_cast<long long>(p.node),
                      p.refined ? "on the column found there" : "where it was placed (no column found)");
        break;
    case LabelFate::OutsideImage:
        std::snprintf(tail, sizeof tail, "outside the image: skipped");
        break;
    case LabelFate::OffLattice:
        std::snprintf(tail, sizeof tail, "%.1f px from the nearest node, off the lattice: skipped",
                      p.distance);
        break;
    case LabelFate::UnknownClass:
        std::snprintf(tail, sizeof tail, "class not trained: skipped");
        break;
    case LabelFate::Conflict:
        std::snprintf(tail, sizeof tail, "an earlier label of another class is on the same node: skipped");
        break;
    }
    return std::string(head) + tail;
}

} // namespace atomlens
