#include "tests/TestSupport.h"
#include "tests/core/EgnnTestSupport.h"

#include "core/data/Errors.h"
#include "core/graph/LatticeGraph.h"
#include "core/nn/EgnnModel.h"
#include "core/nn/ModelCard.h"
#include "core/nn/NodeFeatures.h"
#include "core/training/PipelineGraph.h"
#include "core/training/SubModelRecipes.h"

#include <cmath>
#include <fstream>

using namespace atomlens;
using atomlens::test::maxDifference;
using atomlens::test::TempDir;

namespace {

SimulationResult smallMoS2(std::uint64_t seed, int size = 160) {
    SimulationParams p;
    p.width = p.height = size;
    p.seed = seed;
    p.dose = 2e5;
    p.sSingleVacancy = 0.06, p.sEmpty = 0.03, p.moVacancy = 0.02;
    return simulate(p);
}

} // namespace

TEST_CASE("EGNN predictions are invariant to rotation, reflection and translation of the coordinates",
          "[nn][egnn]") {
    Random rng(3);
    const auto sim = smallMoS2(5);
    const EgnnInput input = makeTrainingGraph(subModelRecipe("mos2-species"), sim, rng);
    EgnnArchitecture reachArch;
    reachArch.edgeReach = 1.9; // radius edges (second neighbours) instead of the lattice graph's
    const bool radius = GENERATE(false, true);
    INFO("radius edges " << radius);
    const EgnnModel model({"a", "b", "c"}, radius ? reachArch : EgnnArchitecture{},
                          7); // untrained: invariance holds for any weights
    const EgnnPrediction reference = model.predict(input);
    for (double angle : {0.3, 1.234, 2.9, 4.4}) {
        for (bool mirror : {false, true}) {
            EgnnInput moved = input;
            const double c = std::cos(angle), s = std::sin(angle);
            for (std::size_t i = 0; i < moved.nodeCount; ++i) {
                const double x = mirror ? -input.x[i] : input.x[i], y = input.y[i];
                moved.x[i] = float(c * x - s * y + 17.5);
                moved.y[i] = float(s * x + c * y - 3.25);
            }
            INFO("angle " << angle << " mirror " << mirror);
            CHECK(maxDifference(reference, model.predict(moved)) < 1e-5);
        }
    }
}

TEST_CASE("Node features do not change when the image is rotated by 90 degrees or mirrored", "[nn][egnn]") {
    const auto sim = smallMoS2(6, 128);
    const Image& img = sim.micrograph.frame(0);
    const int n = img.width();
    Image rotated(n, n), mirrored(n, n);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            rotated.at(n - 1 - y, x) = img.at(x, y); // (x, y) -> (n-1-y, x)
            mirrored.at(n - 1 - x, y) = img.at(x, y);
        }
    std::vector<double> xs, ys, xr, yr, xm, ym;
    for (const auto& t : sim.truth) {
        if (t.x < 8 || t.y < 8 || t.x > n - 9 || t.y > n - 9) continue;
        xs.push_back(t.x), ys.push_back(t.y);
        xr.push_back(n - 1 - t.y), yr.push_back(t.x);
        xm.push_back(n - 1 - t.x), ym.push_back(t.y);
    }
    const double bond = typicalBondLength(xs, ys);
    const auto a = computeNodeFeatures(img, xs, ys, bond);
    const auto b = computeNodeFeatures(rotated, xr, yr, bond);
    const auto c = computeNodeFeatures(mirrored, xm, ym, bond);
    REQUIRE(a.size() == b.size());
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        worst = std::max({worst, double(std::fabs(a[i] - b[i])), double(std::fabs(a[i] - c[i]))});
    CHECK(worst < 1e-5);
}

TEST_CASE("An EGNN learns MoS2 species on simulated images and generalises to another seed", "[nn][egnn]") {
    const auto& recipe = subModelRecipe("mos2-species");
    Random rng(11);
    std::vector<EgnnInput> train;
    for (std::uint64_t seed : {21, 22, 23}) train.push_back(makeTrainingGraph(recipe, smallMoS2(seed), rng));
    EgnnModel model(recipe.classes, EgnnArchitecture{}, 1);
    CHECK(model.parameterCount() > 2000);
    CHECK(model.parameterCount() < 20000);
    EgnnTrainOptions options;
    options.epochs = 60;
    const auto report = model.train(train, options);
    CHECK(report.lossHistory.front() > report.lossHistory.back());
    const EgnnInput test = makeTrainingGraph(recipe, smallMoS2(99), rng);
    CHECK(labelledAccuracy(model.predict(test), test, false) > 0.95);

    TempDir dir;
    ModelCard card;
    card.name = "test-species";
    card.description = "unit test";
    card.created = "2026-11-21";
    card.training.command = "test_egnn";
    card.training.data = "three simulated 160x160 MoS2 images";
    card.training.optimiser = "AdamW lr 0.01";
    card.training.epochs = options.epochs;
    model.saveWeights(card, dir.file("test-species.pt"));
    saveModelCard(card, dir.file("test-species.yaml"));
    const EgnnModel loaded = EgnnModel::load(loadModelCard(dir.file("test-species.yaml")));
    CHECK(maxDifference(model.predict(test), loaded.predict(test)) < 1e-6);
    CHECK(loaded.classes() == recipe.classes);

    // A damaged weights file is refused with the file's name.
    std::ofstream(dir.file("test-species.pt"), std::ios::binary | std::ios::trunc) << "not weights";
    CHECK_THROWS_AS(EgnnModel::load(loadModelCard(dir.file("test-species.yaml"))), InputError);
}

