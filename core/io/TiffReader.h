#pragma once
#include "core/io/MicrographReader.h"

namespace atomlens {

/// TIFF and BigTIFF: 8/16/32/64-bit integer and 32/64-bit float pixels, multi-page stacks, and the
/// calibration written by ImageJ, DigitalMicrograph (private tags 65003..65010) and FEI/Thermo
/// (tag 34682) software.
FormatReader tiffFormatReader();
Micrograph readTiff(const std::string& path, const ReadOptions& options = {});

} // namespace atomlens
