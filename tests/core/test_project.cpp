// The project file (core/io/ProjectFile, Qt-free): every part of a project round-trips (per-frame atoms
// with the user's decisions, labels, prediction layers with model and revision, pixel size override,
// fine-tuned model, view, image path absolute and relative), files of the first format still open with
// their labels, bad files are errors naming the file.
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include "core/data/Errors.h"
#include "core/io/ProjectFile.h"

#include <filesystem>
#include <fstream>

using namespace atomlens;
namespace fs = std::filesystem;

namespace {

void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

FrameDocument frameWithAtoms(int n, double shift) {
    FrameDocument f;
    f.atoms.setClassNames({"Mo", "S"});
    for (int i = 0; i < n; ++i) {
        Atom a;
        a.x = 10.25 + 7 * i + shift;
        a.y = 20.5 - shift;
        a.sigma = 1.5f + 0.1f * float(i);
        a.amplitude = 0.75f;
        a.intensity = 3.25f;
        a.uncertainty = 0.0625f;
        a.classId = i % 3 == 0 ? -1 : i % 2;
        a.confidence = 0.5f;
        a.flags = i == 1   ? kFlagUserReviewed
                  : i == 2 ? (kFlagRejected | kFlagUserReviewed)
                  : i == 3 ? kFlagUserAdded
                           : 0u;
        f.atoms.add(a);
    }
    f.revision = 42;
    PredictionLayer p;
    p.model = "mos2-species";
    p.revision = 41;
    p.classNames = {"S", "Mo", "vacancy"};
    p.ids = {1, 2, 4};
    p.classIds = {2, -1, 0};
    p.confidences = {0.9f, 0.25f, 0.5f};
    f.predictions.push_back(p);
    return f;
}

void checkSameAtoms(const AtomTable& a, const AtomTable& b) {
    REQUIRE(a.size() == b.size());
    CHECK(a.classNames() == b.classNames());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const Atom x = a.at(i), y = b.at(i);
        CHECK(x.id == y.id);
        CHECK(x.x == y.x);
        CHECK(x.y == y.y);
        CHECK(x.sigma == y.sigma);
        CHECK(x.amplitude == y.amplitude);
        CHECK(x.intensity == y.intensity);
        CHECK(x.uncertainty == y.uncertainty);
        CHECK(x.classId == y.classId);
        CHECK(x.confidence == y.confidence);
        CHECK(x.flags == y.flags);
    }
}

} // namespace

TEST_CASE("project: every part round-trips, per frame, with labels and prediction layers apart",
          "[io][project]") {
    test::TempDir dir;
    fs::create_directories(dir.path() / "images");
    const std::string image = (dir.path() / "images" / "stack.tif").string();
    writeText(image, "not read by the project code");
    Project p;
    p.imagePath = image;
    p.frames = {frameWithAtoms(6, 0), FrameDocument{}, frameWithAtoms(4, 25)};
    p.model = "mos2-species";
    p.chain = "steps:\n  - step: detect\n";
    p.view.frame = 2;
    p.view.zoom = 2.5;
    p.view.centreX = 33;
    p.view.centreY = 44;
    p.view.low = 0.125;
    p.view.high = 0.875;
    p.view.gamma = 0.8;
    p.view.colourMap = "viridis";
    p.recoveredFrom = "/somewhere/else.atomlens";
    p.fineTunedModel = (dir.path() / "work.models" / "fine-tuned.yaml").string();
    p.fineTunedApplied = true;
    p.hasCalibration = true;
    p.calibration.pixelSizeX = 0.0125;
    p.calibration.pixelSizeY = 0.0150;
    p.calibration.unit = "nm";
    const std::string path = dir.file("work.atomlens");
    writeProject(path, p);
    CHECK(isProjectFile(path));
    CHECK_FALSE(isProjectFile(image));

    const Project q = readProject(path);
    CHECK(q.imagePath == image);
    CHECK_FALSE(q.imageMissing);
    REQUIRE(q.frames.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
        INFO("frame " << k);
        checkSameAtoms(q.frames[k].atoms, p.frames[k].atoms);
        REQUIRE(q.frames[k].predictions.size() == p.frames[k].predictions.size());
        for (std::size_t j = 0; j < p.frames[k].predictions.size(); ++j) {
            const auto &a = q.frames[k].predictions[j], &b = p.frames[k].predictions[j];
            CHECK(a.model == b.model);
            CHECK(a.revision == b.revision);
            CHECK(a.classNames == b.classNames);
            CHECK(a.ids == b.ids);
            CHECK(a.classIds == b.classIds);
            CHECK(a.confidences == b.confidences);
        }
    }
    CHECK(q.frames[0].atoms.at(4).x == 10.25 + 28); // positions exact, not rounded
    CHECK(userLabelsOf(q.frames[0].atoms).size() == 1);
    // Shown class: the label (atom 2, reviewed S), else the prediction (atom 1: vacancy), else the table's.
    const AtomTable shown = composeShown(q.frames[0].atoms, q.frames[0].predictions);
    CHECK(shown.className(shown.classIds()[1]) == "S");
    CHECK(shown.className(shown.classIds()[0]) == "vacancy");
    CHECK(q.model == p.model);
    CHECK(q.chain == p.chain);
    CHECK(q.view.frame == 2);
    CHECK(q.view.zoom == 2.5);
    CHECK(q.view.centreX == 33);
    CHECK(q.view.centreY == 44);
    CHECK(q.view.low == 0.125);
    CHECK(q.view.high == 0.875);
    CHECK(q.view.gamma == 0.8);
    CHECK(q.view.colourMap == "viridis");
    CHECK(q.recoveredFrom == p.recoveredFrom);
    CHECK(q.fineTunedModel == p.fineTunedModel);
    CHECK(q.fineTunedApplied);
    REQUIRE(q.hasCalibration);
    CHECK(q.calibration.pixelSizeX == 0.0125);
    CHECK(q.calibration.pixelSizeY == 0.0150);
    CHECK(q.calibration.unit == "nm");

    // Moved together with its image, the project finds it by the relative path.
    const fs::path moved = dir.path() / "moved";
    fs::create_directories(moved / "images");
    fs::rename(dir.path() / "images" / "stack.tif", moved / "images" / "stack.tif");
    fs::rename(path, moved / "work.atomlens");
    const Project r = readProject((moved / "work.atomlens").string());
    CHECK(r.imagePath == (moved / "images" / "stack.tif").string());
    CHECK_FALSE(r.imageMissing);
    // Without its image: the stored absolute path, marked missing (the GUI offers "Locate Image").
    fs::remove(moved / "images" / "stack.tif");
    const Project s = readProject((moved / "work.atomlens").string());
    CHECK(s.imageMissing);
    CHECK(s.imagePath == image);
    // The CLI's summary counts per frame.
    const std::string summary = projectSummaryJson(q, path);
    CHECK(summary.find("\"labels\": 1") != std::string::npos);
    CHECK(summary.find("\"rejected\": 1") != std::string::npos);
    CHECK(summary.find("mos2-species") != std::string::npos);
}

