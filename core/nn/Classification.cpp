#include "core/nn/Classification.h"

#include "core/data/Errors.h"
#include "core/graph/GraphWithSites.h"
#include "core/graph/IdealLattice.h"
#include "core/nn/InferenceBatcher.h"
#include "core/nn/NodeFeatures.h"

#include <algorithm>

namespace atomlens {

PreparedGraph prepareGraph(const Image& image, const AtomTable& atoms, bool withRings, JobContext& job) {
    return prepareGraph(image, atoms, withRings, job, GraphSettings{});
}

PreparedGraph prepareGraph(const Image& image, const AtomTable& atoms, bool withRings, JobContext& job,
                           const GraphSettings& settings) {
    GraphWithSites built =
        buildGraphWithSites(atoms, image.width(), image.height(), settings.graph, settings.lattice, job);
    PreparedGraph p;
    p.graph = std::move(built.graph);
    p.nodes = std::move(built.nodes);
    p.input = makeEgnnInput(image, p.graph, withRings);
    return p;
}

PreparedGraph prepareExistingGraph(const Image& image, const LatticeGraph& graph, const AtomTable& nodes,
                                   bool withRings) {
    PreparedGraph p;
    p.graph = graph;
    p.nodes = nodes;
    p.input = makeEgnnInput(image, p.graph, withRings);
    return p;
}

AtomTable classifyAtoms(const Image& image, const AtomTable& atoms, const EgnnModel& model, JobContext& job,
                        PreparedGraph* preparedOut) {
    PreparedGraph prepared =
        prepareGraph(image, atoms, model.architecture().graphLevel, job, model.graphSettings());
    job.throwIfCanceled();
    AtomTable nodes = classifyNodes(prepared, model);
    if (preparedOut) *preparedOut = std::move(prepared);
    return nodes;
}

AtomTable classifyNodes(const PreparedGraph& prepared, const EgnnModel& model,
                        EgnnPrediction* predictionOut) {
    // Batched with other threads' images when the model runs on a GPU (InferenceBatcher).
    const EgnnPrediction prediction = InferenceBatcher::instance().predict(model, prepared.input);
    AtomTable nodes = prepared.nodes;
    nodes.setClassNames(model.classes());
    if (!model.architecture().graphLevel) {
        for (std::size_t i = 0; i < nodes.size() && i < prediction.itemCount; ++i)
            nodes.setClass(i, prediction.best(i), prediction.confidence(i));
    } else {
        // Ring models: class index 0 is the regular ring ("hexagon"); any other class of a ring wins
        // over it for the ring's members.
        for (std::size_t g = 0; g < prediction.itemCount; ++g) {
            const int cls = prediction.best(g);
            const float conf = prediction.confidence(g);
            const auto& in = prepared.input;
            for (auto k = in.groupOffsets[g]; k < in.groupOffsets[g + 1]; ++k) {
                const auto node = std::size_t(in.groupNodes[std::size_t(k)]);
                const int current = nodes.classIds()[node];
                if (current < 0 || (current == 0 && cls != 0) ||
                    (current == cls && conf < nodes.confidences()[node]))
                    nodes.setClass(node, cls, conf);
            }
        }
    }
    if (predictionOut) *predictionOut = prediction;
    return nodes;
}

void applyLabels(PreparedGraph& prepared, const Labels& userLabels, const std::vector<std::string>& classes,
                 const std::string& source) {
    Labels labels = userLabels;
    labels.resolve(prepared.nodes, 0.4 * std::max(1.0, prepared.graph.bondLength), source);
    std::fill(prepared.input.labels.begin(), prepared.input.labels.end(), -1);
    for (const auto& l : labels.items()) {
        const auto it = std::find(classes.begin(), classes.end(), l.className);
        if (it == classes.end())
            throw InputError(source, "label class '" + l.className + "' is not one of the model's classes");
        const auto row = prepared.nodes.rowOf(std::uint32_t(l.atomId));
        prepared.input.labels[std::size_t(row)] = std::int64_t(it - classes.begin());
    }
}

} // namespace atomlens
