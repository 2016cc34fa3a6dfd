#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/data/Labels.h"
#include "core/graph/LatticeGraph.h"
#include "core/job/JobContext.h"
#include "core/nn/EgnnModel.h"
#include "core/nn/GraphSettings.h"

#include <vector>

namespace atomlens {

/// The lattice graph of some atoms (empty ideal sites appended as flagged nodes) with its EGNN input,
/// ready for classification, fine-tuning or both.
struct PreparedGraph {
    LatticeGraph graph;
    AtomTable nodes; ///< the atoms followed by the empty sites (kFlagEmptySite), in graph node order
    EgnnInput input;
};

/// Builds the graph with ideal sites (core/graph buildLatticeGraph) and the node features, with the
/// default graph settings.
PreparedGraph prepareGraph(const Image& image, const AtomTable& atoms, bool withRings,
                           JobContext& job = nullJobContext());
/// The same with given graph settings (a model's: EgnnModel::graphSettings()).
PreparedGraph prepareGraph(const Image& image, const AtomTable& atoms, bool withRings, JobContext& job,
                           const GraphSettings& settings);

/// Prepares a graph that already exists (nodes = its node rows, e.g. a chain's graph step) for a model.
PreparedGraph prepareExistingGraph(const Image& image, const LatticeGraph& graph, const AtomTable& nodes,
                                   bool withRings);

/// The one classification pipeline (CLI classify, the chain's classify step, batch, the GUI): the
/// graph of `atoms` built with the model's own graph settings (buildGraphWithSites, empty ideal sites
/// appended), node features, one pass of the model. Returns the nodes with the model's classes;
/// `preparedOut` receives the graph and input when given.
AtomTable classifyAtoms(const Image& image, const AtomTable& atoms, const EgnnModel& model,
                        JobContext& job = nullJobContext(), PreparedGraph* preparedOut = nullptr);

/// Classifies every node of a prepared graph in one pass. The result's nodes carry the model's class
/// names, class ids and confidences. For ring models a node takes the class of the least hexagonal
/// ring it belongs to ("non-hexagon" wins), nodes in no ring stay unclassified.
AtomTable classifyNodes(const PreparedGraph& prepared, const EgnnModel& model,
                        EgnnPrediction* prediction = nullptr);

/// Sets input labels from user Labels (attached to the nearest node within 0.4 bond lengths). The
/// class index is the label's class name's position in `classes`. Throws InputError for a label on no
/// node or with a class not in `classes`.
void applyLabels(PreparedGraph& prepared, const Labels& labels, const std::vector<std::string>& classes,
                 const std::string& source);

} // namespace atomlens
