#include "tests/cli/CliTestSupport.h"

#include "core/io/CsvTable.h"
#include "core/io/MicrographReader.h"

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
