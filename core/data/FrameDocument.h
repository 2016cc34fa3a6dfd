#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Labels.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// What one model predicted for some atoms of one frame, computed from one revision of that frame's
/// atoms. Never undoable and never a user decision: it only fills in the class of atoms without a label.
struct PredictionLayer {
    std::string model;          ///< the sub-model (name, card or folder) that predicted
    std::uint64_t revision = 0; ///< the frame's input revision the prediction was computed from
    std::vector<std::string> classNames;
    std::vector<std::uint32_t> ids;     ///< atom ids (rows of the frame's AtomTable)
    std::vector<std::int32_t> classIds; ///< index into classNames, -1 = no class
    std::vector<float> confidences;

    std::size_t size() const { return ids.size(); }
    /// Adds or replaces (same atom id) predictions from a newer layer of the same model.
    void merge(const PredictionLayer& newer);
};

/// One frame of a document: the measured atoms with the user's decisions (flags user-added/moved/
/// reviewed/rejected; a reviewed atom's class is the user's label, the only class undo records) and
/// the prediction layers of background models, keyed by model.
struct FrameDocument {
    AtomTable atoms;
    std::vector<PredictionLayer> predictions; ///< one per model, the newest last
    std::uint64_t revision = 0;               ///< increases with every change of `atoms`

    /// The layer of this model, or null.
    const PredictionLayer* prediction(const std::string& model) const;
    /// Stores a layer: merged into the model's layer (then moved last), else appended.
    void setPrediction(const PredictionLayer& layer);
};

/// True for an atom whose class is a person's decision (reviewed or rejected): no prediction shows there.
inline bool isUserDecision(std::uint32_t flags) {
    return flags & (kFlagUserReviewed | kFlagRejected);
}

/// The atoms as shown: every atom with a label keeps it, every other atom takes the class of the newest
/// prediction layer that covers it, else keeps the class of the table (what a step the user ran gave it).
/// Prediction class names are appended to the result's class list when new.
AtomTable composeShown(const AtomTable& atoms, const std::vector<PredictionLayer>& predictions);

/// The user's labels of a table: every reviewed, not rejected atom with a class.
Labels userLabelsOf(const AtomTable& atoms);

} // namespace atomlens
