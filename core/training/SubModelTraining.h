#pragma once
#include "core/job/JobContext.h"
#include "core/nn/EgnnModel.h"
#include "core/training/SubModelRecipes.h"

#include <string>
#include <vector>

namespace atomlens {

/// Precision, recall and F1 of one class.
struct ClassMetrics {
    std::string name;
    double precision = 0, recall = 0, f1 = 0;
    std::size_t support = 0; ///< items whose true class it is
};

/// Accuracy and per-class metrics of predictions against true labels (-1 labels are skipped).
struct ClassificationMetrics {
    double accuracy = 0;
    std::size_t items = 0;
    std::vector<ClassMetrics> perClass;
    /// confusion[t][p]: items of true class t predicted as class p.
    std::vector<std::vector<std::size_t>> confusion;
    const ClassMetrics& of(const std::string& name) const;
};
ClassificationMetrics classificationMetrics(const std::vector<std::string>& classes,
                                            const std::vector<std::int64_t>& truth,
                                            const std::vector<int>& predicted);

/// How a shipped sub-model is trained (the defaults are what models/ was made with).
struct SubModelTrainingOptions {
    int trainImages = 32;
    int testImages = 8;
    int imageSize = 256;
    int epochs = 80;
    std::uint64_t seed = 1;
    int threads = 2;
    /// Where training graphs come from: "detected" (the pipeline's graph: classical detection, lattice
    /// graph with empty ideal sites, nodes labelled by matching to truth), "truth" (truth positions plus
    /// 3 % bond noise) or "mixed" (every fourth image from truth, the rest detected).
    std::string graphs = "detected";
    bool augment = true;           ///< contrast, blur and JPEG on training images (augmentImaging)
    double clipGradNorm = 0;       ///< EgnnTrainOptions::clipGradNorm (0 = off)
    bool cosineDecay = false;      ///< EgnnTrainOptions::cosineDecay
    int hidden = 0;                ///< EGNN width; 0 = the recipe's
    double classWeightPower = 0.5; ///< EgnnTrainOptions::classWeightPower
    /// Epochs on truth graphs of the same training images before the main epochs (0 = none).
    int pretrainTruthEpochs = 0;
    double learningRate = 0.01; ///< of the main epochs (truth-graph pretraining uses 0.01)
    double edgeReach = 0;       ///< EgnnArchitecture::edgeReach (0 = the lattice graph's edges)
};

struct TrainedSubModel {
    EgnnModel model;
    EgnnTrainReport report;
    ClassificationMetrics heldOut; ///< on simulated images with seeds never used in training
};

/// The labelled graphs of `count` random simulated images for a recipe; image i uses seed base + i.
/// `graphs` as in SubModelTrainingOptions; `augment` applies augmentImaging. Images where detection
/// finds nothing labelled are left out.
std::vector<EgnnInput> makeRecipeGraphs(const SubModelRecipe& recipe, int count, int size,
                                        std::uint64_t seedBase, JobContext& job,
                                        const std::string& graphs = "detected", bool augment = false);

/// Trains a recipe's model on simulated images (seeds 1000 s + i) and measures it on held-out images
/// (seeds 1000 s + 500 + i, other doses, strains, pixel sizes) through the whole pipeline (detected
/// graphs, no extra augmentation: the conditions of `atomlens-cli bench egnn`).
TrainedSubModel trainSubModel(const SubModelRecipe& recipe, const SubModelTrainingOptions& options,
                              JobContext& job);

/// A model's metrics on labelled graphs (node labels, or ring labels for graph-level models).
ClassificationMetrics evaluateOnGraphs(const EgnnModel& model, const std::vector<EgnnInput>& graphs,
                                       const std::vector<std::string>& classes, bool graphLevel);

/// Writes <folder>/<name>.pt and <folder>/<name>.yaml (card with recipe, the reproducing command and
/// the held-out metrics).
void writeSubModel(const TrainedSubModel& trained, const SubModelRecipe& recipe,
                   const SubModelTrainingOptions& options, const std::string& folder,
                   const std::string& command);

} // namespace atomlens
