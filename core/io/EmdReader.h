#pragma once
#include "core/io/MicrographReader.h"

namespace atomlens {

class Hdf5File;

/// EMD files (HDF5, read with the HDF5 C library): Thermo Fisher Velox EMD (versions up to 11:
/// images, image stacks, and the images of spectrum-image files, HAADF first; spectra and the
/// spectrum stream are listed but not loaded) and Berkeley/NCEM EMD 0.2 (including prismatic and
/// py4DSTEM output; 3-D data become frames along their last axis, 1-D and 4-D data are refused
/// with a message saying what they are). Only the frames read are loaded.
FormatReader emdFormatReader();
Micrograph readEmd(const std::string& path, const ReadOptions& options = {});

/// The two flavours, for tests (the caller holds hdf5Mutex()).
Micrograph readVeloxEmd(const Hdf5File& file, const ReadOptions& options);
Micrograph readBerkeleyEmd(const Hdf5File& file, const ReadOptions& options);

} // namespace atomlens
