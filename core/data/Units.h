#pragma once
#include <optional>
#include <string>

namespace atomlens {

/// A length unit understood by AtomLens, normalised from the many spellings vendors write.
struct LengthUnit {
    std::string symbol;      ///< canonical symbol: "pm", "A", "nm", "um", "mm", "m"
    double metres = 1.0;     ///< size of one unit in metres
    bool reciprocal = false; ///< true for "1/nm" and the like (diffraction / FFT space)
};

/// Parses a unit string ("nm", "Å", "A", "angstrom", "µm", "micron", "1/nm", "nm^-1", ...).
/// Returns nothing for an empty or unknown unit (pixels, "<undefined>", "s", "eV").
std::optional<LengthUnit> parseLengthUnit(const std::string& text);

/// Converts a value between two length units; throws std::invalid_argument if either is unknown
/// or one is reciprocal and the other not.
double convertLength(double value, const std::string& from, const std::string& to);

} // namespace atomlens
