#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Labels.h"
#include "core/data/Micrograph.h"
#include "core/io/CsvTable.h"

#include <string>
#include <vector>

namespace atomlens {

/// Column order of ATOMS.csv (the command-line contract): positions in pixels (pixel-centre
/// convention), the same in calibrated units, class name, confidence, the fitted Gaussian (sigma and
/// amplitude in pixels / image units, intensity = volume), the 1-sigma position uncertainty in pixels,
/// the AtomFlag bits as a decimal integer, then the refinement's standard errors (sd_x, sd_y,
/// sd_amplitude, sd_sigma, sd_intensity) and the Cramer-Rao bounds of the same for the fitted model
/// (crlb_x ... crlb_intensity); 0 = unknown.
const std::vector<std::string>& atomsCsvColumns();

/// Writes atoms as ATOMS.csv, atomically (a failed write leaves any old file untouched). x_cal/y_cal
/// are origin + position * pixel size in the calibration's unit ("px" when uncalibrated).
/// Throws InputError naming the path when it cannot be written.
void writeAtomsCsv(const AtomTable& atoms, const Calibration& calibration, const std::string& path);

/// The ATOMS.csv table in memory (for writers that add columns, such as task-chain results).
CsvTable atomsCsvTable(const AtomTable& atoms, const Calibration& calibration);

/// Reads an atom table from CSV. Needs x and y columns (case-insensitive); id, class, confidence,
/// sigma, amplitude, intensity, uncertainty, flags, sd_* and crlb_* are used when present (empty cells keep
/// the defaults). Throws InputError naming the file and the row for missing columns, non-numeric or
/// non-finite positions, duplicate ids or bad flags.
AtomTable readAtomsCsv(const std::string& path);

/// Reads point positions with optional classes: TRUTH.csv / LABELS.csv (x,y,class) and hand-label
/// tables such as ImageJ's Results.csv (",X,Y"). Positions are in pixels as written; a missing class
/// column gives empty class names. Throws InputError like readAtomsCsv.
std::vector<Label> readPositionsCsv(const std::string& path);

} // namespace atomlens
