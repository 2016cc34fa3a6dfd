// CSV export of per-image statistics (see writeStatisticsCsv).
#include "core/analysis/Statistics.h"
#include "core/data/Errors.h"
#include "core/io/CsvTable.h"

#include <filesystem>
#include <set>

namespace atomlens {
namespace {

/// One summary row (kind "summary") then one row per histogram bin (kind "bin").
CsvTable distributionTable(const Distribution& d, double scale, const std::string& unit) {
    const bool cal = scale > 0 && !unit.empty() && unit != "px";
    CsvTable t({"kind", "count", "mean", "sd", "median", "min", "max", "bin_start", "bin_end", "unit"});
    const auto v = [&](double x) { return formatNumber(cal ? x * scale : x, 8); };
    const std::string u = cal ? unit : std::string();
    t.addRow(
        {"summary", std::to_string(d.count), v(d.mean), v(d.sd), v(d.median), v(d.min), v(d.max), "", "", u});
    for (std::size_t b = 0; b < d.histogram.size(); ++b)
        t.addRow({"bin", std::to_string(d.histogram[b]), "", "", "", "", "",
                  v(d.binStart + double(b) * d.binWidth), v(d.binStart + double(b + 1) * d.binWidth), u});
    return t;
}

} // namespace

void writeStatisticsCsv(const ImageStatistics& s, double pixelSize, const std::string& unit,
                        const std::string& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw InputError(folder, "cannot create the output folder (" + ec.message() + ")");
    const std::filesystem::path dir(folder);
    CsvTable counts({"class", "count"});
    for (const auto& [cls, n] : s.counts) counts.addRow({cls, std::to_string(n)});
    counts.write((dir / "counts.csv").string());
    distributionTable(s.bondLength, 1, "px").write((dir / "bond_lengths.csv").string());
    if (pixelSize > 0 && unit != "px")
        distributionTable(s.bondLength, pixelSize, unit).write((dir / "bond_lengths_cal.csv").string());
    distributionTable(s.bondAngle, 1, "").write((dir / "bond_angles.csv").string());

    CsvTable strain({"component", "count", "mean", "sd", "median", "min", "max"});
    const auto row = [&](const std::string& name, const Distribution& d) {
        strain.addRow({name, std::to_string(d.count), formatNumber(d.mean, 8), formatNumber(d.sd, 8),
                       formatNumber(d.median, 8), formatNumber(d.min, 8), formatNumber(d.max, 8)});
    };
    row("exx", s.strain.exx), row("eyy", s.strain.eyy), row("exy", s.strain.exy),
        row("rotation_deg", s.strain.rotationDeg);
    strain.write((dir / "strain.csv").string());

    CsvTable lines({"line", "sites", "length_px", "length_cal", "unit", "orientation_deg", "x", "y"});
    for (std::size_t l = 0; l < s.vacancyLines.size(); ++l) {
        const auto& v = s.vacancyLines[l];
        lines.addRow({std::to_string(l), std::to_string(v.sites.size()), formatNumber(v.length, 8),
                      formatNumber(v.length * (pixelSize > 0 ? pixelSize : 1), 8),
                      pixelSize > 0 ? unit : "px", formatNumber(v.orientationDeg, 6), formatNumber(v.x, 8),
                      formatNumber(v.y, 8)});
    }
    lines.write((dir / "vacancy_lines.csv").string());

    std::set<std::string> neighbourClasses;
    for (const auto& d : s.dopants)
        for (const auto& [cls, n] : d.neighbours) neighbourClasses.insert(cls);
    std::vector<std::string> header = {"row", "class", "neighbours"};
    for (const auto& c : neighbourClasses) header.push_back("n_" + c);
    CsvTable dopants(header);
    for (const auto& d : s.dopants) {
        int total = 0;
        for (const auto& [cls, n] : d.neighbours) total += n;
        std::vector<std::string> r = {std::to_string(d.row), d.dopantClass, std::to_string(total)};
        for (const auto& c : neighbourClasses) {
            const auto it = d.neighbours.find(c);
            r.push_back(std::to_string(it == d.neighbours.end() ? 0 : it->second));
        }
        dopants.addRow(r);
    }
    dopants.write((dir / "dopants.csv").string());
}

} // namespace atomlens
