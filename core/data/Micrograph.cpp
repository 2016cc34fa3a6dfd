#include "core/data/Micrograph.h"

#include "core/data/Errors.h"
#include "core/data/Units.h"

#include <stdexcept>

namespace atomlens {

bool Calibration::isCalibrated() const {
    const auto u = parseLengthUnit(unit);
    return u && !u->reciprocal;
}

bool Calibration::hasScale() const {
    return parseLengthUnit(unit).has_value() && pixelSizeX > 0;
}

double Calibration::pixelSizeXIn(const std::string& targetUnit) const {
    return convertLength(pixelSizeX, unit, targetUnit);
}

double Calibration::pixelSizeYIn(const std::string& targetUnit) const {
    return convertLength(pixelSizeY, unit, targetUnit);
}

void Micrograph::validate() const {
    if (frames.empty()) throw InputError(sourcePath, "the file holds no image frames");
    const int w = frames.front().width(), h = frames.front().height();
    if (w <= 0 || h <= 0) throw InputError(sourcePath, "the image is empty (0 pixels)");
    for (std::size_t i = 1; i < frames.size(); ++i)
        if (frames[i].width() != w || frames[i].height() != h)
            throw InputError(sourcePath, "frame " + std::to_string(i) + " has a different size from frame 0");
}

} // namespace atomlens
