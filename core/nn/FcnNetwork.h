#pragma once
// Internal to core/nn: the LibTorch definition of the FCN. Only core/nn/*.cpp include this header
// (it pulls in torch); everything else uses the torch-free FcnModel.h.
#include "core/nn/FcnModel.h"

#include <torch/torch.h>

namespace atomlens {

/// Two 3x3 convolutions, each followed by batch norm and ReLU.
struct ConvBlockImpl : torch::nn::Module {
    ConvBlockImpl(int in, int out);
    torch::Tensor forward(torch::Tensor x);
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::BatchNorm2d norm1{nullptr}, norm2{nullptr};
};
TORCH_MODULE(ConvBlock);

/// The three-level U-Net; forward returns logits (N, classes, H, W) for input (N, 1, H, W) with H and W
/// multiples of 4.
struct FcnNetImpl : torch::nn::Module {
    explicit FcnNetImpl(const FcnArchitecture& a);
    torch::Tensor forward(torch::Tensor x);
    ConvBlock enc1{nullptr}, enc2{nullptr}, middle{nullptr}, dec2{nullptr}, dec1{nullptr};
    torch::nn::Conv2d head{nullptr};
};
TORCH_MODULE(FcnNet);

struct FcnModel::Impl {
    FcnArchitecture architecture;
    FcnNet net{nullptr};
    torch::Device device{torch::kCPU};
};

} // namespace atomlens
