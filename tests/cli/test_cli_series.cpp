// End to end: `atomlens-cli track`, `batch` (with a kill halfway and a resume) and `stats`.
#include "tests/cli/CliTestSupport.h"

#include "core/io/AtomTableCsv.h"
#include "core/io/CsvTable.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

using namespace atomlens;
using atomlens::test::runCli;
using atomlens::test::RunResult;
using atomlens::test::TempDir;
namespace fs = std::filesystem;

namespace {

void simulateImages(const TempDir& dir, const fs::path& folder, int count) {
    fs::create_directories(folder);
    for (int i = 0; i < count; ++i) {
        const auto r =
            runCli({"simulate", "--preset", "mos2", "--size", "128", "--seed", std::to_string(i + 1), "-o",
                    (folder / ("img" + std::to_string(i) + ".tif")).string()},
                   dir);
        REQUIRE(r.code == 0);
    }
}
} // namespace

TEST_CASE("cli: track writes drift, tracks, site history and events of a series", "[cli][series]") {
    TempDir dir;
    auto r = runCli({"simulate", "--preset", "mos2", "--size", "160", "--seed", "3", "--frames", "8", "-o",
                     dir.file("series.tif")},
                    dir);
    REQUIRE(r.code == 0);
    r = runCli({"track", dir.file("series.tif"), "-o", dir.file("out")}, dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto drift = CsvTable::read(dir.file("out/drift.csv"));
    CHECK(drift.rowCount() == 8);
    const auto sites = CsvTable::read(dir.file("out/sites.csv"));
    CHECK(sites.rowCount() > 100);
    const auto history = CsvTable::read(dir.file("out/history.csv"));
    CHECK(history.rowCount() == sites.rowCount() * 8);
    const auto counts = CsvTable::read(dir.file("out/counts.csv"));
    CHECK(counts.rowCount() == 8);
    CHECK(counts.column("chalcogen-vacancy") >= 0);
    for (const char* f : {"tracks.csv", "lines.csv", "events.csv", "state_changes.csv"})
        CHECK(fs::exists(dir.file(std::string("out/") + f)));
    CHECK(runCli({"track", dir.file("series.tif")}, dir).code == 2);                       // no -o
    CHECK(runCli({"track", dir.file("nothing.tif"), "-o", dir.file("x")}, dir).code == 1); // missing file
    CHECK(
        runCli({"track", dir.file("series.tif"), "-o", dir.file("x"), "--vacancy-fraction", "2"}, dir).code ==
        2);
}

TEST_CASE("cli: track --dopants writes Si 3-fold <-> 4-fold switches as events", "[cli][series]") {
    TempDir dir;
    auto r = runCli({"simulate", "--preset", "graphene-si", "--size", "256", "--pixel-size", "0.2", "--seed", "11",
                     "--rotation", "7", "--frames", "16", "--dose", "3e6", "--si-switch", "0.25", "-o",
                     dir.file("si.tif"), "--truth", dir.file("truth.csv")},
                    dir);
    REQUIRE(r.code == 0);
    r = runCli({"track", dir.file("si.tif"), "--dopants", "-o", dir.file("out")}, dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto events = CsvTable::read(dir.file("out/events.csv"));
    REQUIRE(events.rowCount() > 0);
    const int type = events.column("type");
    REQUIRE(type >= 0);
    for (std::size_t i = 0; i < events.rowCount(); ++i)
        CHECK((events.text(i, type) == "switch Si3->Si4" || events.text(i, type) == "switch Si4->Si3"));
    const auto history = CsvTable::read(dir.file("out/dopant_history.csv"));
    const auto sites = CsvTable::read(dir.file("out/dopant_sites.csv"));
    CHECK(history.rowCount() == sites.rowCount() * 16);
    CHECK(CsvTable::read(dir.file("out/counts.csv")).rowCount() == 16);
    CHECK(runCli({"simulate", "--preset", "graphene-si", "--si-switch", "2", "-o", dir.file("x.tif")}, dir).code != 0);
}

TEST_CASE("cli: batch resumes after being killed and merges every item", "[cli][batch]") {
    TempDir dir;
    simulateImages(dir, dir.path() / "images", 10);
    std::ofstream(dir.file("chain.yaml"))
        << "name: detect+graph\nsteps:\n  - step: detect\n  - step: graph\n";
    // Killed (SIGKILL, no chance to clean up) after a moment, then resumed.
    runCli({"batch", dir.file("images"), "--chain", dir.file("chain.yaml"), "-o", dir.file("out")}, dir,
           "timeout -s KILL 2");
    auto r =
        runCli({"batch", dir.file("images"), "--chain", dir.file("chain.yaml"), "-o", dir.file("out")}, dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto merged = CsvTable::read(dir.file("out/merged_atoms.csv"));
    std::size_t rows = 0;
    for (int i = 0; i < 10; ++i) {
        const std::string item = dir.file("out/img" + std::to_string(i));
        CHECK(fs::exists(item + "/done.json"));
        rows += readAtomsCsv(item + "/atoms.csv").size(); // every file whole and readable
    }
    CHECK(merged.rowCount() == rows);
    const auto batch = CsvTable::read(dir.file("out/batch.csv"));
    CHECK(batch.rowCount() == 10);
    // Nothing left: a third run redoes nothing.
    r = runCli({"batch", dir.file("images"), "--chain", dir.file("chain.yaml"), "-o", dir.file("out")}, dir);
    REQUIRE(r.code == 0);
    CHECK(r.err.find("0 done, 10 already done") != std::string::npos);
    CHECK(runCli({"batch", dir.file("images"), "-o", dir.file("out")}, dir).code == 2); // no --chain
    CHECK(runCli({"batch", dir.file("nowhere"), "--chain", dir.file("chain.yaml"), "-o", dir.file("o2")}, dir)
              .code == 1);
}

TEST_CASE("cli: stats on an image, an atoms table and every frame of a series", "[cli][stats]") {
    TempDir dir;
    simulateImages(dir, dir.path(), 1);
    auto r = runCli({"stats", dir.file("img0.tif"), "-o", dir.file("s")}, dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    for (const char* f : {"counts.csv", "bond_lengths.csv", "bond_lengths_cal.csv", "bond_angles.csv",
                          "strain.csv", "vacancy_lines.csv", "dopants.csv"})
        CHECK(fs::exists(dir.file(std::string("s/") + f)));
    const auto bonds = CsvTable::read(dir.file("s/bond_lengths_cal.csv"));
    // MoS2 Mo-S bond in projection: 3.16 A / sqrt(3) = 0.182 nm.
    CHECK(bonds.number(0, bonds.requireColumn("median", "t"), "t") == Approx(0.1824).epsilon(0.03));
    REQUIRE(runCli({"detect", dir.file("img0.tif"), "-o", dir.file("atoms.csv")}, dir).code == 0);
    REQUIRE(runCli({"stats", dir.file("atoms.csv"), "-o", dir.file("t")}, dir).code == 0);
    const auto counts = CsvTable::read(dir.file("t/counts.csv"));
    CHECK(counts.rowCount() >= 1);
    REQUIRE(runCli({"simulate", "--preset", "mos2", "--size", "128", "--frames", "3", "-o",
                    dir.file("series.tif")},
                   dir)
                .code == 0);
    REQUIRE(runCli({"stats", dir.file("series.tif"), "--all-frames", "-o", dir.file("u")}, dir).code == 0);
    CHECK(CsvTable::read(dir.file("u/counts_by_frame.csv")).rowCount() == 3);
    CHECK(runCli({"stats", dir.file("img0.tif"), "-o", dir.file("v"), "--frame", "4"}, dir).code == 2);
}
