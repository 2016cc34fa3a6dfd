// atomlens-cli stats: counts, bonds, angles, strain, vacancy lines and dopant neighbourhoods as CSV.
#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/TerminalJob.h"

#include "core/analysis/Statistics.h"
#include "core/chain/TaskChain.h"
#include "core/detect/Detector.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/CsvTable.h"
#include "core/io/MicrographReader.h"

#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>

namespace atomlens::cli {
namespace {

bool isCsv(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".csv";
}

} // namespace

int cmdStats(const std::vector<std::string>& argv) {
    const CliArgs args(
        argv, {"o", "output", "frame", "vacancy-classes", "dopant-classes", "link", "pixel-size", "unit"},
        {"all-frames", "no-empty-sites"});
    if (args.positional().size() != 1) throw std::invalid_argument("expects one IMAGE or ATOMS.csv");
    const std::string input = args.positional()[0];
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output folder: -o OUTDIR");
    // The chain's "graph" and "statistics" steps (the same in `run --chain`).
    ChainStep graphStep{"graph", {}}, statisticsStep{"statistics", {}};
    graphStep.params.set("ideal_sites", args.has("no-empty-sites") ? "false" : "true");
    if (args.has("vacancy-classes"))
        statisticsStep.params.set("vacancy_classes", args.get("vacancy-classes"));
    if (args.has("dopant-classes")) statisticsStep.params.set("dopant_classes", args.get("dopant-classes"));
    const double link = args.number("link", 0);
    if (link < 0) throw std::invalid_argument("--link must not be negative");
    statisticsStep.params.set("line_link_distance", formatParam(link));
    TerminalJob job;

    // Per frame: atoms (read, or detected), the lattice graph with empty ideal sites (rows flagged as
    // empty sites are predicted afresh), statistics.
    auto analyse = [&](AtomTable atoms, std::shared_ptr<const Micrograph> micrograph, int frame,
                       const Calibration& cal, const std::string& folder) {
        ChainState state;
        state.micrograph = std::move(micrograph);
        state.frame = frame;
        state.atoms = std::move(atoms);
        runChainStep(state, graphStep, job);
        runChainStep(state, statisticsStep, job);
        const ImageStatistics& s = *state.statistics;
        const double pixel = cal.isCalibrated() ? cal.pixelSizeX : 0;
        writeStatisticsCsv(s, pixel, cal.unit, folder);
        return s;
    };
    if (isCsv(input)) {
        const AtomTable atoms = readAtomsCsv(input);
        Calibration cal;
        if (args.has("pixel-size"))
            cal.pixelSizeX = cal.pixelSizeY = args.number("pixel-size", 1), cal.unit = args.get("unit", "nm");
        const auto s = analyse(atoms, nullptr, 0, cal, out);
        std::fprintf(stderr, "%zu atoms, %zu bonds, %zu vacancy lines -> %s\n", atoms.size(),
                     s.bondLength.count, s.vacancyLines.size(), out.c_str());
        return 0;
    }
    const auto micrograph = std::make_shared<const Micrograph>(readMicrograph(input));
    const Micrograph& m = *micrograph;
    std::vector<int> frames;
    if (args.has("all-frames"))
        for (int f = 0; f < m.frameCount(); ++f) frames.push_back(f);
    else
        frames.push_back(int(args.integer("frame", 0)));
    std::vector<ImageStatistics> perFrame;
    for (int f : frames) {
        if (f < 0 || f >= m.frameCount())
            throw std::invalid_argument("--frame " + std::to_string(f) + " is out of range (the file has " +
                                        std::to_string(m.frameCount()) + " frames)");
        const AtomTable atoms = detectAtoms(m.frame(f), DetectParams{}, job);
        const std::string folder =
            frames.size() > 1 ? (std::filesystem::path(out) / ("frame" + std::to_string(f))).string() : out;
        perFrame.push_back(analyse(atoms, micrograph, f, m.calibration, folder));
    }
    if (frames.size() > 1) { // counts by class per frame in one table
        std::set<std::string> classes;
        for (const auto& s : perFrame)
            for (const auto& [c, n] : s.counts) classes.insert(c);
        std::vector<std::string> header = {"frame"};
        header.insert(header.end(), classes.begin(), classes.end());
        header.push_back("vacancy_lines");
        CsvTable table(header);
        for (std::size_t k = 0; k < frames.size(); ++k) {
            std::vector<std::string> row = {std::to_string(frames[k])};
            for (const auto& c : classes) {
                const auto it = perFrame[k].counts.find(c);
                row.push_back(std::to_string(it == perFrame[k].counts.end() ? 0 : it->second));
            }
            row.push_back(std::to_string(perFrame[k].vacancyLines.size()));
            table.addRow(row);
        }
        table.write((std::filesystem::path(out) / "counts_by_frame.csv").string());
    }
    std::fprintf(stderr, "%zu frame(s) -> %s\n", frames.size(), out.c_str());
    return 0;
}

} // namespace atomlens::cli
