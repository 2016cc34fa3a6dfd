#pragma once
#include "core/data/Micrograph.h"

#include <string>

namespace atomlens {

/// Writes all frames as a float32 multi-page TIFF with ImageJ calibration tags (unit, pixel size,
/// frame interval), atomically (temporary file, then rename). Throws InputError on failure.
void writeTiff(const Micrograph& micrograph, const std::string& path);

} // namespace atomlens
