#pragma once
#include "core/io/MicrographReader.h"

namespace atomlens {

/// PNG, JPEG and BMP through OpenCV's imgcodecs (8/16-bit; colour is converted to luminance).
/// These formats carry no calibration: the result is in pixels.
FormatReader rasterFormatReader();
Micrograph readRaster(const std::string& path, const ReadOptions& options = {});

} // namespace atomlens
