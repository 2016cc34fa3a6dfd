#pragma once
#include "core/data/Image.h"
#include "core/job/JobContext.h"
#include "core/nn/FcnInput.h"
#include "core/nn/FcnModel.h"
#include "core/nn/ModelCard.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// One of the user's images with the atoms they marked (pixels, pixel-centre convention).
struct FcnLabelledImage {
    Image image;               ///< raw pixels (normalised like every FCN input)
    std::vector<Point2> atoms; ///< every atom in the image (unmarked atoms teach "no atom")
    std::string name;          ///< for messages
};

/// Few-shot fine-tuning of a detector: a short run at a low learning rate on random patches of the
/// labelled images (flips and quarter turns, optionally intensity and noise), starting from a trained
/// model.
struct FcnFinetuneParams {
    std::uint64_t seed = 1;
    int steps = 150;    ///< optimiser steps
    int patchSize = 96; ///< square patch side, px (multiple of 4; smaller images use their size)
    int batchSize = 8;
    double learningRate = 5e-4; ///< Adam, cosine decay to 5 % of it
    int threads = 2;            ///< unused: LibTorch threads are set once per program (setTorchThreads)
    /// Intensity augmentation per patch (0 = off, the default): a gain in [0.8, 1.25], an offset in
    /// [-0.1, 0.1] and added Gaussian noise of a standard deviation drawn in [0, augmentNoise] (units of
    /// the normalised input), so that a detector learnt on a few images holds on noisier ones.
    double augmentNoise = 0;
};

struct FcnFinetuneReport {
    int steps = 0;
    double seconds = 0;
    double firstLoss = 0, lastLoss = 0; ///< mean loss of the first and last 10 % of the steps
};

/// Writes a fine-tuned detector as a new model next to nothing else: `outBase`.pt (weights) and
/// `outBase`.yaml (the base card's inputs and architecture, the recipe with seed and steps, the images
/// it learnt from, `metrics`, `command` as the training command); folders are created. Returns the
/// card's path. One writer for `train-detector --finetune` and the GUI's Refine Detector.
std::string saveFinetunedDetector(const FcnModel& model, const ModelCard& baseCard,
                                  const FcnFinetuneParams& params, const FcnFinetuneReport& report,
                                  const std::vector<std::string>& imageNames, const std::string& outBase,
                                  const std::string& command, const std::vector<ModelMetric>& metrics);

/// Adapts `model` in place to the labelled images (BCE + soft Dice on the target discs of
/// atomTargetMask), then leaves it in evaluation mode. InputError when no image is usable (smaller
/// than 16 px or without atoms); cancellable between steps.
FcnFinetuneReport finetuneFcn(FcnModel& model, const std::vector<FcnLabelledImage>& images,
                              const FcnFinetuneParams& params, JobContext& job = nullJobContext());

} // namespace atomlens
