#pragma once
#include "core/io/ByteSource.h"
#include "core/io/MicrographReader.h"

namespace atomlens {

/// MRC / MRC2014 (CCP-EM): modes 0 (int8), 1 (int16), 2 (float32), 3 and 4 (complex), 6 (uint16),
/// 12 (float16); nz sections become frames. The pixel size comes from the FEI1/FEI2 extended
/// header when present (metres, per frame), else from cell size / grid (Å); stored in nm. The FEI
/// extended header's voltage, magnification and time go into the metadata (HyperSpy 1.7 fails on
/// such files).
FormatReader mrcFormatReader();
Micrograph readMrc(const std::string& path, const ReadOptions& options = {});
Micrograph readMrc(ByteSource& source, const ReadOptions& options = {});

} // namespace atomlens
