#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/DeviceOption.h"
#include "app/cli/TerminalJob.h"

#include "core/training/SubModelTraining.h"

#include <cstdio>
#include <stdexcept>

namespace atomlens::cli {
namespace {

void printMetrics(const SubModelRecipe& recipe, const ClassificationMetrics& m) {
    for (const auto& c : m.perClass)
        std::printf("    %-12s F1 %.4f  precision %.4f  recall %.4f  support %zu\n", c.name.c_str(), c.f1,
                    c.precision, c.recall, c.support);
    std::printf("    confusion (rows true, columns predicted):");
    for (const auto& c : recipe.classes) std::printf(" %10s", c.c_str());
    for (std::size_t t = 0; t < m.confusion.size(); ++t) {
        std::printf("\n    %38s", recipe.classes[t].c_str());
        for (std::size_t n : m.confusion[t]) std::printf(" %10zu", n);
    }
    std::printf("\n");
    std::fflush(stdout);
}

} // namespace

int cmdTrain(const std::vector<std::string>& argv) {
    const CliArgs args(argv,
                       {"model", "seed", "images", "test-images", "epochs", "size", "graphs", "clip-grad",
                        "hidden", "class-weight-power", "pretrain-truth", "learning-rate", "edge-reach", "o",
                        "output", "device"},
                       {"all", "no-augment", "cosine-decay", "evaluate"});
    applyDeviceOption(args, "train");
    const std::string out = args.has("o") ? args.get("o") : args.get("output", "models");
    SubModelTrainingOptions o;
    o.seed = std::uint64_t(args.integer("seed", 1));
    o.trainImages = int(args.integer("images", o.trainImages));
    o.testImages = int(args.integer("test-images", o.testImages));
    o.epochs = int(args.integer("epochs", o.epochs));
    o.imageSize = int(args.integer("size", o.imageSize));
    o.graphs = args.get("graphs", o.graphs);
    o.augment = !args.has("no-augment");
    o.clipGradNorm = args.number("clip-grad", 0.0);
    o.cosineDecay = args.has("cosine-decay");
    o.hidden = int(args.integer("hidden", 0));
    o.classWeightPower = args.number("class-weight-power", 0.5);
    o.pretrainTruthEpochs = int(args.integer("pretrain-truth", 0));
    o.learningRate = args.number("learning-rate", 0.01);
    o.edgeReach = args.number("edge-reach", 0.0);
    if (!(o.edgeReach >= 0 && o.edgeReach <= 4))
        throw std::invalid_argument("--edge-reach must be 0 (the lattice graph's edges) to 4 bond lengths");
    if (!(o.learningRate > 0 && o.learningRate <= 1))
        throw std::invalid_argument("--learning-rate must be in (0, 1]");
    if (o.pretrainTruthEpochs < 0) throw std::invalid_argument("--pretrain-truth must be 0 or more epochs");
    if (!(o.classWeightPower >= 0 && o.classWeightPower <= 1))
        throw std::invalid_argument("--class-weight-power must be between 0 and 1");
    if (o.hidden < 0 || o.hidden > 64)
        throw std::invalid_argument("--hidden must be between 1 and 64 (0 = the recipe's width)");
    if (o.graphs != "detected" && o.graphs != "truth" && o.graphs != "mixed")
        throw std::invalid_argument("--graphs must be detected, truth or mixed");
    if (o.trainImages < 1 || o.testImages < 1 || o.epochs < 1 || o.imageSize < 64)
        throw std::invalid_argument(
            "--images, --test-images and --epochs must be positive and --size at least 64");
    std::vector<const SubModelRecipe*> recipes;
    if (args.has("all"))
        for (const auto& r : subModelRecipes()) recipes.push_back(&r);
    else
        recipes.push_back(&subModelRecipe(args.require("model")));
    TerminalJob job;
    for (const auto* recipe : recipes) {
        if (args.has("evaluate")) { // the shipped model on the held-out images training would use
            const EgnnModel model = EgnnModel::load(loadModel(recipe->name));
            const auto test = makeRecipeGraphs(*recipe, o.testImages, o.imageSize, 1000 * o.seed + 500, job);
            const auto m = evaluateOnGraphs(model, test, recipe->classes, recipe->graphLevel);
            std::printf("%-14s shipped model, held-out accuracy %.4f on %d images\n", recipe->name.c_str(),
                        m.accuracy, o.testImages);
            printMetrics(*recipe, m);
            continue;
        }
        const auto trained = trainSubModel(*recipe, o, job);
        const std::string command =
            "atomlens-cli train --model " + recipe->name + " --seed " + std::to_string(o.seed) +
            " --images " + std::to_string(o.trainImages) + " --test-images " + std::to_string(o.testImages) +
            " --epochs " + std::to_string(o.epochs) + " --size " + std::to_string(o.imageSize) +
            (o.graphs != "detected" ? " --graphs " + o.graphs : std::string()) +
            (o.augment ? std::string() : std::string(" --no-augment")) +
            (o.clipGradNorm > 0 ? " --clip-grad " + args.get("clip-grad") : std::string()) +
            (o.cosineDecay ? std::string(" --cosine-decay") : std::string()) +
            (o.hidden > 0 ? " --hidden " + std::to_string(o.hidden) : std::string()) +
            (o.classWeightPower != 0.5 ? " --class-weight-power " + args.get("class-weight-power")
                                       : std::string()) +
            (o.learningRate != 0.01 ? " --learning-rate " + args.get("learning-rate") : std::string()) +
            (o.edgeReach > 0 ? " --edge-reach " + args.get("edge-reach") : std::string()) +
            (o.pretrainTruthEpochs > 0 ? " --pretrain-truth " + std::to_string(o.pretrainTruthEpochs)
                                       : std::string()) +
            " -o models";
        writeSubModel(trained, *recipe, o, out, command);
        std::printf("%-14s %6lld parameters  held-out accuracy %.4f  (%.1f s training)\n",
                    recipe->name.c_str(), static_cast<long long>(trained.model.parameterCount()),
                    trained.heldOut.accuracy, trained.report.seconds);
        printMetrics(*recipe, trained.heldOut);
    }
    return 0;
}

} // namespace atomlens::cli
