#pragma once
#include <string>

namespace atomlens {

/// The spelling AtomLens stores for a unit read from a file: known length units are normalised to
/// "pm", "Å", "nm", "µm", "mm", "m" (the TIFF reader's and HyperSpy's spellings), reciprocal
/// lengths to "1/nm" and the like; any other non-empty text is kept trimmed ("eV", "s", "mrad");
/// an empty or "<undefined>" unit becomes "px" (uncalibrated).
std::string canonicalUnit(const std::string& raw);

/// A length scale in the unit whose prefix makes `fieldMetres / 2` read between 1 and 1000 (as
/// HyperSpy and pint's to_compact do for Velox files): value in that unit and the unit symbol.
struct CompactLength {
    double scale = 1.0;
    std::string unit = "nm";
};
/// `valueMetres` converted to the unit chosen for `fieldMetres` (the image's full width).
CompactLength compactLength(double valueMetres, double fieldMetres);

/// Metres per unit for pm/nm/µm/mm/m ("Å" too); 0 for anything else.
double metresPerUnit(const std::string& canonicalSymbol);

/// Text of a number with round-trip precision ("0.1", "3.5992492559614689e-09").
std::string numberText(double value);

} // namespace atomlens
