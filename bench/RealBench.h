#pragma once
// `atomlens-cli bench real`: every labelled real set in ../shared/data through the default pipeline.
// Each set lives in its own file and registers itself with registerRealSet (this target is an OBJECT
// library linked whole into atomlens-cli, so the static registrations always run).
#include "bench/Benchmark.h"
#include "core/detect/DetectionMetrics.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace atomlens::bench {

/// One labelled real data set: `run` gets the folder ../shared/data (existing) and `quick` (a small
/// subset for CI) and returns its measurements (suite "real", names prefixed with the set's name).
struct RealSet {
    std::string name;
    std::string description;
    std::function<std::vector<BenchResult>(const std::filesystem::path& dataDir, bool quick)> run;
};

/// Adds a set (returns true, for static registration: `static const bool r = registerRealSet(...)`).
bool registerRealSet(RealSet set);
/// The registered sets, by name (only the one named by setRealSetFilter, when set: `bench real --set`).
std::vector<RealSet> realSets();
/// Restricts `bench real` to one set by name ("" = all); an unknown name lists nothing.
void setRealSetFilter(const std::string& name);

/// Where the labelled data is: the folder set by setRealDataDir (the CLI's --data), else
/// $ATOMLENS_SHARED_DATA, else the first `shared/data` found beside the working directory or one of the
/// executable's parent folders (the repository's ../shared/data). Empty when none exists.
std::filesystem::path realDataDir();
void setRealDataDir(const std::filesystem::path& dir);

/// Hand labels of one image: positions (pixels, pixel-centre convention) and a class per point ("" when
/// the file has none). Reads x,y[,class] and the Pt set's " ,X,Y" files.
struct LabelledPoints {
    std::vector<Point2> points;
    std::vector<std::string> classes;
};
LabelledPoints readLabelledPoints(const std::filesystem::path& csv);

/// Image files of a folder that have a label file: for each `<stem>.csv` (or `<stem>_Results.csv`
/// for the Pt set) the image with the same stem (.tif preferred, then .png, .jpg), sorted by name.
struct LabelledImage {
    std::filesystem::path image, labels;
};
std::vector<LabelledImage> labelledImages(const std::filesystem::path& folder);

/// Accumulated detection counts over several images (micro-averaged P/R/F1).
struct DetectionTally {
    std::size_t truePositives = 0, falsePositives = 0, falseNegatives = 0;
    void add(const DetectionScore& s) {
        truePositives += s.truePositives, falsePositives += s.falsePositives,
            falseNegatives += s.falseNegatives;
    }
    double precision() const;
    double recall() const;
    double f1() const;
};

} // namespace atomlens::bench
