#pragma once
#include "core/job/JobContext.h"
#include "core/nn/FcnModel.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// Everything that defines one FCN training run; the same values and build give the same weights.
struct FcnTrainingParams {
    std::uint64_t seed = 1;
    int samples = 1536; ///< synthetic patches generated once (makeTrainingSample)
    int patchSize = 96; ///< square patch side, px (multiple of 4)
    int epochs = 8;     ///< passes over the patches (each batch gets a random flip / quarter turn)
    int batchSize = 8;
    double learningRate = 2e-3; ///< Adam, cosine decay to 5 % of it
    double weightDecay = 1e-5;
    int threads = 2; ///< data-generation threads (LibTorch threads: setTorchThreads, once per program)
    /// "mixed" (makeTrainingSample: lattices and simple single atoms) or "single-atoms"
    /// (realisticSingleAtomScene only: heavy atoms and clusters on amorphous carbon, scan artefacts)
    std::string scenes = "mixed";
};

/// What a training run did.
struct FcnTrainingReport {
    int steps = 0;
    double seconds = 0;
    std::vector<double> epochLoss; ///< mean loss (BCE + Dice) per epoch
};

/// Trains `model` in place on synthetic scenes (see FcnScenes.h) with BCE + soft Dice loss, then
/// leaves it in evaluation mode. Progress per step; cancellable between steps.
FcnTrainingReport trainFcn(FcnModel& model, const FcnTrainingParams& params,
                           JobContext& job = nullJobContext());

} // namespace atomlens
