#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Micrograph.h"

#include <array>
#include <cstdint>
#include <string>

namespace atomlens {

/// Colour of a class id in every figure and view (-1 = unclassified), so exports match the GUI.
std::array<std::uint8_t, 3> classColour(int classId);

/// What an annotated figure shows.
struct FigureOptions {
    double lowPercentile = 0.5, highPercentile = 99.8; ///< contrast limits
    double atomRadius = 0; ///< image pixels; 0 = a third of the median nearest-neighbour distance
    int scale = 0;         ///< output pixels per image pixel; 0 = enough for a ~1600 px figure
    bool scaleBar = true;
    bool legend = true;
    std::string title;
};

/// An annotated figure of one frame: contrast-stretched image, atoms coloured by class (empty sites as
/// hollow squares), a calibrated scale bar and a class legend. PNG through OpenCV; written atomically.
void writeFigurePng(const Image& image, const Calibration& calibration, const AtomTable& atoms,
                    const FigureOptions& options, const std::string& path);
/// The same figure as SVG: the image embedded as PNG, atoms, scale bar and legend as vector shapes.
void writeFigureSvg(const Image& image, const Calibration& calibration, const AtomTable& atoms,
                    const FigureOptions& options, const std::string& path);

} // namespace atomlens
