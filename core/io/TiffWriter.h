#pragma once
#include "core/data/Micrograph.h"

#include <functional>
#include <string>

namespace atomlens {

/// Writes all frames as a float32 multi-page TIFF with ImageJ calibration tags (unit, pixel size,
/// frame interval), atomically (temporary file, then rename). Throws InputError on failure.
void writeTiff(const Micrograph& micrograph, const std::string& path);

/// Writes to `path` through a temporary file in the same folder, renamed over `path` once `write`
/// returned: a crash or a full disk never leaves a half-written file in place of a good one.
void writeFileAtomically(const std::string& path,
                         const std::function<void(const std::string& tmpPath)>& write);

} // namespace atomlens
