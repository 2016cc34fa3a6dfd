// atomlens-cli detect end to end: simulate -> detect -> ATOMS.csv (+ overlay), and its errors.
#include "tests/cli/CliTestSupport.h"

#include "core/detect/DetectionMetrics.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/CsvTable.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <sys/wait.h>

using namespace atomlens;
using atomlens::test::runCli;
using atomlens::test::RunResult;
using atomlens::test::TempDir;

TEST_CASE("cli: detect finds the simulated columns and writes ATOMS.csv and an overlay", "[cli][detect]") {
    TempDir dir;
    REQUIRE(runCli({"simulate", "--preset", "mos2", "--size", "256", "--seed", "3", "--dose", "1e5", "-o",
                    dir.file("sim.tif"), "--truth", dir.file("truth.csv")},
                   dir)
                .code == 0);
    const auto r = runCli(
        {"detect", dir.file("sim.tif"), "--overlay", dir.file("overlay.png"), "-o", dir.file("atoms.csv")},
        dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const CsvTable table = CsvTable::read(dir.file("atoms.csv"));
    CHECK(table.header() == atomsCsvColumns());
    CHECK(table.text(0, table.column("unit")) == "nm");
    const AtomTable atoms = readAtomsCsv(dir.file("atoms.csv"));
    std::vector<Point2> det, truth;
    std::vector<std::string> cls;
    for (std::size_t i = 0; i < atoms.size(); ++i) det.push_back({atoms.xs()[i], atoms.ys()[i]});
    for (const auto& l : readPositionsCsv(dir.file("truth.csv")))
        truth.push_back({l.x, l.y}), cls.push_back(l.className);
    const auto s = scoreByClass(det, truth, cls, 3.0, {"empty"}, ScoringBorder{256, 256, 3});
    CHECK(s.at("Mo").f1 > 0.98);
    CHECK(s.at("S2").f1 > 0.97);
    CHECK(std::filesystem::file_size(dir.file("overlay.png")) > 1000);
}

TEST_CASE("cli: detect reports usage errors and bad files in one line", "[cli][detect]") {
    TempDir dir;
    auto r = runCli({"detect", dir.file("sim.tif")}, dir);
    CHECK(r.code == 2);
    CHECK(r.err.find("-o ATOMS.csv") != std::string::npos);
    r = runCli({"detect", dir.file("missing.tif"), "-o", dir.file("a.csv")}, dir);
    CHECK(r.code == 1);
    CHECK(r.err.find("missing.tif") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("a.csv")));
    REQUIRE(runCli({"simulate", "--size", "64", "-o", dir.file("s.tif")}, dir).code == 0);
    r = runCli({"detect", dir.file("s.tif"), "--method", "magic", "-o", dir.file("a.csv")}, dir);
    CHECK(r.code == 2);
    r = runCli({"detect", dir.file("s.tif"), "--frame", "3", "-o", dir.file("a.csv")}, dir);
    CHECK(r.code == 2);
    CHECK(r.err.find("--frame") != std::string::npos);
    r = runCli({"detect", dir.file("s.tif"), "--bogus", "-o", dir.file("a.csv")}, dir);
    CHECK(r.code == 2);
}

