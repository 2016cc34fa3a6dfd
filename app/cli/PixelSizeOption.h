#pragma once
#include "app/cli/CliArgs.h"
#include "core/data/Micrograph.h"

#include <string>

namespace atomlens::cli {

/// Applies `--pixel-size S [--unit U]` (U a length unit, default nm; both valued options of the command) to a
/// micrograph read from a file (an uncalibrated JPEG, PNG or TIFF, or a file whose calibration is wrong) and
/// says so on stderr. Throws std::invalid_argument for a size that is not a positive finite number or a unit
/// that is not a length, and for --unit without
/// --pixel-size.
void applyPixelSizeOption(const CliArgs& args, Micrograph& micrograph);

} // namespace atomlens::cli
