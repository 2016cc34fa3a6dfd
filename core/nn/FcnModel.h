#pragma once
#include "core/data/Image.h"
#include "core/job/JobContext.h"
#include "core/nn/ModelCard.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace atomlens {

/// Shape of the atom-finding FCN: a three-level U-Net (two 3x3 conv + batch norm + ReLU per level,
/// max-pool down, nearest-neighbour up with skip connections, 1x1 head with one logit per class).
struct FcnArchitecture {
    int baseChannels = 16; ///< channels of the first level; doubled per level
    int classes = 1;       ///< output maps (1 = "atom")
};

/// How inference splits a frame: square tiles of `tileSize` px (a multiple of 4) read with `margin`
/// px of context on each side, which is discarded. The margin covers the receptive field, so tiled
/// and whole-image results agree. tileSize 0 runs the whole frame at once.
struct FcnTiling {
    int tileSize = 512;
    int margin = 32;
};

/// The FCN with its weights, on the fastest device (CUDA when available, else CPU). The LibTorch
/// module is hidden behind a pimpl so that only core/nn/*.cpp compile against torch.
class FcnModel {
public:
    /// A freshly initialised network (for training), weights drawn with `seed`.
    FcnModel(FcnArchitecture architecture, std::uint64_t seed);
    ~FcnModel();
    FcnModel(FcnModel&&) noexcept;
    FcnModel& operator=(FcnModel&&) noexcept;

    /// Loads the weights a validated card names (kind fcn). Throws InputError naming the weights file
    /// when it cannot be read or does not fit the card's architecture.
    static FcnModel load(const ModelCard& card);

    /// Writes the weights (torch::save of the module) atomically.
    void save(const std::string& weightsPath) const;

    const FcnArchitecture& architecture() const;
    std::int64_t parameterCount() const;
    /// "cuda" or "cpu".
    std::string deviceName() const;

    /// Per-class probability maps (sigmoid of the logits) for an image already passed through
    /// normaliseForFcn. Reports progress per tile and checks for cancellation between tiles.
    std::vector<Image> probabilities(const Image& normalised, const FcnTiling& tiling = {},
                                     JobContext& job = nullJobContext()) const;

    struct Impl;
    /// The LibTorch side, for the training code in core/nn (opaque elsewhere).
    Impl& impl() { return *m_impl; }

private:
    explicit FcnModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace atomlens
