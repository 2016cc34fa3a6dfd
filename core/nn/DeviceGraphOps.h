#pragma once
// Graph preparation on the networks' device, torch-free interface (tests, benches, the CLI). On a GPU
// the node features and the radius edges of the EGNN input are computed there instead of on the CPU;
// on the CPU the k-d tree and the pixel loops are faster, so they stay (Auto).
#include "core/data/Image.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace atomlens {

/// When graph preparation uses the tensor versions: Auto = when the networks run on a GPU; On also on
/// the CPU (tests compare both paths there).
enum class DeviceGraphOpsMode { Auto, On, Off };
void setDeviceGraphOps(DeviceGraphOpsMode mode);
DeviceGraphOpsMode deviceGraphOps();

/// The tensor path's radius edges of points (x, y) on the networks' device: every ordered pair
/// (source j, target i) of distinct points within `reach`, ordered by target, then source.
std::vector<std::pair<std::int64_t, std::int64_t>>
radiusEdgesWithTensors(const std::vector<float>& x, const std::vector<float>& y, double reach);

/// The tensor path's node features (the values of computeNodeFeatures) on the networks' device.
std::vector<float> computeNodeFeaturesWithTensors(const Image& image, const std::vector<double>& x,
                                                  const std::vector<double>& y, double bondLength);

} // namespace atomlens
