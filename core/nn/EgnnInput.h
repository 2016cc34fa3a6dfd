#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// One whole micrograph's graph as an EGNN reads it, torch-free so that data preparation, the GUI and
/// tests never need LibTorch headers. All nodes are classified in one batched pass.
struct EgnnInput {
    std::size_t nodeCount = 0;
    int featureCount = 0;
    std::vector<float> features;          ///< nodeCount x featureCount, row-major, rotation-invariant
    std::vector<float> x, y;              ///< node positions in bond lengths, centred on their mean
    std::vector<std::int64_t> edgeSource; ///< directed edges (both directions of every bond)
    std::vector<std::int64_t> edgeTarget;
    std::vector<std::int64_t> labels; ///< per node class index for training, -1 = unlabelled
    /// Graph-level items (rings): item r has nodes groupNodes[groupOffsets[r] .. groupOffsets[r+1]).
    std::vector<std::int64_t> groupOffsets{0};
    std::vector<std::int64_t> groupNodes;
    std::vector<std::int64_t> groupLabels; ///< per item class index, -1 = unlabelled

    std::size_t groupCount() const { return groupOffsets.size() - 1; }
};

/// A model's answer: per item (node, or ring for graph-level models) the probabilities of each class.
struct EgnnPrediction {
    std::size_t itemCount = 0;
    int classCount = 0;
    std::vector<float> probabilities; ///< itemCount x classCount
    /// Index of the most probable class of an item.
    int best(std::size_t item) const;
    float confidence(std::size_t item) const;
};

} // namespace atomlens
