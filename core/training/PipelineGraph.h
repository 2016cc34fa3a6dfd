#pragma once
#include "core/job/JobContext.h"
#include "core/nn/Classification.h"
#include "core/training/SubModelRecipes.h"

#include <cstddef>

namespace atomlens {

/// A simulated image exactly as the pipeline sees it (classical detection, lattice graph with empty
/// ideal sites, node features), with the recipe's truth labels on the nodes (or rings) that match a
/// truth column (or a truth ring, by centroid) within 0.3 bond lengths (Hungarian assignment). Nodes
/// with no truth partner (false detections, predicted sites where the structure has no column) stay
/// unlabelled (-1), so training ignores them and evaluation does not score them. One definition for
/// training data and held-out evaluation, so the two cannot drift apart.
struct LabelledPipelineGraph {
    PreparedGraph prepared;         ///< input.labels (or input.groupLabels) hold the truth labels
    std::size_t truthItems = 0;     ///< truth columns (rings) that could be matched
    std::size_t unmatchedTruth = 0; ///< truth columns (rings) with no node (ring) within tolerance
    std::size_t unmatchedItems = 0; ///< nodes (rings) with no truth column (ring)
    /// True when detection found too little to build a graph (every truth item is then unmatched).
    bool failed() const { return prepared.input.nodeCount < 2 || !(prepared.graph.bondLength > 0); }
};
LabelledPipelineGraph labelPipelineGraph(const SubModelRecipe& recipe, const SimulationResult& simulation,
                                         JobContext& job = nullJobContext());

/// Realistic image degradations for training data on top of the simulator's own (dose, probe, drift,
/// scan jitter, strain, background): detector contrast (gamma 0.75..1.35, gain, offset), extra blur
/// (Gaussian up to 0.8 px) and, on about a third of the images, 8-bit quantisation with JPEG
/// artefacts (quality 50..95). Truth positions are unchanged (none of these moves a column).
void augmentImaging(SimulationResult& simulation, Random& rng);

} // namespace atomlens
