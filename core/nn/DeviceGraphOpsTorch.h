#pragma once
// The tensor versions behind core/nn/DeviceGraphOps.h (nn-internal: includes LibTorch; only nn .cpp
// files include it).
#include "core/nn/DeviceGraphOps.h"

#include <torch/torch.h>

namespace atomlens {

/// True when the tensor versions should be used for a network on this device.
bool useDeviceGraphOps(const torch::Device& device);

/// Every ordered pair (j -> i) of distinct points within `reach` of each other, from an n x 2 tensor of
/// positions (any device; computed there in blocks of rows, so memory stays at a block x n). The same set
/// as the k-d tree version; edges ordered by target, then source.
void radiusEdgesOnDevice(const torch::Tensor& xy, double reach, torch::Tensor& source, torch::Tensor& target);

/// computeNodeFeatures (core/nn/NodeFeatures.h) computed with tensors on `device`: the same bilinear
/// samples, ring statistics, Gaussian-weighted disc and per-image normalisation, in double precision.
std::vector<float> computeNodeFeaturesOnDevice(const Image& image, const std::vector<double>& x,
                                               const std::vector<double>& y, double bondLength,
                                               const torch::Device& device);

} // namespace atomlens
