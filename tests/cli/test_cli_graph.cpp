#include "tests/cli/CliTestSupport.h"

#include "core/io/CsvTable.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sys/wait.h>

using atomlens::CsvTable;
using atomlens::test::runCli;
using atomlens::test::RunResult;
using atomlens::test::TempDir;

namespace {

nlohmann::json readJson(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}
} // namespace

TEST_CASE("cli: graph builds the lattice graph, descriptors and motifs from ATOMS.csv and the image",
          "[cli][graph]") {
    TempDir dir;
    auto r = runCli({"simulate", "--preset", "mos2", "--size", "256", "--seed", "3", "-o",
                     dir.file("sim.tif"), "--truth", dir.file("truth.csv")},
                    dir);
    REQUIRE(r.code == 0);
    // The detector's view of the truth: present columns only.
    const auto truth = CsvTable::read(dir.file("truth.csv"));
    CsvTable atoms({"id", "x", "y"});
    std::size_t empty = 0;
    for (std::size_t i = 0; i < truth.rowCount(); ++i) {
        if (truth.text(i, truth.column("class")) == "empty") {
            ++empty;
            continue;
        }
        atoms.addRow({std::to_string(atoms.rowCount() + 1), truth.text(i, 0), truth.text(i, 1)});
    }
    atoms.write(dir.file("atoms.csv"));
    r = runCli({"graph", dir.file("atoms.csv"), "--image", dir.file("sim.tif"), "-o", dir.file("graph.json"),
                "--motifs", dir.file("motifs.json"), "--motif-map", dir.file("map.png")},
               dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto g = readJson(dir.file("graph.json"));
    CHECK(g.at("format") == "atomlens-graph");
    CHECK(g.at("atom_count") == atoms.rowCount());
    const auto& nodes = g.at("nodes");
    const std::size_t ideal = g.at("ideal_sites").size();
    CHECK(nodes.size() == atoms.rowCount() + ideal);
    CHECK(ideal >= empty / 2); // empty sites at the very border may be missed
    CHECK(ideal <= empty + 2);
    CHECK(g.at("edges").size() > nodes.size());
    CHECK(g.at("rings").size() > 100);
    const auto names = g.at("feature_names").get<std::vector<std::string>>();
    CHECK(std::count(names.begin(), names.end(), "patch_1_1") == 1);
    CHECK(std::count(names.begin(), names.end(), "zernike_10_10") == 1);
    CHECK(nodes[0].at("features").size() == names.size());
    CHECK(nodes[0].at("id") == 1);
    CHECK(nodes[0].contains("strain"));
    const auto m = readJson(dir.file("motifs.json"));
    CHECK(m.at("node_labels").size() == nodes.size());
    CHECK(m.at("clusters").get<int>() >= 1);
    CHECK(std::ifstream(dir.file("map.png")).good());

    // Without the image: geometry only, motifs refused as a usage error.
    r = runCli({"graph", dir.file("atoms.csv"), "-o", dir.file("g2.json")}, dir);
    CHECK(r.code == 0);
    r = runCli({"graph", dir.file("atoms.csv"), "-o", dir.file("g3.json"), "--motifs", dir.file("m3.json")},
               dir);
    CHECK(r.code == 2);

    // Descriptor and motif settings by their YAML keys: a single cluster is asked for and given.
    r = runCli({"graph", dir.file("atoms.csv"), "--image", dir.file("sim.tif"), "-o", dir.file("g4.json"),
                "--motifs", dir.file("m4.json"), "--describe", "ring_radius_factor=0.9", "--motif",
                "max_clusters=1", "--motif", "merge_distance=0"},
               dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(readJson(dir.file("m4.json")).at("clusters").get<int>() == 1);
    for (const auto& bad : {"ring_radius_factor=-1", "no_such_key=1", "ring_radius_factor"}) {
        r = runCli({"graph", dir.file("atoms.csv"), "--image", dir.file("sim.tif"), "-o", dir.file("g5.json"),
                    "--describe", bad},
                   dir);
        INFO(bad << ": " << r.err);
        CHECK(r.code == 2);
        CHECK(r.err.find("--describe") != std::string::npos);
    }
}

TEST_CASE("cli: graph refuses bad input with one line", "[cli][graph][bad-input]") {
    TempDir dir;
    auto r = runCli({"graph", dir.file("nope.csv"), "-o", dir.file("g.json")}, dir);
    CHECK(r.code == 1);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    std::ofstream(dir.file("bad.csv")) << "a,b\n1,2\n";
    r = runCli({"graph", dir.file("bad.csv"), "-o", dir.file("g.json")}, dir);
    CHECK(r.code == 1);
    CHECK(r.err.find("bad.csv") != std::string::npos);
    r = runCli({"graph", dir.file("bad.csv")}, dir);
    CHECK(r.code == 2);
    std::ofstream(dir.file("nan.csv")) << "x,y\n1,2\nnan,3\n4,5\n";
    r = runCli({"graph", dir.file("nan.csv"), "-o", dir.file("g.json")}, dir);
    CHECK(r.code == 1);
}
