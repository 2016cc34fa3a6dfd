#pragma once
#include "core/data/Image.h"
#include "core/data/Metadata.h"

#include <string>
#include <vector>

namespace atomlens {

/// Spatial calibration of a micrograph: size of one pixel along x (columns) and y (rows) in `unit`,
/// and the calibrated position of pixel (0,0)'s centre. Uncalibrated images use unit "px", size 1.
struct Calibration {
    double pixelSizeX = 1.0;
    double pixelSizeY = 1.0;
    std::string unit = "px";
    double originX = 0.0;
    double originY = 0.0;

    /// True when the unit is a known length unit (not pixels).
    bool isCalibrated() const;
    /// True for a length or a reciprocal length (an FFT or diffraction image in 1/nm): a scale bar
    /// can be drawn in that unit, though distances between atoms are not lengths.
    bool hasScale() const;
    /// Pixel size along x in the given length unit; throws std::invalid_argument if uncalibrated.
    double pixelSizeXIn(const std::string& targetUnit) const;
    double pixelSizeYIn(const std::string& targetUnit) const;
};

/// The axis along which frames are stacked (time, defocus, tilt, ...).
struct FrameAxis {
    std::string name = "frame";
    double scale = 1.0;
    double offset = 0.0;
    std::string unit;
};

/// One micrograph or a stack of frames of equal size, as read from a file or simulated.
struct Micrograph {
    std::vector<Image> frames; ///< at least one frame for a valid micrograph
    Calibration calibration;
    FrameAxis frameAxis;
    MetadataNode metadata; ///< instrument, detector, acquisition, vendor tags
    std::string sourcePath;
    std::string sourceDtype = "float32"; ///< pixel type in the file ("uint16", "complex64", ...)
    std::string title;
    std::vector<std::string> signals; ///< names of the image signals the file offers

    int width() const { return frames.empty() ? 0 : frames.front().width(); }
    int height() const { return frames.empty() ? 0 : frames.front().height(); }
    int frameCount() const { return int(frames.size()); }
    const Image& frame(int i) const { return frames.at(std::size_t(i)); }

    /// Throws InputError (naming sourcePath) when there are no frames, frames differ in size,
    /// or a frame is empty.
    void validate() const;
};

} // namespace atomlens
