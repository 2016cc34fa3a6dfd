#include "core/io/AtomTableCsv.h"

#include "core/data/Errors.h"
#include "core/io/CsvTable.h"

#include <cmath>
#include <cstdlib>

namespace atomlens {
namespace {

/// A finite number from a cell, or InputError naming file, row and column.
double finiteNumber(const CsvTable& table, std::size_t row, int column, const std::string& path) {
    const double v = table.number(row, column, path);
    if (!std::isfinite(v))
        throw InputError(path, "row " + std::to_string(row + 2) + ", column '" +
                                   table.header()[std::size_t(column)] + "': not a finite number");
    return v;
}

/// An optional numeric cell: the fallback when the column is absent or the cell empty.
double optionalNumber(const CsvTable& table, std::size_t row, int column, const std::string& path,
                      double fallback) {
    if (column < 0 || table.text(row, column).find_first_not_of(" \t") == std::string::npos) return fallback;
    return table.number(row, column, path);
}

} // namespace

const std::vector<std::string>& atomsCsvColumns() {
    static const std::vector<std::string> columns = {"id",
                                                     "x",
                                                     "y",
                                                     "x_cal",
                                                     "y_cal",
                                                     "unit",
                                                     "class",
                                                     "confidence",
                                                     "sigma",
                                                     "amplitude",
                                                     "intensity",
                                                     "uncertainty",
                                                     "flags",
                                                     "sd_x",
                                                     "sd_y",
                                                     "sd_amplitude",
                                                     "sd_sigma",
                                                     "sd_intensity",
                                                     "crlb_x",
                                                     "crlb_y",
                                                     "crlb_amplitude",
                                                     "crlb_sigma",
                                                     "crlb_intensity"};
    return columns;
}

void writeAtomsCsv(const AtomTable& atoms, const Calibration& calibration, const std::string& path) {
    atomsCsvTable(atoms, calibration).write(path);
}

CsvTable atomsCsvTable(const AtomTable& atoms, const Calibration& calibration) {
    CsvTable table(atomsCsvColumns());
    const bool calibrated = calibration.isCalibrated();
    const double sx = calibrated ? calibration.pixelSizeX : 1.0,
                 sy = calibrated ? calibration.pixelSizeY : 1.0;
    const double ox = calibrated ? calibration.originX : 0.0, oy = calibrated ? calibration.originY : 0.0;
    const std::string unit = calibrated ? calibration.unit : "px";
    for (std::size_t r = 0; r < atoms.size(); ++r) {
        const Atom a = atoms.at(r);
        table.addRow({std::to_string(a.id),
                      formatNumber(a.x, 8),
                      formatNumber(a.y, 8),
                      formatNumber(ox + a.x * sx, 8),
                      formatNumber(oy + a.y * sy, 8),
                      unit,
                      atoms.className(a.classId),
                      formatNumber(a.confidence, 4),
                      formatNumber(a.sigma, 5),
                      formatNumber(a.amplitude, 6),
                      formatNumber(a.intensity, 6),
                      formatNumber(a.uncertainty, 4),
                      std::to_string(a.flags),
                      formatNumber(a.errors.x, 4),
                      formatNumber(a.errors.y, 4),
                      formatNumber(a.errors.amplitude, 4),
                      formatNumber(a.errors.sigma, 4),
                      formatNumber(a.errors.intensity, 4),
                      formatNumber(a.crlb.x, 4),
                      formatNumber(a.crlb.y, 4),
                      formatNumber(a.crlb.amplitude, 4),
                      formatNumber(a.crlb.sigma, 4),
                      formatNumber(a.crlb.intensity, 4)});
    }
    return table;
}

AtomTable readAtomsCsv(const std::string& path) {
    const CsvTable table = CsvTable::read(path);
    const int cx = table.requireColumn("x", path), cy = table.requireColumn("y", path);
    const int cid = table.column("id"), ccls = table.column("class"), cconf = table.column("confidence");
    const int csig = table.column("sigma"), camp = table.column("amplitude"),
              cint = table.column("intensity");
    const int cunc = table.column("uncertainty"), cflags = table.column("flags");
    int cerr[5], ccrlb[5];
    const char* errorNames[5] = {"x", "y", "amplitude", "sigma", "intensity"};
    for (int k = 0; k < 5; ++k)
        cerr[k] = table.column(std::string("sd_") + errorNames[k]),
        ccrlb[k] = table.column(std::string("crlb_") + errorNames[k]);
    AtomTable atoms;
    atoms.reserve(table.rowCount());
    for (std::size_t r = 0; r < table.rowCount(); ++r) {
        Atom a;
        a.x = finiteNumber(table, r, cx, path);
        a.y = finiteNumber(table, r, cy, path);
        const double id = optionalNumber(table, r, cid, path, 0);
        if (id < 0 || id > 4294967295.0 || id != std::floor(id))
            throw InputError(path, "row " + std::to_string(r + 2) + ": id must be a non-negative integer");
        a.id = std::uint32_t(id);
        if (ccls >= 0 && !table.text(r, ccls).empty())
            a.classId = atoms.classIndex(table.text(r, ccls), true);
        a.confidence = float(optionalNumber(table, r, cconf, path, 0));
        a.sigma = float(optionalNumber(table, r, csig, path, 0));
        a.amplitude = float(optionalNumber(table, r, camp, path, 0));
        a.intensity = float(optionalNumber(table, r, cint, path, 0));
        a.uncertainty = float(optionalNumber(table, r, cunc, path, 0));
        float* errs[5] = {&a.errors.x, &a.errors.y, &a.errors.amplitude, &a.errors.sigma,
                          &a.errors.intensity};
        float* bounds[5] = {&a.crlb.x, &a.crlb.y, &a.crlb.amplitude, &a.crlb.sigma, &a.crlb.intensity};
        for (int k = 0; k < 5; ++k)
            *errs[k] = float(optionalNumber(table, r, cerr[k], path, 0)),
            *bounds[k] = float(optionalNumber(table, r, ccrlb[k], path, 0));
        const double flags = optionalNumber(table, r, cflags, path, 0);
        if (flags < 0 || flags > 4294967295.0 || flags != std::floor(flags))
            throw InputError(path, "row " + std::to_string(r + 2) + ": flags must be a non-negative integer");
        a.flags = std::uint32_t(flags);
        if (a.id != 0 && atoms.rowOf(a.id) >= 0)
            throw InputError(path,
                             "row " + std::to_string(r + 2) + ": duplicate atom id " + std::to_string(a.id));
        atoms.add(a);
    }
    return atoms;
}

std::vector<Label> readPositionsCsv(const std::string& path) {
    const CsvTable table = CsvTable::read(path);
    const int cx = table.requireColumn("x", path), cy = table.requireColumn("y", path);
    const int ccls = table.column("class");
    std::vector<Label> out;
    out.reserve(table.rowCount());
    for (std::size_t r = 0; r < table.rowCount(); ++r) {
        Label l;
        l.x = finiteNumber(table, r, cx, path);
        l.y = finiteNumber(table, r, cy, path);
        if (ccls >= 0) l.className = table.text(r, ccls);
        out.push_back(std::move(l));
    }
    return out;
}

} // namespace atomlens
