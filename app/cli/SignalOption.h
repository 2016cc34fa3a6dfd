#pragma once
#include "app/cli/CliArgs.h"
#include "core/data/Micrograph.h"

#include <string>

namespace atomlens::cli {

/// Reads an input image honouring `--signal S` (a valued option of the command): S is the index or the
/// name (case-insensitive) of one image signal of a multi-signal file (a Velox EMD with HAADF, DF and
/// EDS maps; a DM file with several images), as `atomlens-cli info FILE` lists them under "signals".
/// Without --signal the reader's default is used (HAADF where there is one). Then applies
/// `--pixel-size`/`--unit` (applyPixelSizeOption). Throws InputError naming the file for a signal it
/// does not hold, listing the ones it does.
Micrograph readInputMicrograph(const CliArgs& args, const std::string& path);

} // namespace atomlens::cli
