// atomlens-cli classify / finetune / run --chain end to end with the shipped EGNN sub-models.
#include "tests/cli/CliTestSupport.h"

#include "core/io/AtomTableCsv.h"
#include "core/io/CsvTable.h"
#include "core/nn/ModelCard.h"
#include "core/simulate/Simulator.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

using namespace atomlens;
using atomlens::test::runCli;
using atomlens::test::TempDir;

namespace {
bool shippedModelsPresent() {
    for (const char* name : {"mos2-species", "mos2-vacancy", "mos2-dopant", "mos2-phase"})
        if (!std::filesystem::exists(std::string(ATOMLENS_SOURCE_DIR) + "/models/" + name + ".yaml")) {
            WARN("skipped: shipped model " << name << " is absent");
            return false;
        }
    return true;
}
} // namespace

TEST_CASE("cli: classify writes one row per graph node with the model's classes", "[cli][nn]") {
    if (!shippedModelsPresent()) return;
    TempDir dir;
    REQUIRE(runCli({"simulate", "--size", "192", "--seed", "31", "--dose", "3e5", "-o", dir.file("s.tif"),
                    "--truth", dir.file("t.csv")},
                   dir)
                .code == 0);
    const auto r =
        runCli({"classify", dir.file("s.tif"), "--model", "mos2-species", "-o", dir.file("atoms.csv")}, dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const CsvTable t = CsvTable::read(dir.file("atoms.csv"));
    const int cls = t.requireColumn("class", "atoms.csv"), flags = t.requireColumn("flags", "atoms.csv");
    std::map<std::string, int> counts;
    int emptySites = 0;
    for (std::size_t i = 0; i < t.rowCount(); ++i) {
        ++counts[t.text(i, cls)];
        emptySites += (std::stoul(t.text(i, flags)) & kFlagEmptySite) ? 1 : 0;
    }
    CHECK(counts["Mo"] > 50);
    CHECK(counts["S2"] > 50);
    for (const auto& [name, n] : counts)
        CHECK((name == "Mo" || name == "S2" || name == "S1" || name == "empty"));
    CHECK(emptySites > 0); // ideal sites with no atom are rows too
}

TEST_CASE("cli: finetune makes a new model with exactly the label classes and never touches the base",
          "[cli][nn]") {
    if (!shippedModelsPresent()) return;
    TempDir dir;
    REQUIRE(runCli({"simulate", "--size", "192", "--seed", "32", "--dose", "3e5", "-o", dir.file("s.tif"),
                    "--truth", dir.file("t.csv")},
                   dir)
                .code == 0);
    // Five labels per class ("metal" / "chalcogen": new class names) from the truth table.
    const CsvTable truth = CsvTable::read(dir.file("t.csv"));
    CsvTable labels({"x", "y", "class"});
    int metal = 0, chalcogen = 0;
    for (std::size_t i = 0; i < truth.rowCount(); ++i) {
        const std::string c = truth.text(i, 2);
        const double x = std::stod(truth.text(i, 0)), y = std::stod(truth.text(i, 1));
        if (x < 15 || y < 15 || x > 177 || y > 177) continue;
        if (c == "Mo" && metal < 5) labels.addRow({truth.text(i, 0), truth.text(i, 1), "metal"}), ++metal;
        if (c == "S2" && chalcogen < 5)
            labels.addRow({truth.text(i, 0), truth.text(i, 1), "chalcogen"}), ++chalcogen;
    }
    labels.write(dir.file("labels.csv"));
    const std::string baseCard = std::string(ATOMLENS_SOURCE_DIR) + "/models/mos2-species.yaml";
    const std::string before = fileChecksum(std::string(ATOMLENS_SOURCE_DIR) + "/models/mos2-species.pt");
    const auto r = runCli({"finetune", dir.file("s.tif"), "--model", "mos2-species", "--labels",
                           dir.file("labels.csv"), "--epochs", "60", "-o", dir.file("mine")},
                          dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const ModelCard card = loadModel(dir.file("mine"));
    CHECK(card.classes == std::vector<std::string>{"metal", "chalcogen"});
    CHECK(card.kind == "egnn");
    CHECK(card.training.command.find("finetune") != std::string::npos);
    CHECK(fileChecksum(std::string(ATOMLENS_SOURCE_DIR) + "/models/mos2-species.pt") == before);
    // The new model classifies with its own classes.
    const auto c =
        runCli({"classify", dir.file("s.tif"), "--model", dir.file("mine"), "-o", dir.file("a.csv")}, dir);
    REQUIRE(c.code == 0);
    const CsvTable out = CsvTable::read(dir.file("a.csv"));
    std::map<std::string, int> counts;
    for (std::size_t i = 0; i < out.rowCount(); ++i)
        ++counts[out.text(i, out.requireColumn("class", "a.csv"))];
    CHECK(counts["metal"] > 50);
    CHECK(counts["chalcogen"] > 50);

    // A label on no atom is refused with the file named; so is a single-class label file.
    CsvTable bad({"x", "y", "class"});
    bad.addRow({"-50", "-50", "metal"});
    bad.addRow({"100", "100", "chalcogen"});
    bad.write(dir.file("bad.csv"));
    const auto e = runCli({"finetune", dir.file("s.tif"), "--model", "mos2-species", "--labels",
                           dir.file("bad.csv"), "-o", dir.file("x")},
                          dir);
    CHECK(e.code == 1);
    CHECK(e.err.find("bad.csv") != std::string::npos);
    CHECK(e.err.find("on no atom") != std::string::npos);
}

TEST_CASE("cli: run --chain mos2-defects writes tables, graph, figures and dopant counts",
          "[cli][nn][chain]") {
    if (!shippedModelsPresent()) return;
    TempDir dir;
    const auto r = runCli(
        {"run", std::string(ATOMLENS_SOURCE_DIR) + "/resources/samples/mos2-sample.tif", "--chain",
         std::string(ATOMLENS_SOURCE_DIR) + "/resources/chains/mos2-defects.yaml", "-o", dir.file("out")},
        dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    for (const char* f : {"atoms.csv", "graph.json", "figure.png", "figure.svg", "summary.json"})
        CHECK(std::filesystem::exists(dir.file(std::string("out/") + f)));
    const CsvTable atoms = CsvTable::read(dir.file("out/atoms.csv"));
    for (const char* column :
         {"mos2-species", "mos2-vacancy", "mos2-dopant", "mos2-phase", "dopants beside a vacancy"})
        CHECK(atoms.column(column) >= 0);
    std::ifstream in(dir.file("out/summary.json"));
    const auto summary = nlohmann::json::parse(in);
    CHECK(summary.at("statistics").contains("dopants beside a vacancy"));
    CHECK(summary.at("atoms").get<int>() > 1000);
}

TEST_CASE("cli: train writes a model and a card whose command names every option; --evaluate scores it",
          "[cli][nn]") {
    if (!shippedModelsPresent()) return;
    TempDir dir;
    const auto r = runCli({"train",
                           "--model",
                           "mos2-species",
                           "--images",
                           "2",
                           "--test-images",
                           "1",
                           "--epochs",
                           "2",
                           "--size",
                           "128",
                           "--graphs",
                           "truth",
                           "--cosine-decay",
                           "--pretrain-truth",
                           "1",
                           "--class-weight-power",
                           "0.75",
                           "-o",
                           dir.file("m")},
                          dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.out.find("confusion (rows true, columns predicted)") != std::string::npos);
    const ModelCard card = loadModelCard(dir.file("m/mos2-species.yaml"));
    CHECK(card.classes == std::vector<std::string>{"Mo", "S2", "S1", "empty"});
    for (const char* option : {"--graphs truth", "--cosine-decay", "--pretrain-truth 1",
                               "--class-weight-power 0.75", "--images 2", "--epochs 2"})
        CHECK(card.training.command.find(option) != std::string::npos);
    CHECK(card.training.epochs == 3); // 1 truth-graph epoch + 2
    // The shipped model on held-out images: every class named in the confusion matrix, nothing written.
    const auto e = runCli({"train", "--model", "mos2-species", "--evaluate", "--test-images", "1", "--size",
                           "160", "-o", dir.file("none")},
                          dir);
    INFO(e.err);
    REQUIRE(e.code == 0);
    CHECK(e.out.find("shipped model, held-out accuracy") != std::string::npos);
    for (const char* cls : {"Mo", "S2", "S1", "empty"}) CHECK(e.out.find(cls) != std::string::npos);
    CHECK(!std::filesystem::exists(dir.file("none")));
    // Out-of-range options are refused with a message naming them.
    const auto bad = runCli({"train", "--model", "mos2-species", "--class-weight-power", "2"}, dir);
    CHECK(bad.code != 0);
    CHECK(bad.err.find("--class-weight-power") != std::string::npos);
}

TEST_CASE("cli: train-detector --finetune adapts the FCN to labelled real images and writes a card",
          "[cli][nn]") {
    const std::string image = atomlens::test::sharedData("micrographs/re-single-atoms/re_01.png");
    if (image.empty()) return;
    const std::string labels = atomlens::test::sharedData("micrographs/re-single-atoms/re_01.csv");
    const std::string heldImage = atomlens::test::sharedData("micrographs/re-single-atoms/re_03.png");
    const std::string heldLabels = atomlens::test::sharedData("micrographs/re-single-atoms/re_03.csv");
    atomlens::test::TempDir dir;
    // A couple of steps only: this checks the plumbing (lists, card, held-out scores), not the accuracy.
    const auto r = runCli({"train-detector", "--finetune", "--images", image, "--labels", labels,
                           "--eval-images", heldImage, "--eval-labels", heldLabels, "--steps", "2", "--patch",
                           "32", "--batch", "2", "-o", dir.file("fcn-mine")},
                          dir);
    REQUIRE(r.code == 0);
    CHECK(r.err.find("held-out") != std::string::npos);
    const ModelCard card = loadModelCard(dir.file("fcn-mine.yaml"));
    CHECK(card.kind == "fcn");
    CHECK(card.training.data.find("re_01.png") != std::string::npos);
    CHECK(card.training.steps == 2);
    bool held = false;
    for (const auto& m : card.metrics) held = held || m.note.find("re_03.png") != std::string::npos;
    CHECK(held);
    CHECK(std::filesystem::exists(dir.file("fcn-mine.pt")));
    // The new model detects: detect --method fcn --model CARD.
    const auto d = runCli({"detect", heldImage, "--method", "fcn", "--model", dir.file("fcn-mine.yaml"), "-o",
                           dir.file("atoms.csv")},
                          dir);
    CHECK(d.code == 0);
    // One label file per image, or a clear refusal.
    const auto bad = runCli({"train-detector", "--finetune", "--images", image, heldImage, "--labels", labels,
                             "-o", dir.file("x")},
                            dir);
    CHECK(bad.code != 0);
    CHECK(bad.err.find("2 images but 1 label files") != std::string::npos);
}
