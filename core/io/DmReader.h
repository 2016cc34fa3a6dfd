#pragma once
#include "core/io/ByteSource.h"
#include "core/io/MicrographReader.h"

namespace atomlens {

/// Gatan DigitalMicrograph DM3 and DM4, read by our own parser: every pixel type (int8..int64,
/// uint8..uint64, float32/64, complex64/128, RGB), 2-D images and 3-D stacks, per-axis calibration
/// (scale, offset = -origin x scale, unit) and the whole tag tree under "DigitalMicrograph".
/// Thumbnails are skipped; several images in one file become signals. 1-D spectra, spectrum
/// images and 4-D data are refused with an InputError saying what the file holds.
FormatReader dmFormatReader();
Micrograph readDm(const std::string& path, const ReadOptions& options = {});
/// The same from any byte source (tests and fuzzing use memory).
Micrograph readDm(ByteSource& source, const ReadOptions& options = {});

} // namespace atomlens
