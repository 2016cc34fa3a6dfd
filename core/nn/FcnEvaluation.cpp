#include "core/nn/FcnEvaluation.h"

#include "core/data/Errors.h"
#include "core/io/CsvTable.h"
#include "core/io/MicrographReader.h"
#include "core/simulate/Simulator.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace atomlens {

namespace {

constexpr double kTolerance = 3.0;

void accumulate(MatchScore& total, const MatchScore& s) {
    total.meanError = (total.meanError * total.truePositives + s.meanError * s.truePositives) /
                      std::max(1, total.truePositives + s.truePositives);
    total.truePositives += s.truePositives, total.falsePositives += s.falsePositives,
        total.falseNegatives += s.falseNegatives;
    const int tp = total.truePositives;
    total.precision = tp + total.falsePositives ? double(tp) / (tp + total.falsePositives) : 0;
    total.recall = tp + total.falseNegatives ? double(tp) / (tp + total.falseNegatives) : 0;
    total.f1 = total.precision + total.recall > 0
                   ? 2 * total.precision * total.recall / (total.precision + total.recall)
                   : 0;
}

std::string doseText(double dose) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0e", dose); // "1e+04"
    std::string s = b;
    const std::size_t e = s.find("e+");
    if (e != std::string::npos) {
        s.erase(e + 1, 1);
        while (s.size() > e + 2 && s[e + 1] == '0') s.erase(e + 1, 1);
    }
    return s;
}

} // namespace

FcnEvaluation evaluateFcnOnMoS2(const FcnModel& model, const FcnDetectParams& params, double dose, int size,
                                int images, std::uint64_t seed) {
    FcnEvaluation e;
    e.name =
        "simulated MoS2 " + std::to_string(size) + "x" + std::to_string(size) + ", dose " + doseText(dose);
    for (int i = 0; i < images; ++i) {
        SimulationParams p;
        p.preset = "mos2";
        p.width = p.height = size;
        p.seed = seed + std::uint64_t(i);
        p.dose = dose;
        const SimulationResult r = simulate(p);
        std::vector<Point2> truth;
        std::vector<std::string> classes;
        for (const auto& t : r.truth)
            if (t.cls != "empty") truth.push_back({t.x, t.y}), classes.push_back(t.cls);
        const std::vector<Point2> found = atomPositions(detectAtomsFcn(r.micrograph.frame(0), model, params));
        accumulate(e.all, scoreDetections(found, truth, kTolerance));
        accumulate(e.mo, scoreDetectionsOfClass(found, truth, classes, "Mo", kTolerance));
        accumulate(e.s2, scoreDetectionsOfClass(found, truth, classes, "S2", kTolerance));
        ++e.images;
    }
    return e;
}

FcnEvaluation evaluateFcnOnLabelledFolder(const FcnModel& model, const FcnDetectParams& params,
                                          const std::string& folder) {
    FcnEvaluation e;
    e.name = "real Pt single atoms (" + fs::path(folder).filename().string() + ")";
    if (!fs::is_directory(folder)) throw InputError(folder, "not a folder");
    std::vector<fs::path> tifs;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().extension() == ".tif") tifs.push_back(entry.path());
    std::sort(tifs.begin(), tifs.end());
    for (const auto& tif : tifs) {
        const std::string stem = tif.filename().string(), id = stem.substr(0, stem.find('_'));
        const fs::path csv = tif.parent_path() / (id + "_Results.csv");
        if (!fs::is_regular_file(csv)) continue;
        const CsvTable table = CsvTable::read(csv.string());
        const int cx = table.requireColumn("x", csv.string()), cy = table.requireColumn("y", csv.string());
        std::vector<Point2> truth;
        for (std::size_t r = 0; r < table.rowCount(); ++r)
            truth.push_back({table.number(r, cx, csv.string()), table.number(r, cy, csv.string())});
        const Micrograph m = readMicrograph(tif.string());
        const std::vector<Point2> found = atomPositions(detectAtomsFcn(m.frame(0), model, params));
        accumulate(e.all, scoreDetections(found, truth, kTolerance));
        ++e.images;
    }
    if (!e.images) throw InputError(folder, "no labelled images (<id>_*.tif with <id>_Results.csv)");
    e.name += ", " + std::to_string(e.images) + " images";
    return e;
}

std::vector<ModelMetric> evaluationMetrics(const FcnEvaluation& e) {
    const std::string note = "tolerance 3 px, " + std::to_string(e.all.truePositives + e.all.falseNegatives) +
                             " true columns in " + std::to_string(e.images) + " images";
    std::vector<ModelMetric> m = {{"F1, " + e.name, e.all.f1, note},
                                  {"precision, " + e.name, e.all.precision, ""},
                                  {"recall, " + e.name, e.all.recall, ""}};
    if (e.mo.truePositives + e.mo.falseNegatives > 0) {
        m.push_back({"F1 Mo, " + e.name, e.mo.f1, ""});
        m.push_back({"F1 S2, " + e.name, e.s2.f1, ""});
    }
    return m;
}

} // namespace atomlens
