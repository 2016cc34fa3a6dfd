#include "tests/cli/CliTestSupport.h"

#include "core/io/CsvTable.h"
#include "core/io/MicrographReader.h"
#include "core/io/ProjectFile.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <sys/wait.h>

using namespace atomlens;
using atomlens::test::runCli;
using atomlens::test::RunResult;
using atomlens::test::sharedData;
using atomlens::test::TempDir;

TEST_CASE("cli: simulate writes an image and truth that info and the reader agree on", "[cli]") {
    TempDir dir;
    const auto r = runCli({"simulate", "--preset", "mos2", "--size", "128", "--seed", "5", "--dose", "1e5",
                           "-o", dir.file("sim.tif"), "--truth", dir.file("truth.csv")},
                          dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto truth = CsvTable::read(dir.file("truth.csv"));
    CHECK(truth.header() ==
          std::vector<std::string>{"x", "y", "class", "element", "site", "defect", "region", "id", "frame"});
    CHECK(truth.rowCount() > 50);
    const auto info = runCli({"info", dir.file("sim.tif")}, dir);
    REQUIRE(info.code == 0);
    const auto j = nlohmann::json::parse(info.out);
    CHECK(j.at("width") == 128);
    CHECK(j.at("height") == 128);
    CHECK(j.at("frames") == 1);
    CHECK(j.at("dtype") == "float32");
    CHECK(j.at("pixel_size").at("unit") == "nm");
    CHECK(j.at("pixel_size").at("x").get<double>() == Approx(0.016).epsilon(1e-5));
}

TEST_CASE("cli: info on the real TIFFs prints calibrated JSON", "[cli][shared]") {
    const std::string path = sharedData("formats/test_loading_image_saved_with_DM.tif");
    if (path.empty()) return;
    TempDir dir;
    const auto r = runCli({"info", path}, dir);
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("width") == 68);
    CHECK(j.at("dtype") == "int32");
    CHECK(j.at("pixel_size").at("unit") == "\xC2\xB5m");
}

TEST_CASE("cli: bad input and bad usage give one line and a non-zero exit", "[cli][bad-input]") {
    TempDir dir;
    auto r = runCli({"info", dir.file("nope.dm4")}, dir);
    CHECK(r.code == 1);
    CHECK(r.err.find("nope.dm4: no such file") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    r = runCli({"info"}, dir);
    CHECK(r.code == 2);
    r = runCli({"simulate", "--preset", "nonsense", "-o", dir.file("x.tif")}, dir);
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown simulation preset") != std::string::npos);
    r = runCli({"simulate", "--bogus", "1"}, dir);
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown option") != std::string::npos);
    r = runCli({"frobnicate"}, dir);
    CHECK(r.code == 2);
}

TEST_CASE("cli: info summarises a GUI project, export writes its shown atoms and the user's labels",
          "[cli][project]") {
    TempDir dir;
    REQUIRE(runCli({"simulate", "--preset", "mos2", "--size", "96", "--seed", "2", "-o", dir.file("a.tif"),
                    "--truth", dir.file("t.csv")},
                   dir)
                .code == 0);
    // Two frames' worth of atoms: frame 0 with a label, a rejected atom and a prediction layer.
    Project p;
    p.imagePath = dir.file("a.tif");
    p.frames.resize(2);
    AtomTable& t = p.frames[0].atoms;
    t.setClassNames({"Mo", "S"});
    for (int i = 0; i < 4; ++i) {
        Atom a;
        a.x = 10 + 10 * i;
        a.y = 20;
        a.classId = i == 0 ? 1 : -1;
        a.confidence = i == 0 ? 1 : 0;
        a.flags = i == 0 ? kFlagUserReviewed : i == 3 ? kFlagRejected | kFlagUserReviewed : 0u;
        t.add(a);
    }
    PredictionLayer layer;
    layer.model = "mos2-species";
    layer.classNames = {"Mo"};
    layer.ids = {1, 2, 3};
    layer.classIds = {0, 0, 0};
    layer.confidences = {0.9f, 0.8f, 0.7f};
    p.frames[0].predictions.push_back(layer);
    p.hasCalibration = true;
    p.calibration.pixelSizeX = p.calibration.pixelSizeY = 0.5;
    p.calibration.unit = "nm";
    writeProject(dir.file("p.atomlens"), p);

    const auto info = runCli({"info", dir.file("p.atomlens")}, dir);
    INFO(info.err);
    REQUIRE(info.code == 0);
    const auto j = nlohmann::json::parse(info.out);
    REQUIRE(j.at("frames").size() == 2);
    CHECK(j.at("frames")[0].at("atoms") == 4);
    CHECK(j.at("frames")[0].at("labels") == 1);
    CHECK(j.at("frames")[0].at("rejected") == 1);
    CHECK(j.at("frames")[0].at("classes").at("S") == 1);  // the label wins over the prediction
    CHECK(j.at("frames")[0].at("classes").at("Mo") == 2); // the prediction where there is no label
    CHECK(j.at("frames")[0].at("predictions")[0].at("model") == "mos2-species");
    CHECK(j.at("imageFound") == true);

    const auto ex = runCli({"export", dir.file("p.atomlens"), "--frame", "0", "-o", dir.file("atoms.csv"),
                            "--labels", dir.file("labels.csv")},
                           dir);
    INFO(ex.err);
    REQUIRE(ex.code == 0);
    const auto atoms = CsvTable::read(dir.file("atoms.csv"));
    REQUIRE(atoms.rowCount() == 4);
    CHECK(atoms.text(0, atoms.column("class")) == "S");
    CHECK(atoms.text(1, atoms.column("class")) == "Mo");
    CHECK(atoms.text(0, atoms.column("unit")) == "nm"); // the project's pixel size override
    CHECK(atoms.number(1, atoms.column("x_cal"), "atoms.csv") == Approx(10.0));
    const auto labels = CsvTable::read(dir.file("labels.csv"));
    REQUIRE(labels.rowCount() == 1);
    CHECK(labels.text(0, labels.column("class")) == "S");
    // Bad input: not a project, no such frame.
    CHECK(runCli({"export", dir.file("a.tif"), "-o", dir.file("x.csv")}, dir).code != 0);
    const auto noFrame =
        runCli({"export", dir.file("p.atomlens"), "--frame", "5", "-o", dir.file("x.csv")}, dir);
    CHECK(noFrame.code != 0);
    CHECK(noFrame.err.find("no frame 5") != std::string::npos);
}
