#include "bench/RealBench.h"

#include "core/io/CsvTable.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <unistd.h>

namespace atomlens::bench {

namespace fs = std::filesystem;

namespace {
std::vector<RealSet>& registry() {
    static std::vector<RealSet> sets;
    return sets;
}
std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}
std::string& setFilter() {
    static std::string name;
    return name;
}
fs::path& configuredDir() {
    static fs::path dir;
    return dir;
}

fs::path executableDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

std::vector<BenchResult> runRealSuite(bool quick) {
    std::vector<BenchResult> out;
    const fs::path dir = realDataDir();
    if (dir.empty()) {
        std::fprintf(stderr,
                     "bench real: SKIPPED, no labelled data: ../shared/data not found (set --data DIR or "
                     "ATOMLENS_SHARED_DATA)\n");
        out.push_back(
            {"real", "skipped: ../shared/data not found", 0, "", "no labelled real data on this machine"});
        return out;
    }
    std::fprintf(stderr, "bench real: data in %s\n", dir.string().c_str());
    const char* only = std::getenv("ATOMLENS_REAL_SET"); // run one set (its name), e.g. while tuning it
    for (const auto& set : realSets()) {
        if (only && *only && set.name != only) continue;
        std::fprintf(stderr, "bench real: set '%s' (%s)...\n", set.name.c_str(), set.description.c_str());
        for (auto& r : set.run(dir, quick)) {
            r.suite = "real";
            out.push_back(std::move(r));
        }
    }
    return out;
}

const bool suiteRegistered = [] {
    registerBenchSuite({"real",
                        "real labelled micrographs (../shared/data): detection P/R/F1, sites with a node, "
                        "per-class recall (--data DIR)",
                        runRealSuite});
    return true;
}();
} // namespace

bool registerRealSet(RealSet set) {
    std::lock_guard<std::mutex> lock(registryMutex());
    auto& sets = registry();
    sets.erase(std::remove_if(sets.begin(), sets.end(), [&](const RealSet& s) { return s.name == set.name; }),
               sets.end());
    sets.push_back(std::move(set));
    return true;
}

std::vector<RealSet> realSets() {
    std::lock_guard<std::mutex> lock(registryMutex());
    auto sets = registry();
    if (!setFilter().empty())
        sets.erase(
            std::remove_if(sets.begin(), sets.end(), [](const RealSet& s) { return s.name != setFilter(); }),
            sets.end());
    std::sort(sets.begin(), sets.end(), [](const RealSet& a, const RealSet& b) { return a.name < b.name; });
    return sets;
}

void setRealSetFilter(const std::string& name) {
    setFilter() = name;
}

void setRealDataDir(const fs::path& dir) {
    configuredDir() = dir;
}

fs::path realDataDir() {
    std::error_code ec;
    if (!configuredDir().empty()) return fs::is_directory(configuredDir(), ec) ? configuredDir() : fs::path();
    if (const char* env = std::getenv("ATOMLENS_SHARED_DATA"); env && *env)
        return fs::is_directory(env, ec) ? fs::path(env) : fs::path();
    std::vector<fs::path> starts = {fs::current_path(ec), executableDir()};
    for (const auto& start : starts)
        for (fs::path p = start; !p.empty(); p = p.parent_path()) {
            const fs::path candidate = p.parent_path() / "shared" / "data";
            if (fs::is_directory(candidate / "micrographs", ec)) return fs::canonical(candidate, ec);
            if (p == p.parent_path()) break;
        }
    return {};
}

LabelledPoints readLabelledPoints(const fs::path& csv) {
    const CsvTable t = CsvTable::read(csv.string());
    const std::string src = csv.string();
    const int cx = t.requireColumn("x", src), cy = t.requireColumn("y", src);
    int cc = t.column("class");
    if (cc < 0) cc = t.column("element");
    LabelledPoints out;
    for (std::size_t r = 0; r < t.rowCount(); ++r) {
        out.points.push_back({t.number(r, cx, src), t.number(r, cy, src)});
        out.classes.push_back(cc >= 0 ? t.text(r, cc) : std::string());
    }
    return out;
}

std::vector<LabelledImage> labelledImages(const fs::path& folder) {
    std::vector<LabelledImage> out;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return out;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        if (e.path().extension() != ".csv") continue;
        std::string stem = e.path().stem().string();
        const std::string suffix = "_Results";
        const bool ptStyle = stem.size() > suffix.size() &&
                             stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0;
        if (ptStyle) stem.resize(stem.size() - suffix.size());
        fs::path image;
        for (const char* ext : {".tif", ".png", ".jpg"}) {
            if (ptStyle) {
                // Pt images are named NNN_HAADF_...tif next to NNN_Results.csv
                for (const auto& f : fs::directory_iterator(folder, ec))
                    if (f.path().extension() == ext && f.path().filename().string().rfind(stem + "_", 0) == 0)
                        image = f.path();
            } else if (fs::exists(folder / (stem + ext), ec)) {
                image = folder / (stem + ext);
            }
            if (!image.empty()) break;
        }
        if (!image.empty()) out.push_back({image, e.path()});
    }
    std::sort(out.begin(), out.end(),
              [](const LabelledImage& a, const LabelledImage& b) { return a.image < b.image; });
    return out;
}

double DetectionTally::precision() const {
    const std::size_t d = truePositives + falsePositives;
    return d ? double(truePositives) / double(d) : 1.0;
}
double DetectionTally::recall() const {
    const std::size_t t = truePositives + falseNegatives;
    return t ? double(truePositives) / double(t) : 1.0;
}
double DetectionTally::f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

} // namespace atomlens::bench
