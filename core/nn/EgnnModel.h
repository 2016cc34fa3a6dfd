#pragma once
#include "core/nn/EgnnInput.h"
#include "core/nn/GraphSettings.h"
#include "core/nn/ModelCard.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace atomlens {

/// Shape of an EGNN sub-model (a few thousand parameters).
struct EgnnArchitecture {
    int features = 9; ///< node features (NodeFeatures.h)
    int hidden = 16;
    int layers = 3;
    bool updateCoordinates = true; ///< equivariant coordinate updates between layers
    bool graphLevel = false;       ///< classify groups (rings) instead of nodes
    /// > 0: message passing over every node pair within this many bond lengths instead of the lattice
    /// graph's edges (1.9 reaches second neighbours: S - S and Mo - Mo in MoS2).
    double edgeReach = 0;
};

/// How to train or fine-tune.
struct EgnnTrainOptions {
    int epochs = 150;           ///< passes over all graphs (one optimiser step per graph)
    double learningRate = 0.01; ///< AdamW, as in the EGNN paper
    double weightDecay = 5e-4;
    /// Cosine decay of the learning rate to 5 % over the epochs (sharper final weights for long runs).
    bool cosineDecay = false;
    /// Pull toward the starting weights (L2-SP: anchor x sum of squared changes) when fine-tuning, so a
    /// handful of labels adapt the model without erasing what it learned; 0 = off.
    double anchor = 0;
    /// Clip the gradient norm of every step to this (0 = off): keeps long runs from diverging.
    double clipGradNorm = 0;
    /// Class weights of the loss ~ (class frequency)^-power: 0.5 = 1/sqrt, 1 = full inverse frequency.
    double classWeightPower = 0.5;
    /// Train only the classification head (the last two layers); the body's weights stay as they are.
    bool headOnly = false;
    std::uint64_t seed = 1;
    double featureNoise = 0.03;   ///< Gaussian noise added to node features while training (augmentation)
    double intensityJitter = 0.1; ///< random per-graph brightness scale (augmentation)
    int threads = 2;              ///< unused: LibTorch threads are set once per program (setTorchThreads)
    /// Called after every epoch with (epoch, loss, training accuracy); return false to stop early.
    std::function<bool(int, double, double)> progress;
};

/// What training measured.
struct EgnnTrainReport {
    int epochs = 0;
    double finalLoss = 0;
    double trainAccuracy = 0;
    double seconds = 0;
    std::vector<double> lossHistory;
};

/// An EGNN sub-model with its class names. LibTorch stays behind this interface (pimpl), so callers
/// (CLI, GUI, task chains) compile without torch headers. Runs on CUDA when available.
class EgnnModel {
public:
    EgnnModel(std::vector<std::string> classes, const EgnnArchitecture& architecture = {},
              std::uint64_t seed = 1);
    EgnnModel(EgnnModel&&) noexcept;
    EgnnModel& operator=(EgnnModel&&) noexcept;
    ~EgnnModel();
    /// A deep copy (same weights).
    EgnnModel clone() const;

    /// Loads the weights a card points to (kind must be "egnn"); throws InputError naming the card.
    static EgnnModel load(const ModelCard& card);
    /// Writes weights as `<folder>/<name>.pt` and fills the card's weights, architecture, classes and
    /// parameter count; the caller adds training and metrics, then saves the card.
    void saveWeights(ModelCard& card, const std::string& weightsPath) const;

    const std::vector<std::string>& classes() const;
    const EgnnArchitecture& architecture() const;
    /// Where it runs: "cuda" or "cpu".
    std::string deviceName() const;
    std::int64_t parameterCount() const;
    /// Replaces the classification head with one for new class names (keeps the learned body).
    void resetClasses(std::vector<std::string> classes);

    /// Replaces the classification head with one for new class names that starts out answering like
    /// the old head folded onto the new classes (node-level models; graph-level ones get a fresh head as
    /// resetClasses). Each old class is shared among the new ones in proportion to the old model's
    /// probabilities on the labelled nodes of each new class (labels index `classes`); the new last
    /// layer is the ridge least-squares fit of log(sum_k share[c][k] p_k) over every node of the graphs.
    /// Few labels then only have to correct the old model, not teach a new head from nothing.
    void transferHead(std::vector<std::string> classes, const std::vector<EgnnInput>& labelled);

    /// Per-image feature alignment (few-shot models): when set, every input's node features are mapped
    /// feature by feature, affinely, so that their 25th and 75th percentiles over the input's nodes
    /// land on the reference values (those of the labelled image), before the network sees them. A
    /// model tuned on one image then reads another image of the series on the same scale even when
    /// contrast, probe or smoothing differ. Stored in the card (architecture.feature_reference).
    /// Empty = off (shipped models).
    const std::vector<float>& featureReference() const;
    void setFeatureReference(std::vector<float> quartiles);
    /// The 25th and 75th percentile of every node feature over the graphs (2 x featureCount values:
    /// all lower quartiles, then all upper ones).
    static std::vector<float> featureQuartiles(const std::vector<EgnnInput>& graphs);

    /// Sublattice-contrast term (node-level models): every node's logit of class c gets
    /// weight x (l mu_c - mu_c^2 / 2), l = sublatticeContrast of the node (its intensity over its own
    /// sublattice's, log), mu_c = centres[c]: a one-feature Gaussian class term with shared spread, so a
    /// class whose labels are dim against their sublattice (a vacancy) gains where a node is, and
    /// classes at mu = 0 are not told apart by it. Empty = off. Stored in the card
    /// (architecture.contrast_centres, contrast_weight).
    void setSublatticeContrast(std::vector<float> centres, double weight);
    const std::vector<float>& sublatticeContrastCentres() const;

    /// Adds shift[c] to the logit of class c (the last layer's bias) for every item alike: with
    /// temperature T this multiplies the odds of class c by exp(shift[c] / T).
    void shiftLogits(const std::vector<double>& shift);

    /// Calibration: predict() returns softmax(logits / temperature) (1 = uncalibrated). Stored in the
    /// card's `calibration` section by saveWeights and read back by load.
    double temperature() const;
    void setTemperature(double temperature);
    /// The lattice-graph parameters this model was trained with (card sections `graph`, `lattice`);
    /// callers build the graphs they classify with them.
    const GraphSettings& graphSettings() const;
    void setGraphSettings(const GraphSettings& settings);

    /// Class probabilities for every node (or every group when graphLevel), in one batched pass.
    EgnnPrediction predict(const EgnnInput& input) const;
    /// The predictions of several graphs (e.g. several images) from one forward pass over their
    /// disjoint union: each graph keeps its own edges and feature alignment, so every prediction equals
    /// predict() of that graph alone. One large pass keeps a GPU busy where many small ones do not.
    std::vector<EgnnPrediction> predictBatch(const std::vector<const EgnnInput*>& inputs) const;
    /// True when the network runs on a CUDA device.
    bool onGpu() const;
    /// Trains on the labelled nodes (or groups) of the graphs, weighted cross-entropy.
    EgnnTrainReport train(const std::vector<EgnnInput>& graphs, const EgnnTrainOptions& options);

private:
    struct Impl;
    explicit EgnnModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Fraction of labelled items (node labels, or group labels for graph-level models) predicted right.
double labelledAccuracy(const EgnnPrediction& prediction, const EgnnInput& input, bool graphLevel);

} // namespace atomlens
