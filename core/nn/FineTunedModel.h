#pragma once
#include "core/nn/EgnnModel.h"
#include "core/nn/FewShot.h"
#include "core/nn/GraphSettings.h"
#include "core/nn/ModelCard.h"

#include <cstdint>
#include <string>

namespace atomlens {

/// What a fine-tuned model's card says about how it was made and how good it is. The CLI `finetune`
/// and the GUI's "Save fine-tuned model" fill it; fineTunedModelCard() turns it into the card.
struct FineTuneRecord {
    std::string name;        ///< model name (and file stem)
    std::string description; ///< one line: from which base, on how many labels of which image
    std::string command;     ///< the command (or GUI action) that made it
    std::string data;        ///< the labels it was trained on
    std::string atoms;       ///< the base model's atom source (ModelInputs::atoms), kept by the new model
    std::uint64_t seed = 0;
    int epochs = 0;
    std::size_t labelCount = 0;
    double crossValidatedAccuracy = -1; ///< -1 = not run
    int folds = 0;
    double trainAccuracy = -1; ///< -1 = unknown
    double heldOutEce = -1, heldOutEceCalibrated = -1;
    /// "accuracy on the labels", the number the GUI shows and reads back (-1 = none): cross-validated
    /// when run, else on the training labels; accuracyNote says which.
    double accuracyOnLabels = -1;
    std::string accuracyNote;
};

/// A record with every number of a fine-tuning result (name, description, command and data left to the
/// caller).
FineTuneRecord fineTuneRecord(const FewShotResult& result);

/// The card of a fine-tuned model (training section, metrics, calibration method, creation date).
/// The weights' own sections (classes, architecture, graph settings, checksum) are added by saving.
ModelCard fineTunedModelCard(const FineTuneRecord& record);

/// Writes a fine-tuned model as FOLDER/NAME.pt and FOLDER/NAME.yaml (folder created when absent) and
/// returns the card's path. The card records `graphSettings`: the graph the labels were placed on, so
/// the model is applied through the same graph. Throws InputError naming a file it cannot write.
std::string saveFineTunedModel(const EgnnModel& model, const GraphSettings& graphSettings,
                               const FineTuneRecord& record, const std::string& folder);

} // namespace atomlens
