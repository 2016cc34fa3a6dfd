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
    /// Train only the head (EgnnTrainOptions::headOnly).
    bool headOnly = false;
    /// Self-training rounds: after fitting the labels, unlabelled nodes of the same graphs that the model
    /// classifies with at least `pseudoConfidence` get that class as a label and the model is
    /// fitted again from its starting point; the user's labels are never overridden.
    int pseudoLabelRounds = 0;
    double pseudoConfidence = 0.95;
    /// Fit a calibration temperature on the cross-validation folds' held-out predictions (needs
    /// crossValidate) and set it on the result's model.
    bool calibrate = true;
    /// Class priors of the labelled images, not of the label set: a handful of labels per class says
    /// nothing about how common each class is (5 vacancies among 500 columns). After fitting, the
    /// priors are estimated from the model's answers on every node of the labelled graphs by EM
    /// (Saerens, Latinne & Decaestecker 2002) and the logits shifted accordingly.
    bool adaptPriors = false; ///< on in fewShotDefaults()
    /// Align every later image's node features to the labelled images' (EgnnModel::setFeatureReference).
    bool alignFeatures = false; ///< on in fewShotDefaults()
    /// Weight of the sublattice-contrast term (EgnnModel::setSublatticeContrast); its class centres are
    /// the median contrast of each class's labelled nodes. 0 = off.
    double sublatticeContrast = 0; ///< 32 in fewShotDefaults()
    /// Model selection by cross-validation: when the base model answers in the same classes and gets
    /// at least as many of the labels right as the fine-tuned folds do on their held-out labels,
    /// fine-tuning is not worth it on these labels and the result is the base model
    /// (FewShotResult::keptBase; a tie keeps the unchanged model).
    bool keepBaseWhenBetter = false; ///< on in fewShotDefaults()
    /// (epoch, loss, accuracy on the labels) after every epoch; return false to stop.
    std::function<bool(int, double, double)> progress;
    /// (fold from 0, epoch, loss, accuracy on the fold's training labels) after every epoch of a
    /// cross-validation fold, so that a live plot is not empty until the final fit; false stops.
    std::function<bool(int, int, double, double)> foldProgress;
};

/// The recipe `atomlens-cli finetune` and the real-data bench use: head transfer (the base model's
/// answers folded onto the label classes), feature alignment and calibration, with no optimiser step
/// and no prior correction (FewShotOptions{} keeps the earlier recipe: 120 steps, no alignment, no prior
/// correction; from scratch at least one step is needed). On real MoS2 (bench real, set
/// mos2-smov-fewshot, chosen on the even-numbered images) every step fitted the 15 labels too closely
/// and the EM prior correction moved the S/V boundary too far toward S: vacancy F1 0.590 -> 0.651 on the
/// even-numbered test images, 0.469 -> 0.514 on the odd (held out) ones (BENCHMARKS.md, few-shot).
/// Since the eighth session also the sublattice-contrast term (weight 32, chosen among 8/16/32/64 on
/// the even-numbered images): an S vacancy is about half as bright as the S2 columns around it on every
/// real image, whatever their absolute level; vacancy F1 0.651 -> 0.719 even, 0.514 -> 0.592 odd.
FewShotOptions fewShotDefaults();

struct FewShotResult {
    EgnnModel model;
    double crossValidatedAccuracy = -1; ///< held-out accuracy over the folds (-1 when not run)
    int folds = 0;
    std::size_t labelCount = 0;
    double trainSeconds = 0; ///< the final fine-tuning alone
    double temperature = 1;  ///< calibration temperature set on the model (1 = not calibrated)
    /// Expected calibration error of the held-out fold predictions before / after calibration (-1 = none).
    double heldOutEce = -1, heldOutEceCalibrated = -1;
    /// adaptPriors: the class priors assumed by training (from the label counts) and those estimated
    /// on the labelled images (empty when not run).
    std::vector<double> trainingPriors, imagePriors;
    EgnnTrainReport report;
    /// The base model's accuracy on all the labels (-1 when not compared), and whether the result is the
    /// base model because it was better than fine-tuning (keepBaseWhenBetter).
    double baseAccuracy = -1;
    bool keptBase = false;
};

/// Held-out predictions for calibration: per item the class probabilities and the true class.
struct CalibrationSet {
    int classCount = 0;
    std::vector<float> probabilities; ///< items x classCount
    std::vector<int> labels;
    std::size_t size() const { return labels.size(); }
};

/// The temperature T minimising the negative log-likelihood of softmax(log p / T) on the set plus a
/// log-normal prior on T (median 1, sigma 0.5), so a handful of held-out items moves T only as far as
/// they show. Grid search over 0.05..20; 1 for an empty set.
double fitTemperature(const CalibrationSet& set);

/// Expected calibration error (10 equal-width confidence bins) of probabilities scaled by 1/T.
double expectedCalibrationError(const CalibrationSet& set, double temperature = 1);

/// Model selection of fineTune: true when the folds' held-out accuracy beats the base model's accuracy
/// on the same `labels` items by more than one binomial standard error of the latter, sqrt(b (1 - b) /
/// labels). A smaller difference is a tie (a handful of labels, one item apart: noise, not evidence),
/// and a tie keeps the unchanged base model.
bool foldsBeatBase(double foldAccuracy, double baseAccuracy, std::size_t labels);

/// Adapts `base` (or trains from scratch when base is null) to `classes` on labelled graphs (labels in
/// EgnnInput::labels). When the class names equal the base's, its head is kept; otherwise the body is
/// kept and a new head is trained. The base model is never changed. Cross-validation trains a copy per
/// fold on the other folds' labels and scores the held-out fold (stratified by class).
FewShotResult fineTune(const EgnnModel* base, const std::vector<std::string>& classes,
                       const std::vector<EgnnInput>& labelled, const FewShotOptions& options,
                       JobContext& job);

} // namespace atomlens
