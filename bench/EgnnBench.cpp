// Bench suite "egnn": parameter counts, invariance, whole-pipeline accuracy of every shipped sub-model
// on held-out simulated images, few-shot adaptation to a new imaging domain, and inference speed.
#include "bench/Benchmark.h"
#include "core/graph/LatticeGraph.h"
#include "core/nn/Classification.h"
#include "core/nn/ComputeDevice.h"
#include "core/nn/NodeFeatures.h"
#include "core/training/EgnnEvaluation.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace atomlens {
namespace {

double seconds(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double invarianceError(const EgnnModel& model, const EgnnInput& input) {
    const auto reference = model.predict(input);
    double worst = 0;
    for (int trial = 0; trial < 4; ++trial) {
        EgnnInput moved = input;
        const double angle = 0.7 + 1.3 * trial, c = std::cos(angle), s = std::sin(angle);
        for (std::size_t i = 0; i < moved.nodeCount; ++i) {
            const double x = trial % 2 ? -input.x[i] : input.x[i];
            moved.x[i] = float(c * x - s * input.y[i] + 3.0 * trial);
            moved.y[i] = float(s * x + c * input.y[i] - 1.5);
        }
        const auto p = model.predict(moved);
        for (std::size_t k = 0; k < p.probabilities.size(); ++k)
            worst = std::max(worst, double(std::fabs(p.probabilities[k] - reference.probabilities[k])));
    }
    return worst;
}

} // namespace

std::vector<BenchResult> runEgnnBench(bool quick) {
    std::vector<BenchResult> out;
    const std::int64_t fcnParameters = loadModel("fcn-atoms").parameterCount;
    const int images = quick ? 1 : 8, size = quick ? 192 : 384;
    for (const auto& recipe : subModelRecipes()) {
        const ModelCard card = loadModel(recipe.name);
        const EgnnModel model = EgnnModel::load(card);
        out.push_back({"egnn",
                       recipe.name + ": parameters (FCN detector has " + std::to_string(fcnParameters) + ")",
                       double(model.parameterCount()), "count",
                       std::to_string(fcnParameters / std::max<std::int64_t>(1, model.parameterCount())) +
                           "x fewer than the FCN"});
        PipelineLabels labels;
        for (int i = 0; i < images; ++i) {
            Random rng(90000 + std::uint64_t(i));
            const std::string& preset = recipe.presets[std::size_t(i) % recipe.presets.size()];
            SimulationParams p = randomImagingConditions(preset, size, 90000 + std::uint64_t(i), rng);
            if (recipe.tune) recipe.tune(p, rng);
            labels.append(evaluatePipeline(recipe, model, simulate(p)));
        }
        const auto m = classificationMetrics(recipe.classes, labels.truth, labels.predicted);
        out.push_back({"egnn",
                       recipe.name + ": accuracy, detect+graph+EGNN on " + std::to_string(images) +
                           " held-out simulated images (" + std::to_string(m.items) + " items)",
                       m.accuracy, "", ""});
        for (const auto& c : m.perClass)
            out.push_back({"egnn",
                           recipe.name + ": F1 " + c.name + " (support " + std::to_string(c.support) + ")",
                           c.f1, "", ""});
        std::fprintf(stderr, "  %s done\n", recipe.name.c_str());
    }
    // Invariance of the shipped species model on a real graph.
    {
        const EgnnModel species = EgnnModel::load(loadModel("mos2-species"));
        SimulationParams p;
        p.width = p.height = 256;
        p.seed = 4242;
        Random rng(1);
        const EgnnInput input = makeTrainingGraph(subModelRecipe("mos2-species"), simulate(p), rng);
        out.push_back({"egnn",
                       "largest probability change under rotation/reflection/translation of coordinates",
                       invarianceError(species, input), "", "target <= 1e-5"});
    }
    // Few-shot on a new imaging domain.
    {
        const EgnnModel species = EgnnModel::load(loadModel("mos2-species"));
        const auto e = runFewShotExperiment(species, 5, quick ? 2 : 10, quick ? 192 : 256, 7, true);
        out.push_back(
            {"egnn",
             "new domain: shipped species model without tuning (" + std::to_string(e.testItems) + " columns)",
             e.shippedAccuracy, "", ""});
        out.push_back(
            {"egnn",
             "new domain: fine-tuned from shipped on " + std::to_string(e.labels) + " labels (5/class)",
             e.fromShippedAccuracy, "", "target >= 0.95"});
        out.push_back(
            {"egnn", "new domain: trained from scratch on the same labels", e.fromScratchAccuracy, "", ""});
        out.push_back({"egnn",
                       "new domain: fine-tuning time from shipped (" + activeDeviceDescription() + ")",
                       e.fromShippedSeconds, "s", "target < 10 s"});
        out.push_back({"egnn", "new domain: training time from scratch", e.fromScratchSeconds, "s", ""});
        out.push_back(
            {"egnn", "new domain: cross-validated accuracy on the labels", e.crossValidated, "", ""});
    }
    // Inference speed: a 4096x4096 MoS2 image, truth positions as atoms (detection is timed by 'detect').
    {
        SimulationParams p;
        p.width = p.height = quick ? 1024 : 4096;
        p.seed = 5;
        const auto sim = simulate(p);
        const AtomTable atoms = truthAtoms(sim);
        const EgnnModel species = EgnnModel::load(loadModel("mos2-species"));
        auto t0 = std::chrono::steady_clock::now();
        const PreparedGraph prepared = prepareGraph(sim.micrograph.frame(0), atoms, false);
        const double graphSeconds = seconds(t0);
        t0 = std::chrono::steady_clock::now();
        const EgnnInput input = makeEgnnInput(sim.micrograph.frame(0), prepared.graph, false);
        const double featureSeconds = seconds(t0);
        t0 = std::chrono::steady_clock::now();
        const auto prediction = species.predict(input);
        const double predictSeconds = seconds(t0);
        const std::string n = std::to_string(prediction.itemCount);
        out.push_back({"egnn", "lattice graph with ideal sites, " + n + " nodes", graphSeconds, "s", ""});
        out.push_back({"egnn", "node features, " + n + " nodes", featureSeconds, "s", ""});
        out.push_back({"egnn", "EGNN forward pass (one batch), " + n + " nodes", predictSeconds, "s",
                       "on " + activeDeviceDescription()});
        out.push_back({"egnn", "inference = features + forward, " + n + " nodes",
                       featureSeconds + predictSeconds, "s", "target < 1 s for 100k atoms"});
        // The vacancy model passes messages over radius edges (second neighbours): more edges, and
        // the edges are found inside predict().
        const EgnnModel vacancy = EgnnModel::load(loadModel("mos2-vacancy"));
        t0 = std::chrono::steady_clock::now();
        vacancy.predict(input);
        out.push_back({"egnn",
                       "mos2-vacancy forward pass incl. its radius edges (reach " +
                           std::to_string(vacancy.architecture().edgeReach).substr(0, 3) + " bonds), " + n +
                           " nodes",
                       seconds(t0), "s", "plus the features above"});
    }
    return out;
}

} // namespace atomlens