TEST_CASE("project: a first-format file opens, its labels applied to their atoms", "[io][project]") {
    test::TempDir dir;
    writeText(dir.file("a.tif"), "x");
    // As written by AtomLens before format 2: one table, labels listed apart (and not in the flags here).
    writeText(dir.file("old.atomlens"),
              R"({"format":"atomlens-project","version":1,"image":"/nowhere/a.tif","imageRelative":"a.tif",
                  "atoms":{"id":[1,2,3],"x":[1.5,2.5,3.5],"y":[4,5,6],"sigma":[1,1,1],"amplitude":[1,1,1],
                           "intensity":[1,1,1],"uncertainty":[0,0,0],"class":[0,0,-1],"confidence":[0.5,0.5,0],
                           "flags":[0,0,0],"classNames":["Mo"]},
                  "labels":[{"x":2.5,"y":5,"class":"S","atomId":2},{"x":3.5,"y":6,"class":"Mo","atomId":-1}],
                  "models":["mos2-species"],"chain":"","view":{"frame":0,"zoom":0}})");
    const Project p = readProject(dir.file("old.atomlens"));
    REQUIRE(p.frames.size() == 1);
    const AtomTable& t = p.frames[0].atoms;
    REQUIRE(t.size() == 3);
    CHECK(p.imagePath == dir.file("a.tif"));
    CHECK(t.className(t.classIds()[1]) == "S");
    CHECK((t.flags()[1] & kFlagUserReviewed));
    CHECK(t.className(t.classIds()[2]) == "Mo"); // found by position
    CHECK((t.flags()[2] & kFlagUserReviewed));
    CHECK_FALSE((t.flags()[0] & kFlagUserReviewed));
    CHECK(userLabelsOf(t).size() == 2);
    CHECK(p.model == "mos2-species");
}

TEST_CASE("project: bad files are errors naming the file", "[io][project][bad-input]") {
    test::TempDir dir;
    const std::string path = dir.file("bad.atomlens");
    auto fails = [&](const std::string& text, const std::string& what) {
        writeText(path, text);
        try {
            readProject(path);
            FAIL("no error for " << what);
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).find(path) != std::string::npos);
        }
    };
    fails("{not json", "malformed JSON");
    fails(R"({"format":"other"})", "a wrong format tag");
    fails(R"({"format":"atomlens-project"})", "no image path");
    fails(R"({"format":"atomlens-project","image":"a.tif","frames":[{"atoms":{"id":[1,2],"x":[1]}}]})",
          "columns of different lengths");
    fails(R"({"format":"atomlens-project","image":"a.tif","frames":[{"atoms":{"id":[1,1],"x":[1,2],"y":[1,2],
          "sigma":[1,1],"amplitude":[1,1],"intensity":[1,1],"uncertainty":[0,0],"class":[-1,-1],
          "confidence":[0,0],"flags":[0,0]}}]})",
          "duplicate ids");
    fails(R"({"format":"atomlens-project","image":"a.tif","frames":"nope","calibration":{"pixelSizeX":-1}})",
          "a negative pixel size");
    fails(R"({"format":"atomlens-project","image":"a.tif","frames":[{"atoms":{},"predictions":[{"model":"m",
          "id":[1,2],"class":[0],"confidence":[1,1]}]}]})",
          "a prediction layer with columns of different lengths");
    CHECK_THROWS_AS(readProject(dir.file("absent.atomlens")), InputError);
    // Writing where no file can be made is an error too, and leaves nothing half-written.
    Project p;
    p.imagePath = dir.file("a.tif");
    CHECK_THROWS_AS(writeProject(dir.file("no/such/folder/p.atomlens"), p), InputError);
}
