#include "core/nn/FineTunedModel.h"

#include <ctime>
#include <filesystem>

namespace atomlens {

FineTuneRecord fineTuneRecord(const FewShotResult& result) {
    FineTuneRecord r;
    r.epochs = result.report.epochs;
    r.labelCount = result.labelCount;
    r.crossValidatedAccuracy = result.crossValidatedAccuracy;
    r.folds = result.folds;
    r.trainAccuracy = result.report.trainAccuracy;
    r.heldOutEce = result.heldOutEce;
    r.heldOutEceCalibrated = result.heldOutEceCalibrated;
    r.accuracyOnLabels = r.crossValidatedAccuracy >= 0 ? r.crossValidatedAccuracy : r.trainAccuracy;
    r.accuracyNote = r.crossValidatedAccuracy >= 0 ? "cross-validated" : "on the training labels";
    return r;
}

ModelCard fineTunedModelCard(const FineTuneRecord& record) {
    ModelCard card;
    card.name = record.name;
    card.description = record.description;
    card.training.command = record.command;
    card.training.seed = record.seed;
    card.training.data = record.data;
    card.training.epochs = record.epochs;
    card.training.steps = record.epochs; // one optimiser step per epoch (one labelled graph)
    card.training.optimiser =
        record.epochs > 0
            ? "AdamW lr 0.01 weight decay 5e-4, weighted cross-entropy on the labelled nodes"
            : "no optimiser step: the head is fitted in closed form to the base model's answers (head "
              "transfer); feature alignment and the sublattice-contrast term, when used, are in the "
              "architecture section (feature_reference, contrast_centres, contrast_weight)";
    if (record.crossValidatedAccuracy >= 0)
        card.metrics.push_back({"cross-validated accuracy on the labels", record.crossValidatedAccuracy,
                                std::to_string(record.folds) + "-fold, stratified"});
    if (record.heldOutEce >= 0) {
        card.calibration.method = "temperature fitted on the " + std::to_string(record.folds) +
                                  " cross-validation folds' held-out predictions (NLL, log-normal prior on "
                                  "T with sigma 0.5)";
        card.metrics.push_back({"expected calibration error on the held-out folds, calibrated",
                                record.heldOutEceCalibrated,
                                "uncalibrated " + std::to_string(record.heldOutEce) + "; " +
                                    std::to_string(record.labelCount) + " labels, 10 bins"});
    }
    if (record.trainAccuracy >= 0)
        card.metrics.push_back({"training accuracy on the labels", record.trainAccuracy, ""});
    if (record.accuracyOnLabels >= 0)
        card.metrics.push_back({"accuracy on the labels", record.accuracyOnLabels, record.accuracyNote});
    char date[16];
    const std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
    card.created = date;
    return card;
}

std::string saveFineTunedModel(const EgnnModel& model, const GraphSettings& graphSettings,
                               const FineTuneRecord& record, const std::string& folder) {
    namespace fs = std::filesystem;
    fs::create_directories(folder);
    ModelCard card = fineTunedModelCard(record);
    model.saveWeights(card, (fs::path(folder) / (record.name + ".pt")).string());
    card.inputs.atoms = record.atoms;         // the atoms the labels were placed on
    recordGraphSettings(card, graphSettings); // the graph the labels were placed on
    const std::string path = (fs::path(folder) / (record.name + ".yaml")).string();
    saveModelCard(card, path);
    return path;
}

} // namespace atomlens
