#include "app/cli/PixelSizeOption.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace atomlens::cli {

void applyPixelSizeOption(const CliArgs& args, Micrograph& micrograph) {
    if (!args.has("pixel-size")) {
        if (args.has("unit")) throw std::invalid_argument("--unit needs --pixel-size");
        return;
    }
    const double size = args.number("pixel-size", 0);
    if (!std::isfinite(size) || size <= 0)
        throw std::invalid_argument("--pixel-size must be a positive number (the size of one pixel)");
    Calibration cal = micrograph.calibration;
    cal.pixelSizeX = cal.pixelSizeY = size;
    cal.unit = args.get("unit", "nm");
    if (!cal.isCalibrated())
        throw std::invalid_argument("--unit '" + cal.unit + "' is not a length unit (use pm, A, nm or um)");
    if (micrograph.calibration.isCalibrated())
        std::fprintf(stderr, "pixel size %g %s from the command line (the file said %g %s)\n", size,
                     cal.unit.c_str(), micrograph.calibration.pixelSizeX,
                     micrograph.calibration.unit.c_str());
    else
        std::fprintf(stderr, "pixel size %g %s from the command line (the file has none)\n", size,
                     cal.unit.c_str());
    micrograph.calibration = cal;
}

} // namespace atomlens::cli
