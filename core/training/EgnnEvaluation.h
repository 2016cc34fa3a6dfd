#pragma once
#include "core/job/JobContext.h"
#include "core/nn/EgnnModel.h"
#include "core/nn/FewShot.h"
#include "core/training/SubModelRecipes.h"
#include "core/training/SubModelTraining.h"

#include <vector>

namespace atomlens {

/// True and predicted labels of the items of one or more images, as the whole pipeline sees them.
struct PipelineLabels {
    std::vector<std::int64_t> truth; ///< recipe label of the matched truth column (or ring); -1 = not scored
    std::vector<int> predicted;
    std::size_t unmatchedTruth = 0; ///< truth columns (rings) with no node (ring) within 0.3 bond lengths
    std::size_t unmatchedItems = 0; ///< nodes (rings) with no truth column (ring)
    void append(const PipelineLabels& other);
};

/// The full pipeline on a simulated image: classical detection, lattice graph with empty ideal sites,
/// node features, EGNN; each node (ring) is matched to a truth column (ring, by centroid) within 0.3
/// bond lengths (Hungarian) and scored with the recipe's label.
PipelineLabels evaluatePipeline(const SubModelRecipe& recipe, const EgnnModel& model,
                                const SimulationResult& simulation, JobContext& job = nullJobContext());

/// Conditions of a "new imaging domain" for few-shot tests: coarser pixels, a blurrier probe, more
/// background and read noise than training saw, and a non-linear detector response.
SimulationParams newDomainConditions(std::uint64_t seed, int size);
/// Applies the new domain's detector response (gamma 0.7, gain and offset) to a simulated image.
void applyNewDomainResponse(SimulationResult& simulation);

/// Few-shot on the new domain: `labelsPerClass` labels per species class on one image, fine-tuned from
/// the shipped model and from scratch, each scored on `testImages` other images of the domain.
struct FewShotExperiment {
    double shippedAccuracy = 0; ///< the shipped model as it is, on the test images
    double fromShippedAccuracy = 0;
    double fromScratchAccuracy = 0;
    double fromShippedSeconds = 0, fromScratchSeconds = 0; ///< the fine-tuning alone
    double crossValidated = 0; ///< cross-validated accuracy on the labels (from the shipped model)
    std::size_t labels = 0, testItems = 0;
};
FewShotExperiment runFewShotExperiment(const EgnnModel& shipped, int labelsPerClass, int testImages, int size,
                                       std::uint64_t seed, bool fullPipeline,
                                       JobContext& job = nullJobContext(), FewShotOptions options = {});

} // namespace atomlens
