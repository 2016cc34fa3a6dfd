#pragma once
#include "core/job/JobContext.h"
#include "core/nn/Classification.h"
#include "core/nn/EgnnModel.h"

#include <functional>
#include <string>
#include <vector>

namespace atomlens {

/// How to fine-tune from a handful of labels.
struct FewShotOptions {
    int epochs = 120; ///< optimiser steps over the labelled graph(s)
    double learningRate = 0.01;
    std::uint64_t seed = 1;
    int folds = 5; ///< cross-validation folds over the labels (fewer when labels are few)
    bool crossValidate = true;
    /// L2-SP pull toward the base model's weights (EgnnTrainOptions::anchor); ignored from scratch.
    double anchor = 0;
    /// Self-training rounds: after fitting the labels, unlabelled nodes of the same graphs that the model
    /// classifies with at least `pseudoConfidence` get that class as a label and the model is
    /// fitted again from its starting point; the user's labels are never overridden.
    int pseudoLabelRounds = 0;
    double pseudoConfidence = 0.95;
    /// (epoch, loss, accuracy on the labels) after every epoch; return false to stop.
    std::function<bool(int, double, double)> progress;
};

struct FewShotResult {
    EgnnModel model;
    double crossValidatedAccuracy = -1; ///< held-out accuracy over the folds (-1 when not run)
    int folds = 0;
    std::size_t labelCount = 0;
    double trainSeconds = 0; ///< the final fine-tuning alone
    EgnnTrainReport report;
};

/// Adapts `base` (or trains from scratch when base is null) to `classes` on labelled graphs (labels in
/// EgnnInput::labels). When the class names equal the base's, its head is kept; otherwise the body is
/// kept and a new head is trained. The base model is never changed. Cross-validation trains a copy per
/// fold on the other folds' labels and scores the held-out fold (stratified by class).
FewShotResult fineTune(const EgnnModel* base, const std::vector<std::string>& classes,
                       const std::vector<EgnnInput>& labelled, const FewShotOptions& options,
                       JobContext& job);

} // namespace atomlens
