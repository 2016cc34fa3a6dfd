#include "core/analysis/ChainOutputs.h"

#include "core/analysis/SeriesAnalysis.h"
#include "core/analysis/Statistics.h"
#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"
#include "core/data/FeatureMatrix.h"
#include "core/describe/Motifs.h"
#include "core/graph/GraphJson.h"
#include "core/graph/LatticeGraph.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/CsvTable.h"
#include "core/io/FigureWriter.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

namespace atomlens {
namespace {

void writeText(const std::string& path, const std::string& text) {
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out) throw InputError(path, "cannot write the file");
    });
}

} // namespace

void writeChainOutputs(const ChainState& state, const std::string& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw InputError(folder, "cannot create the output folder (" + ec.message() + ")");
    const std::filesystem::path dir(folder);
    const Calibration& cal = state.micrograph->calibration;

    CsvTable table = atomsCsvTable(state.atoms, cal);
    std::vector<std::string> header = table.header();
    for (const auto& c : state.columns) header.push_back(c.name), header.push_back(c.name + "_confidence");
    CsvTable out(header);
    for (std::size_t r = 0; r < table.rowCount(); ++r) {
        std::vector<std::string> row = table.row(r);
        for (const auto& c : state.columns) {
            row.push_back(r < c.values.size() ? c.values[r] : "");
            row.push_back(r < c.confidences.size() && std::isfinite(c.confidences[r])
                              ? formatNumber(c.confidences[r], 4)
                              : "");
        }
        out.addRow(std::move(row));
    }
    out.write((dir / "atoms.csv").string());

    if (state.graph) writeGraphJson((dir / "graph.json").string(), *state.graph, &state.atoms);

    FigureOptions figure;
    figure.title = std::filesystem::path(state.micrograph->sourcePath).filename().string();
    writeFigurePng(state.image(), cal, state.atoms, figure, (dir / "figure.png").string());
    writeFigureSvg(state.image(), cal, state.atoms, figure, (dir / "figure.svg").string());

    if (state.descriptors) { // one row per graph node, in atoms.csv row order
        const FeatureMatrix& f = *state.descriptors;
        std::vector<std::string> names{"id"};
        for (const auto& n : f.names) names.push_back(n);
        CsvTable d(names);
        for (std::size_t r = 0; r < f.rows; ++r) {
            std::vector<std::string> row{r < state.atoms.size() ? std::to_string(state.atoms.ids()[r]) : ""};
            for (std::size_t c = 0; c < f.cols(); ++c) row.push_back(formatNumber(f.at(r, c), 6));
            d.addRow(std::move(row));
        }
        d.write((dir / "descriptors.csv").string());
    }
    if (state.motifs) writeMotifsJson(*state.motifs, (dir / "motifs.json").string());
    if (state.statistics)
        writeStatisticsCsv(*state.statistics, cal.isCalibrated() ? cal.pixelSizeX : 0, cal.unit,
                           (dir / "statistics").string());
    if (state.series) writeSeriesOutputs(*state.series, cal, (dir / "series").string());

    nlohmann::json summary;
    summary["source"] = state.micrograph->sourcePath;
    summary["frame"] = state.frame;
    summary["atoms"] = state.atoms.size();
    std::map<std::string, std::size_t> perClass;
    for (auto id : state.atoms.classIds())
        ++perClass[id < 0 ? std::string("unclassified") : state.atoms.className(id)];
    summary["classes"] = perClass;
    summary["statistics"] = state.summary;
    summary["log"] = state.log;
    writeText((dir / "summary.json").string(), summary.dump(2) + "\n");
}

} // namespace atomlens
