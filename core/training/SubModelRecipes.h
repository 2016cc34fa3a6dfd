#pragma once
#include "core/base/Random.h"
#include "core/data/AtomTable.h"
#include "core/job/JobContext.h"
#include "core/nn/EgnnInput.h"
#include "core/nn/ModelDetection.h"
#include "core/simulate/Simulator.h"

#include <functional>
#include <string>
#include <vector>

namespace atomlens {

/// How one shipped EGNN sub-model is made from simulator ground truth: which presets, which classes,
/// how a truth column (or a ring) becomes a label. One recipe per question (species, vacancy type,
/// dopant, phase, grain-boundary ring, Si coordination in graphene).
struct SubModelRecipe {
    std::string name;
    std::string description;
    std::vector<std::string> classes;
    bool graphLevel = false;          ///< classifies rings instead of atoms
    int hidden = 16;                  ///< EGNN width (questions that need more context get more)
    std::vector<std::string> presets; ///< simulator presets drawn from
    /// Node label of a truth column (class index, -1 = not trained on).
    std::function<int(const TruthColumn&)> label;
    /// Adjusts the random simulation for this recipe (defect densities and the like).
    std::function<void(SimulationParams&, Random&)> tune;
    /// The atoms the pipeline classifies with this model (empty: detectAtoms with default settings).
    /// Training graphs, evaluation and `classify` use the same function.
    std::function<AtomTable(const Image&, JobContext&)> detect;
    /// For the model card, where `tune` and `detect` differ from the defaults: the imaging conditions
    /// drawn (replaces "dose 3e4-2e6 ... +-30%"), the atoms the graphs are built on (replaces "classical
    /// detection, lattice graph with empty ideal sites") and the pixel sizes, A (0 = the preset's +-30%).
    std::string conditionsText, atomsText;
    double pixelSizeMin = 0, pixelSizeMax = 0;
};

/// All shipped sub-model recipes.
const std::vector<SubModelRecipe>& subModelRecipes();
/// The recipe with this name; throws std::invalid_argument listing the known names.
const SubModelRecipe& subModelRecipe(const std::string& name);

/// Random imaging conditions for training and testing: dose 3e4..2e6 e/A^2 (log-uniform), pixel size
/// and probe within +-30% of the preset's, random rotation, small strain, drift and jitter.
SimulationParams randomImagingConditions(const std::string& preset, int size, std::uint64_t seed,
                                         Random& rng);

/// A labelled training graph from a simulation: nodes at the truth positions of frame 0 plus Gaussian
/// position noise of `positionNoise` bond lengths (what a detector leaves), empty sites as flagged
/// empty nodes, a Delaunay graph, node features from the image, labels from the recipe (rings labelled
/// hexagon / non-hexagon for graph-level recipes).
EgnnInput makeTrainingGraph(const SubModelRecipe& recipe, const SimulationResult& simulation, Random& rng,
                            double positionNoise = 0.03);

} // namespace atomlens
