// atomlens-cli classify / finetune / run --chain end to end with the shipped EGNN sub-models.
#include "tests/cli/CliTestSupport.h"

#include "core/detect/DetectionMetrics.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/CsvTable.h"
#include "core/nn/ModelCard.h"
#include "core/simulate/Simulator.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

using namespace atomlens;
using atomlens::test::runCli;
using atomlens::test::sharedData;
using atomlens::test::TempDir;

namespace {
bool shippedModelsPresent() {
    for (const char* name : {"mos2-species", "mos2-vacancy", "mos2-dopant", "mos2-phase"})
        if (!std::filesystem::exists(atomlens::test::sourceDir() + "/models/" + name + ".yaml")) {
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
    const std::string baseCard = atomlens::test::sourceDir() + "/models/mos2-species.yaml";
    const std::string before = fileChecksum(atomlens::test::sourceDir() + "/models/mos2-species.pt");
    const auto r = runCli({"finetune", dir.file("s.tif"), "--model", "mos2-species", "--labels",
                           dir.file("labels.csv"), "--epochs", "60", "-o", dir.file("mine")},
                          dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const ModelCard card = loadModel(dir.file("mine"));
    CHECK(card.classes == std::vector<std::string>{"metal", "chalcogen"});
    CHECK(card.kind == "egnn");
    CHECK(card.training.command.find("finetune") != std::string::npos);
    CHECK(fileChecksum(atomlens::test::sourceDir() + "/models/mos2-species.pt") == before);
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

    // A label outside the image is reported and skipped; when that leaves a single class, the job is
    // refused with the reason.
    CsvTable bad({"x", "y", "class"});
    bad.addRow({"-50", "-50", "metal"});
    bad.addRow({"100", "100", "chalcogen"});
    bad.write(dir.file("bad.csv"));
    const auto e = runCli({"finetune", dir.file("s.tif"), "--model", "mos2-species", "--labels",
                           dir.file("bad.csv"), "-o", dir.file("x")},
                          dir);
    CHECK(e.code == 1);
    CHECK(e.err.find("label 1 'metal' at (-50.0, -50.0): outside the image: skipped") != std::string::npos);
    CHECK(e.err.find("two classes") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("x")));
}

TEST_CASE("cli: run --chain mos2-defects writes tables, graph, figures and dopant counts",
          "[cli][nn][chain]") {
    if (!shippedModelsPresent()) return;
    TempDir dir;
    const auto r =
        runCli({"run", atomlens::test::sourceDir() + "/resources/samples/mos2-sample.tif", "--chain",
                atomlens::test::sourceDir() + "/resources/chains/mos2-defects.yaml", "-o", dir.file("out")},
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

TEST_CASE("cli: train writes a model and a card whose command names every option, --evaluate scores it",
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

TEST_CASE("cli: few-shot on a real MoS2 image with labels anywhere then classify and batch with the "
          "folder",
          "[cli][nn][real]") {
    if (!shippedModelsPresent()) return;
    const std::string image = sharedData("micrographs/mos2-smov/04.jpg");
    const std::string other = sharedData("micrographs/mos2-smov/05.jpg");
    if (image.empty() || other.empty()) return;
    TempDir dir;
    // 5 labels per class (the first of each class in the hand-label file), one outside the image and
    // one on a spot of the lattice where no column is (between three Mo neighbours of an S column).
    const CsvTable hand = CsvTable::read(image.substr(0, image.size() - 4) + ".csv");
    CsvTable labels({"x", "y", "class"});
    std::map<std::string, int> taken;
    for (std::size_t i = 0; i < hand.rowCount(); ++i) {
        const std::string c = hand.text(i, 2);
        const double x = std::stod(hand.text(i, 0)), y = std::stod(hand.text(i, 1));
        if (x < 20 || y < 20 || x > 492 || y > 492 || taken[c] >= 5) continue;
        labels.addRow({hand.text(i, 0), hand.text(i, 1), c}), ++taken[c];
    }
    REQUIRE(taken["V"] == 5);
    labels.addRow({"700", "30", "Mo"});
    labels.write(dir.file("labels.csv"));
    const auto r = runCli({"finetune", image, "--model", "mos2-species", "--labels", dir.file("labels.csv"),
                           "-o", dir.file("tuned")},
                          dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.find("label 16 'Mo' at (700.0, 30.0): outside the image: skipped") != std::string::npos);
    CHECK(r.err.find("15 of 16 labels used") != std::string::npos);
    CHECK(r.err.find("fine-tuning on c") != std::string::npos); // cpu or cuda
    const ModelCard card = loadModel(dir.file("tuned"));
    CHECK(card.classes.size() == 3);
    CHECK_FALSE(card.calibration.method.empty());
    CHECK(card.graphParams.at("method") == "delaunay");

    // The folder classifies another image of the series; scored against its hand labels (4 px).
    const auto c = runCli({"classify", other, "--model", dir.file("tuned"), "-o", dir.file("a.csv")}, dir);
    INFO(c.err);
    REQUIRE(c.code == 0);
    const CsvTable out = CsvTable::read(dir.file("a.csv"));
    const CsvTable truth = CsvTable::read(other.substr(0, other.size() - 4) + ".csv");
    std::vector<Point2> nodes, sites;
    for (std::size_t i = 0; i < out.rowCount(); ++i)
        nodes.push_back({std::stod(out.text(i, out.requireColumn("x", "a"))),
                         std::stod(out.text(i, out.requireColumn("y", "a")))});
    for (std::size_t i = 0; i < truth.rowCount(); ++i)
        sites.push_back({std::stod(truth.text(i, 0)), std::stod(truth.text(i, 1))});
    const PointMatching m = matchPoints(nodes, sites, 4.0);
    std::size_t right = 0;
    std::map<std::string, int> confidences;
    for (const auto& [node, site] : m.pairs) {
        right += out.text(node, out.requireColumn("class", "a")) == truth.text(site, 2) ? 1 : 0;
        ++confidences[out.text(node, out.requireColumn("confidence", "a"))];
    }
    INFO("accuracy on sites with a node " << double(right) / double(m.pairs.size()));
    CHECK(double(m.pairs.size()) > 0.8 * double(sites.size()));
    CHECK(double(right) > 0.95 * double(m.pairs.size()));
    CHECK(confidences.size() > 10); // calibrated: not every confidence 1.00

    // batch --model applies the folder to a whole series (here two images).
    const auto b =
        runCli({"batch", image, other, "--model", dir.file("tuned"), "-o", dir.file("series")}, dir);
    INFO(b.err);
    REQUIRE(b.code == 0);
    const CsvTable merged = CsvTable::read(dir.file("series/merged_atoms.csv"));
    CHECK(merged.rowCount() > 800);
}

TEST_CASE("cli: classify --model graphene-si reports each Si with its coordination (graph rule and model)",
          "[cli][nn][graphene]") {
    if (!std::filesystem::exists(atomlens::test::sourceDir() + "/models/graphene-si.yaml")) {
        WARN("skipped: shipped model graphene-si is absent");
        return;
    }
    TempDir dir;
    REQUIRE(
        runCli({"simulate", "--preset", "graphene-si", "--size", "256", "--seed", "3", "--pixel-size", "0.1",
                "--dose", "1e6", "--si-relaxed", "-o", dir.file("g.tif"), "--truth", dir.file("t.csv")},
               dir)
            .code == 0);
    const auto r = runCli({"classify", dir.file("g.tif"), "--model", "graphene-si", "--dopants",
                           dir.file("dopants.csv"), "-o", dir.file("atoms.csv")},
                          dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.out.find("model (conf)") != std::string::npos); // the terminal table
    const CsvTable truth = CsvTable::read(dir.file("t.csv"));
    const CsvTable dopants = CsvTable::read(dir.file("dopants.csv"));
    for (const char* column :
         {"class", "coordination", "confidence", "rings", "model_class", "model_confidence"})
        CHECK(dopants.column(column) >= 0);
    // Every truth Si well inside the image is in the table with its coordination (graph rule).
    const int tx = truth.requireColumn("x", "t"), ty = truth.requireColumn("y", "t"),
              tc = truth.requireColumn("class", "t");
    const int dx = dopants.requireColumn("x", "d"), dy = dopants.requireColumn("y", "d"),
              dc = dopants.requireColumn("class", "d");
    std::size_t checked = 0;
    for (std::size_t i = 0; i < truth.rowCount(); ++i) {
        const std::string cls = truth.text(i, tc);
        const double x = truth.number(i, tx, "t"), y = truth.number(i, ty, "t");
        if ((cls != "Si3" && cls != "Si4") || x < 22 || y < 22 || x > 233 || y > 233) continue;
        bool found = false;
        for (std::size_t k = 0; k < dopants.rowCount(); ++k)
            if (std::hypot(dopants.number(k, dx, "d") - x, dopants.number(k, dy, "d") - y) < 5) {
                found = true;
                CHECK(dopants.text(k, dc) == cls);
            }
        CHECK(found);
        ++checked;
    }
    CHECK(checked >= 4);
    // The graphene-si chain counts the rule's classes and the model's.
    const auto c =
        runCli({"run", dir.file("g.tif"), "--chain",
                atomlens::test::sourceDir() + "/resources/chains/graphene-si.yaml", "-o", dir.file("out")},
               dir);
    INFO(c.err);
    REQUIRE(c.code == 0);
    std::ifstream in(dir.file("out/summary.json"));
    const auto summary = nlohmann::json::parse(in);
    CHECK(summary.at("statistics").at("dopants Si3 (graph rule)").get<double>() >= 2);
    CHECK(summary.at("statistics").at("dopants Si4 (graph rule)").get<double>() >= 2);
    CHECK(summary.at("statistics").contains("count coordination=Si3"));
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
    bool held = false, classical = false;
    for (const auto& m : card.metrics) {
        held = held || m.note.find("re_03.png") != std::string::npos;
        // The classical detector on the same held-out images, for comparison (re_03: F1 0.613).
        if (m.name == "F1 of the classical detector on the same images")
            classical = m.value > 0.5 && m.value < 0.7;
    }
    CHECK(held);
    CHECK(classical);
    CHECK(r.err.find("classical detector on the same images") != std::string::npos);
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

TEST_CASE("cli: train-detector --finetune --augment-noise records the augmentation and refuses bad levels",
          "[cli][nn]") {
    const std::string image = atomlens::test::sharedData("micrographs/re-single-atoms/re_01.png");
    if (image.empty()) {
        WARN("SKIPPED: ../shared/data/micrographs/re-single-atoms not present");
        return;
    }
    const std::string labels = atomlens::test::sharedData("micrographs/re-single-atoms/re_01.csv");
    atomlens::test::TempDir dir;
    const auto r =
        runCli({"train-detector", "--finetune", "--images", image, "--labels", labels, "--steps", "2",
                "--patch", "32", "--batch", "2", "--augment-noise", "0.15", "-o", dir.file("fcn-aug")},
               dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    const ModelCard card = loadModelCard(dir.file("fcn-aug.yaml"));
    CHECK(card.training.optimiser.find("intensity augmentation") != std::string::npos);
    CHECK(card.training.command.find("--augment-noise 0.15") != std::string::npos);
    for (const char* level : {"-0.1", "2"}) {
        const auto bad = runCli({"train-detector", "--finetune", "--images", image, "--labels", labels,
                                 "--steps", "2", "--augment-noise", level, "-o", dir.file("x")},
                                dir);
        CHECK(bad.code != 0);
        CHECK(bad.err.find("--augment-noise must be between 0 and 1") != std::string::npos);
    }
}