TEST_CASE("cli: --pixel-size overrides the file's calibration in the calibrated columns, bad values refused",
          "[cli][detect]") {
    TempDir dir;
    REQUIRE(runCli({"simulate", "--preset", "mos2", "--size", "128", "--seed", "4", "-o", dir.file("sim.tif"),
                    "--truth", dir.file("truth.csv")},
                   dir)
                .code == 0);
    const auto r = runCli(
        {"detect", dir.file("sim.tif"), "--pixel-size", "0.25", "--unit", "A", "-o", dir.file("atoms.csv")},
        dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.find("pixel size 0.25 A from the command line") != std::string::npos);
    const CsvTable t = CsvTable::read(dir.file("atoms.csv"));
    REQUIRE(t.rowCount() > 20);
    for (std::size_t i = 0; i < t.rowCount(); ++i) {
        CHECK(t.text(i, t.column("unit")) == "A");
        CHECK(t.number(i, t.column("x_cal"), "atoms") ==
              Approx(0.25 * t.number(i, t.column("x"), "atoms")).margin(1e-4));
        CHECK(t.number(i, t.column("y_cal"), "atoms") ==
              Approx(0.25 * t.number(i, t.column("y"), "atoms")).margin(1e-4));
    }
    const auto zero =
        runCli({"detect", dir.file("sim.tif"), "--pixel-size", "0", "-o", dir.file("b.csv")}, dir);
    CHECK(zero.code == 2);
    CHECK(zero.err.find("--pixel-size must be a positive number") != std::string::npos);
    const auto unit = runCli(
        {"detect", dir.file("sim.tif"), "--pixel-size", "1", "--unit", "px", "-o", dir.file("b.csv")}, dir);
    CHECK(unit.code == 2);
    CHECK(unit.err.find("is not a length unit") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("b.csv")));
}

TEST_CASE("cli: --threads N sizes the one pool and detection is byte-identical on 1 and 3 threads",
          "[cli][detect][job]") {
    TempDir dir;
    REQUIRE(
        runCli({"simulate", "--preset", "mos2", "--size", "192", "--seed", "5", "-o", dir.file("sim.tif")},
               dir)
            .code == 0);
    auto slurp = [](const std::string& path) {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        std::string text;
        if (!f) return text;
        std::array<char, 4096> buf{};
        for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), f)) > 0;) text.append(buf.data(), n);
        std::fclose(f);
        return text;
    };
    auto r = runCli({"detect", dir.file("sim.tif"), "--threads", "1", "-o", dir.file("one.csv")}, dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    r = runCli({"detect", "--threads=3", dir.file("sim.tif"), "-o", dir.file("three.csv")}, dir);
    REQUIRE(r.code == 0);
    const std::string one = slurp(dir.file("one.csv"));
    CHECK(one.size() > 1000);
    CHECK(one == slurp(dir.file("three.csv")));
    for (const char* bad : {"0", "257", "two"}) {
        r = runCli({"detect", dir.file("sim.tif"), "--threads", bad, "-o", dir.file("bad.csv")}, dir);
        CHECK(r.code == 2);
        CHECK(r.err.find("--threads") != std::string::npos);
    }
}

TEST_CASE("cli: --signal picks an image of a multi-signal file by index or name", "[cli][detect][signal]") {
    const std::string velox = atomlens::test::sharedData("formats/velox_v11_SI_reduced.emd");
    if (velox.empty()) return;
    TempDir dir;
    // info: the default is the HAADF image; EDS maps by name (any case) or index
    const auto haadf = runCli({"info", velox, "--compact"}, dir);
    REQUIRE(haadf.code == 0);
    CHECK(haadf.out.find("\"title\":\"HAADF\"") != std::string::npos);
    const auto ca = runCli({"info", velox, "--signal", "ca", "--compact"}, dir);
    REQUIRE(ca.code == 0);
    CHECK(ca.out.find("\"title\":\"Ca\"") != std::string::npos);
    const auto second = runCli({"info", velox, "--signal", "1", "--compact"}, dir);
    REQUIRE(second.code == 0);
    CHECK(second.out.find("\"title\":\"Ca\"") != std::string::npos);
    // a signal the file does not hold: the file, the problem and what it does hold
    const auto bad = runCli({"detect", velox, "--signal", "EELS", "-o", dir.file("a.csv")}, dir);
    CHECK(bad.code != 0);
    CHECK(bad.err.find("velox_v11_SI_reduced.emd: has no signal 'EELS'") != std::string::npos);
    CHECK(bad.err.find("4 HAADF") != std::string::npos);
    const auto outOfRange = runCli({"detect", velox, "--signal", "9", "-o", dir.file("a.csv")}, dir);
    CHECK(outOfRange.code != 0);
    CHECK(outOfRange.err.find("signal 9 does not exist") != std::string::npos);
}