TEST_CASE("Graph-level EGNN pools ring members into one prediction per ring", "[nn][egnn]") {
    const auto& recipe = subModelRecipe("gb-ring");
    SimulationParams p;
    p.preset = "mos2-gb";
    p.width = p.height = 192;
    p.seed = 4;
    Random rng(2);
    const EgnnInput input = makeTrainingGraph(recipe, simulate(p), rng);
    REQUIRE(input.groupCount() > 20);
    int nonHexagons = 0;
    for (auto l : input.groupLabels) nonHexagons += l == 1;
    CHECK(nonHexagons > 0);
    EgnnArchitecture arch;
    arch.graphLevel = true;
    const EgnnModel model(recipe.classes, arch, 3);
    const auto prediction = model.predict(input);
    CHECK(prediction.itemCount == input.groupCount());
    for (std::size_t g = 0; g < prediction.itemCount; ++g) {
        const double sum = prediction.probabilities[2 * g] + prediction.probabilities[2 * g + 1];
        CHECK(sum == Approx(1.0).margin(1e-5));
    }
}

TEST_CASE("Pipeline graphs carry the truth label of the column each detected node stands on", "[nn][egnn]") {
    const auto& recipe = subModelRecipe("mos2-species");
    const auto sim = smallMoS2(31, 192);
    const LabelledPipelineGraph labelled = labelPipelineGraph(recipe, sim);
    REQUIRE_FALSE(labelled.failed());
    CHECK(double(labelled.unmatchedTruth) < 0.05 * double(labelled.truthItems));
    const auto& graph = labelled.prepared.graph;
    const auto& labels = labelled.prepared.input.labels;
    REQUIRE(labels.size() == graph.nodeCount());
    // Brute-force reference: a labelled node's nearest truth column is within 0.3 bonds and gives its
    // label (columns are ~1 bond apart, so the Hungarian partner is the nearest one).
    std::size_t checked = 0, emptyOnEmptySite = 0;
    for (std::size_t i = 0; i < graph.nodeCount(); ++i) {
        if (labels[i] < 0) continue;
        const TruthColumn* nearest = nullptr;
        double best = 1e30;
        for (const auto& t : sim.truth) {
            const double d = std::hypot(t.x - graph.x[i], t.y - graph.y[i]);
            if (t.frame == 0 && d < best) best = d, nearest = &t;
        }
        REQUIRE(nearest);
        CHECK(best <= 0.3 * graph.bondLength);
        CHECK(labels[i] == recipe.label(*nearest));
        ++checked;
        emptyOnEmptySite += (graph.flags[i] & kFlagEmptySite) && labels[i] == 3;
    }
    CHECK(checked > 0.9 * double(graph.nodeCount()));
    CHECK(emptyOnEmptySite > 0); // predicted empty ideal sites are matched to truth empty sites
}

TEST_CASE("Training augmentation degrades the image but leaves the columns where the truth says",
          "[nn][egnn]") {
    const auto& recipe = subModelRecipe("mos2-dopant");
    auto sim = smallMoS2(32, 160);
    const auto original = sim.micrograph.frame(0).pixels();
    Random a(5), b(5);
    auto copy = sim;
    augmentImaging(sim, a);
    augmentImaging(copy, b);
    CHECK(sim.micrograph.frame(0).pixels() == copy.micrograph.frame(0).pixels()); // deterministic
    CHECK(sim.micrograph.frame(0).pixels() != original);
    const LabelledPipelineGraph labelled = labelPipelineGraph(recipe, sim);
    REQUIRE_FALSE(labelled.failed());
    CHECK(double(labelled.unmatchedTruth) < 0.1 * double(labelled.truthItems));
}

TEST_CASE("Radius edges change what an EGNN sees and survive the model card", "[nn][egnn]") {
    Random rng(4);
    const auto sim = smallMoS2(6);
    const EgnnInput input = makeTrainingGraph(subModelRecipe("mos2-species"), sim, rng);
    EgnnArchitecture reach;
    reach.edgeReach = 1.9;
    const EgnnModel lattice({"a", "b"}, EgnnArchitecture{}, 11), radius({"a", "b"}, reach, 11);
    // Same seed, same weights: only the edges differ, so the answers must too.
    CHECK(maxDifference(lattice.predict(input), radius.predict(input)) > 1e-4);
    TempDir dir;
    ModelCard card;
    card.name = "reach-test";
    card.description = "radius-edge round trip";
    card.training.command = "(test)", card.training.data = "(test)", card.training.optimiser = "(test)";
    card.created = "2026-11-21";
    card.cardPath = dir.file("reach-test.yaml");
    radius.saveWeights(card, dir.file("reach-test.pt"));
    REQUIRE(card.architecture.count("edge_reach") == 1);
    saveModelCard(card, card.cardPath);
    const EgnnModel loaded = EgnnModel::load(loadModelCard(card.cardPath));
    CHECK(loaded.architecture().edgeReach == Approx(1.9));
    CHECK(maxDifference(radius.predict(input), loaded.predict(input)) < 1e-6);
    // A card with an impossible reach is refused with a message naming the file.
    card.architecture["edge_reach"] = "-3";
    saveModelCard(card, card.cardPath);
    CHECK_THROWS_WITH(EgnnModel::load(loadModelCard(card.cardPath)),
                      Catch::Contains("edge_reach") && Catch::Contains("reach-test.yaml"));
}
