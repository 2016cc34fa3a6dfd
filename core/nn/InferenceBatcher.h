#pragma once
#include "core/nn/EgnnInput.h"

#include <cstddef>

namespace atomlens {

class EgnnModel;

/// Batched inference across images: when several threads (batch workers, each on its own micrograph)
/// classify with the same sub-model at about the same time, their graphs go through the network in one
/// forward pass (EgnnModel::predictBatch) instead of one pass each. The first caller waits up to
/// `window` milliseconds for others (or until `maxGraphs` have arrived), runs the pass and hands every
/// caller its own prediction, identical to EgnnModel::predict of its graph alone. On by default when
/// the model runs on a GPU, where one large pass costs about what a small one does; off on the CPU,
/// where it only adds waiting (force it with setMode(Mode::On) for tests and benchmarks).
class InferenceBatcher {
public:
    enum class Mode { Auto, On, Off };
    struct Stats {
        std::size_t graphs = 0;  ///< graphs predicted through the batcher
        std::size_t passes = 0;  ///< forward passes they took
        std::size_t largest = 0; ///< most graphs in one pass
    };

    /// The program's batcher.
    static InferenceBatcher& instance();

    /// model.predict(input), batched with other threads' calls for the same model when batching is on.
    EgnnPrediction predict(const EgnnModel& model, const EgnnInput& input);

    void setMode(Mode mode);
    Mode mode() const;
    /// How long the first caller waits for others, ms (default 20).
    void setWindow(double milliseconds);
    /// Most graphs in one pass (default 16).
    void setMaxGraphs(std::size_t graphs);
    Stats stats() const;
    void resetStats();

private:
    InferenceBatcher();
    ~InferenceBatcher();
    struct Impl;
    Impl* m_impl;
};

} // namespace atomlens
