#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace atomlens {

/// What a network reads: the input channels, how pixels are normalised and the calibration range it
/// was trained for (outside it, results are extrapolation).
struct ModelInputs {
    std::string description;   ///< e.g. "one HAADF frame" or "3x3 intensities + positions per atom"
    std::string normalisation; ///< e.g. "per image: (v - p1) / (p99.5 - p1)"
    int channels = 1;          ///< input channels (FCN) or node features (EGNN)
    double pixelSizeMin = 0;   ///< smallest pixel size trained for, angstrom (0 = any)
    double pixelSizeMax = 0;   ///< largest pixel size trained for, angstrom (0 = any)
    /// Where the atoms it classifies come from (EGNN): "" = the default detector, "graphene" = the
    /// graphene dopant analysis (completed honeycomb). See detectForModel.
    std::string atoms;
};

/// How a model was made: the one command that reproduces it and what that command did.
struct ModelTraining {
    std::string command; ///< exact command line (reproduces the weights bit-for-bit on the same build)
    std::uint64_t seed = 0;
    std::string data;      ///< data recipe (presets, doses, pixel sizes, augmentation)
    int epochs = 0;        ///< passes over the generated training set
    int steps = 0;         ///< optimiser steps in total
    std::string optimiser; ///< e.g. "Adam lr 2e-3, cosine decay"
};

/// One measured number (accuracy, F1 of a class, ...), with what it was measured on.
struct ModelMetric {
    std::string name; ///< e.g. "F1 Mo, simulated MoS2 dose 1e4"
    double value = 0;
    std::string note;
};

/// How a model's class probabilities are calibrated: softmax(logits / temperature), the temperature
/// fitted on held-out predictions (e.g. the cross-validation folds of a fine-tuning run).
struct ModelCalibration {
    double temperature = 1; ///< 1 = the network's own probabilities
    std::string method;     ///< how it was fitted ("" = not calibrated)
};

/// A shipped or fine-tuned sub-model's identity card (models/<name>.yaml beside <name>.pt). Every
/// network AtomLens runs is described by one, so results can be traced to how the model was made.
struct ModelCard {
    std::string name;
    std::string kind; ///< "fcn" or "egnn"
    std::string description;
    ModelInputs inputs;
    std::vector<std::string> classes;
    std::int64_t parameterCount = 0;
    std::string weights;            ///< weights file name, relative to the card's folder
    std::uint64_t weightsBytes = 0; ///< size of the weights file
    std::string weightsChecksum;    ///< FNV-1a 64 of the weights file, 16 hex digits
    /// Network hyper-parameters the loader needs (e.g. "base_channels": "16"), as text.
    std::map<std::string, std::string> architecture;
    ModelTraining training;
    ModelCalibration calibration;
    /// Parameters of the lattice graph the model was trained on (GraphParams / LatticeParams keys, as
    /// text): the same are used when it is applied. Empty = the defaults (cards older than this field).
    std::map<std::string, std::string> graphParams, latticeParams;
    std::vector<ModelMetric> metrics;
    std::string created; ///< ISO date (YYYY-MM-DD)

    std::string cardPath; ///< where it was loaded from (not stored in the file)

    /// Absolute or card-relative path of the weights file.
    std::string weightsPath() const;
    /// An architecture value as an integer; throws InputError naming the card when absent or bad.
    int architectureInt(const std::string& key) const;
};

/// Reads and validates a card: every required field present and typed, kind known, weights file
/// present with the recorded size and checksum. Throws InputError naming the file and the problem.
ModelCard loadModelCard(const std::string& path);

/// Writes a card as YAML atomically (cardPath is ignored; `path` is used).
void saveModelCard(const ModelCard& card, const std::string& path);

/// FNV-1a 64-bit checksum of a file as 16 hex digits (InputError when it cannot be read).
std::string fileChecksum(const std::string& path);

/// Records the weights file's size and checksum in the card (call after writing the weights).
void stampWeights(ModelCard& card, const std::string& weightsPath);

/// Folders searched for shipped models, in order: $ATOMLENS_MODELS, then dataSearchCandidates("models")
/// (core/data/DataPaths.h: $ATOMLENS_DATA_DIR, <exe dir>/../share/atomlens/models, a build tree's
/// share/atomlens, the XDG data folders). No source-tree path is compiled in.
std::vector<std::string> modelSearchPaths();

/// The card path for a model given as a card path (.yaml), a model folder (holding one card, or
/// <folder>/<folder name>.yaml) or a shipped model name looked up in modelSearchPaths(). Throws
/// InputError saying where it looked when nothing matches.
std::string resolveModel(const std::string& nameOrPath);

/// resolveModel + loadModelCard.
ModelCard loadModel(const std::string& nameOrPath);

} // namespace atomlens
