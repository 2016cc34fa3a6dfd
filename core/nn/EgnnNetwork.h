#pragma once
// Private to core/nn: includes LibTorch. Other folders use EgnnModel.h.
#include <torch/torch.h>

namespace atomlens {

/// One E(n)-equivariant layer (Satorras, Hoogeboom & Welling 2021) in 2-D with attention and a residual:
///   m_ij = phi_e(h_i, h_j, |x_i - x_j|^2),  a_ij = sigmoid(w . m_ij)
///   h_i' = h_i + phi_h(h_i, sum_j a_ij m_ij)
///   x_i' = x_i + mean_j (x_i - x_j) phi_x(m_ij)          (optional)
/// Messages see coordinates only through squared distances, so h is invariant and x equivariant under
/// rotations, reflections and translations.
struct EgnnLayerImpl : torch::nn::Module {
    EgnnLayerImpl(int hidden, bool updateCoordinates);
    /// h: [N, H], x: [N, 2], source/target: [E] (message from source to target). Returns (h', x').
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& h, const torch::Tensor& x,
                                                    const torch::Tensor& source, const torch::Tensor& target,
                                                    const torch::Tensor& inverseDegree);
    torch::nn::Sequential edgeMlp{nullptr}, nodeMlp{nullptr}, coordinateMlp{nullptr};
    torch::nn::Linear attention{nullptr};
    bool updatesCoordinates = false;
};
TORCH_MODULE(EgnnLayer);

/// The whole sub-model: feature embedding, a few EGNN layers, and a classification head applied per
/// node or to the mean of a group's node embeddings (rings).
struct EgnnNetworkImpl : torch::nn::Module {
    EgnnNetworkImpl(int features, int hidden, int layers, int classes, bool updateCoordinates);
    /// Per-node embeddings after the last layer: [N, H].
    torch::Tensor embed(const torch::Tensor& features, const torch::Tensor& x, const torch::Tensor& source,
                        const torch::Tensor& target);
    /// Logits per node [N, C].
    torch::Tensor forwardNodes(const torch::Tensor& features, const torch::Tensor& x,
                               const torch::Tensor& source, const torch::Tensor& target);
    /// Logits per group [G, C]; groupIndex maps each member entry to its group, members are node indices.
    torch::Tensor forwardGroups(const torch::Tensor& features, const torch::Tensor& x,
                                const torch::Tensor& source, const torch::Tensor& target,
                                const torch::Tensor& members, const torch::Tensor& groupIndex,
                                std::int64_t groupCount);
    /// Replaces the last layer with one of `classes` outputs (fine-tuning to new class names).
    void resetHead(int classes);

    torch::nn::Linear embedding{nullptr};
    torch::nn::ModuleList layers{nullptr};
    torch::nn::Linear headHidden{nullptr}, headOut{nullptr};
    int hiddenSize = 0;
};
TORCH_MODULE(EgnnNetwork);

/// The device networks run on: the process-wide DeviceChoice (core/nn/ComputeDevice.h); for Auto, CUDA
/// when this LibTorch has it and a GPU is present, else the CPU. Defined in ComputeDevice.cpp.
torch::Device preferredDevice();

} // namespace atomlens
