// Batched inference across images (issue 17): one forward pass over several graphs gives every graph
// exactly the prediction it gets alone (node-level with radius edges and a feature reference, and
// graph-level rings), and the InferenceBatcher joins concurrent callers into shared passes.
#include "tests/TestSupport.h"
#include "tests/core/EgnnTestSupport.h"

#include "core/nn/EgnnModel.h"
#include "core/nn/InferenceBatcher.h"
#include "core/training/PipelineGraph.h"
#include "core/training/SubModelRecipes.h"

#include <cmath>
#include <thread>

using namespace atomlens;
using atomlens::test::maxDifference;

namespace {

std::vector<EgnnInput> graphs(const std::string& recipeName, const std::string& preset, int count) {
    const auto& recipe = subModelRecipe(recipeName);
    std::vector<EgnnInput> out;
    Random rng(11);
    for (int k = 0; k < count; ++k) {
        SimulationParams p;
        p.preset = preset;
        p.width = p.height = 96 + 32 * (k % 3); // graphs of different sizes
        p.seed = std::uint64_t(70 + k);
        out.push_back(makeTrainingGraph(recipe, simulate(p), rng));
    }
    return out;
}

} // namespace

TEST_CASE("one pass over several graphs predicts each exactly as alone", "[nn][batching]") {
    const bool graphLevel = GENERATE(false, true);
    INFO("graph level " << graphLevel);
    const auto inputs = graphLevel ? graphs("gb-ring", "mos2-gb", 3) : graphs("mos2-species", "mos2", 4);
    EgnnArchitecture arch;
    arch.graphLevel = graphLevel;
    if (!graphLevel) arch.edgeReach = 1.9; // radius edges must stay inside each graph
    EgnnModel model(graphLevel ? subModelRecipe("gb-ring").classes : subModelRecipe("mos2-species").classes,
                    arch, 5);
    if (!graphLevel)
        model.setFeatureReference(EgnnModel::featureQuartiles({inputs[0]})); // per-graph alignment
    std::vector<const EgnnInput*> pointers;
    for (const auto& g : inputs) pointers.push_back(&g);
    EgnnInput empty; // an empty graph in the middle gets an empty prediction and shifts nothing
    pointers.insert(pointers.begin() + 1, &empty);
    const auto batched = model.predictBatch(pointers);
    REQUIRE(batched.size() == pointers.size());
    CHECK(batched[1].itemCount == 0);
    CHECK(batched[1].probabilities.empty());
    for (std::size_t k = 0; k < pointers.size(); ++k) {
        if (pointers[k] == &empty) continue;
        INFO("graph " << k);
        CHECK(batched[k].itemCount == (graphLevel ? pointers[k]->groupCount() : pointers[k]->nodeCount));
        CHECK(maxDifference(batched[k], model.predict(*pointers[k])) < 1e-5);
    }
}

TEST_CASE("the inference batcher joins concurrent callers into shared passes with their own answers",
          "[nn][batching]") {
    const auto inputs = graphs("mos2-species", "mos2", 6);
    const EgnnModel model(subModelRecipe("mos2-species").classes, EgnnArchitecture{}, 9);
    std::vector<EgnnPrediction> alone;
    for (const auto& g : inputs) alone.push_back(model.predict(g));

    auto& batcher = InferenceBatcher::instance();
    CHECK(batcher.mode() == InferenceBatcher::Mode::Auto);
    batcher.resetStats();
    (void)batcher.predict(model, inputs[0]); // Auto on the CPU: not batched
    CHECK(batcher.stats().graphs == 0);

    batcher.setMode(InferenceBatcher::Mode::On);
    batcher.setWindow(2000); // generous: the six threads must meet even on a loaded machine
    batcher.setMaxGraphs(3);
    batcher.resetStats();
    std::vector<EgnnPrediction> got(inputs.size());
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < inputs.size(); ++k)
        threads.emplace_back([&, k] { got[k] = batcher.predict(model, inputs[k]); });
    for (auto& t : threads) t.join();
    const auto stats = batcher.stats();
    batcher.setMode(InferenceBatcher::Mode::Auto);
    batcher.setWindow(20);
    batcher.setMaxGraphs(16);
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        INFO("caller " << k);
        CHECK(maxDifference(got[k], alone[k]) < 1e-5);
    }
    CHECK(stats.graphs == 6);
    CHECK(stats.largest == 3); // full batches: six callers in two passes of three
    CHECK(stats.passes == 2);
}
