#pragma once
#include "core/data/Micrograph.h"

#include <string>

namespace atomlens {

/// The JSON that `atomlens-cli info` prints: file, format, frames, width, height, dtype, pixel size and
/// unit (x and y), origin, frame axis, signals, per-frame-0 statistics and key instrument metadata.
std::string micrographInfoJson(const Micrograph& micrograph, int indent = 2);

} // namespace atomlens
