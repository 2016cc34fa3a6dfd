#include "core/training/SubModelTraining.h"

#include "core/simulate/Presets.h"
#include "core/training/PipelineGraph.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace atomlens {

const ClassMetrics& ClassificationMetrics::of(const std::string& name) const {
    for (const auto& c : perClass)
        if (c.name == name) return c;
    throw std::invalid_argument("no metrics for class '" + name + "'");
}

ClassificationMetrics classificationMetrics(const std::vector<std::string>& classes,
                                            const std::vector<std::int64_t>& truth,
                                            const std::vector<int>& predicted) {
    const std::size_t k = classes.size();
    std::vector<double> tp(k, 0), fp(k, 0), fn(k, 0), support(k, 0);
    ClassificationMetrics m;
    m.confusion.assign(k, std::vector<std::size_t>(k, 0));
    double right = 0;
    for (std::size_t i = 0; i < truth.size() && i < predicted.size(); ++i) {
        if (truth[i] < 0 || std::size_t(truth[i]) >= k) continue;
        const auto t = std::size_t(truth[i]), p = std::size_t(predicted[i]);
        ++m.items, support[t] += 1;
        if (p < k) ++m.confusion[t][p];
        if (t == p)
            tp[t] += 1, right += 1;
        else {
            fn[t] += 1;
            if (p < k) fp[p] += 1;
        }
    }
    m.accuracy = m.items ? right / double(m.items) : 0;
    for (std::size_t c = 0; c < k; ++c) {
        ClassMetrics cm;
        cm.name = classes[c];
        cm.support = std::size_t(support[c]);
        cm.precision = tp[c] + fp[c] > 0 ? tp[c] / (tp[c] + fp[c]) : 0;
        cm.recall = tp[c] + fn[c] > 0 ? tp[c] / (tp[c] + fn[c]) : 0;
        cm.f1 = cm.precision + cm.recall > 0 ? 2 * cm.precision * cm.recall / (cm.precision + cm.recall) : 0;
        m.perClass.push_back(cm);
    }
    return m;
}

std::vector<EgnnInput> makeRecipeGraphs(const SubModelRecipe& recipe, int count, int size,
                                        std::uint64_t seedBase, JobContext& job, const std::string& graphs,
                                        bool augment) {
    if (graphs != "detected" && graphs != "truth" && graphs != "mixed")
        throw std::invalid_argument("training graphs must be 'detected', 'truth' or 'mixed', not '" + graphs +
                                    "'");
    std::vector<EgnnInput> out;
    for (int i = 0; i < count; ++i) {
        job.throwIfCanceled();
        job.setProgress(i, count, "simulating " + recipe.name + " image " + std::to_string(i + 1));
        const std::uint64_t seed = seedBase + std::uint64_t(i);
        Random rng(seed * 7919 + 17);
        const std::string& preset = recipe.presets[std::size_t(i) % recipe.presets.size()];
        SimulationParams p = randomImagingConditions(preset, size, seed, rng);
        if (recipe.tune) recipe.tune(p, rng);
        SimulationResult sim = simulate(p);
        if (augment) augmentImaging(sim, rng);
        EgnnInput graph;
        if (graphs == "truth" || (graphs == "mixed" && i % 4 == 3))
            graph = makeTrainingGraph(recipe, sim, rng);
        else
            graph = labelPipelineGraph(recipe, sim, job).prepared.input;
        const auto& labels = recipe.graphLevel ? graph.groupLabels : graph.labels;
        if (std::any_of(labels.begin(), labels.end(), [](std::int64_t l) { return l >= 0; }))
            out.push_back(std::move(graph));
    }
    return out;
}

TrainedSubModel trainSubModel(const SubModelRecipe& recipe, const SubModelTrainingOptions& o,
                              JobContext& job) {
    const auto train =
        makeRecipeGraphs(recipe, o.trainImages, o.imageSize, 1000 * o.seed, job, o.graphs, o.augment);
    if (train.empty())
        throw std::runtime_error(recipe.name + ": detection found nothing on any training image");
    const auto test = makeRecipeGraphs(recipe, o.testImages, o.imageSize, 1000 * o.seed + 500, job);
    EgnnArchitecture arch;
    arch.graphLevel = recipe.graphLevel;
    arch.hidden = o.hidden > 0 ? o.hidden : recipe.hidden;
    arch.edgeReach = o.edgeReach;
    TrainedSubModel out{EgnnModel(recipe.classes, arch, o.seed), {}, {}};
    EgnnTrainOptions t;
    t.epochs = o.epochs;
    t.seed = o.seed;
    t.threads = o.threads;
    t.clipGradNorm = o.clipGradNorm;
    t.cosineDecay = o.cosineDecay;
    t.classWeightPower = o.classWeightPower;
    t.learningRate = o.learningRate;
    // Progress per epoch ("<model>: <phase>epoch E loss L accuracy A"); false stops when cancelled.
    auto reporter = [&](int epochs, const std::string& phase) {
        return [&job, &recipe, epochs, phase](int epoch, double loss, double accuracy) {
            job.setProgress(epoch, epochs,
                            recipe.name + ": " + phase + "epoch " + std::to_string(epoch) + " loss " +
                                std::to_string(loss).substr(0, 6) + " accuracy " +
                                std::to_string(accuracy).substr(0, 5));
            return !job.isCanceled();
        };
    };
    t.progress = reporter(o.epochs, "");
    if (o.pretrainTruthEpochs > 0) {
        // First the same images as truth graphs (clean positions, every column present): the relations
        // between neighbours are learnt there; the main epochs then adapt them to detected graphs.
        const auto truth =
            makeRecipeGraphs(recipe, o.trainImages, o.imageSize, 1000 * o.seed, job, "truth", o.augment);
        EgnnTrainOptions pre = t;
        pre.epochs = o.pretrainTruthEpochs;
        pre.learningRate = 0.01;
        pre.progress = reporter(o.pretrainTruthEpochs, "truth-graph ");
        out.model.train(truth, pre);
        job.throwIfCanceled();
    }
    out.report = out.model.train(train, t);
    job.throwIfCanceled();
    out.heldOut = evaluateOnGraphs(out.model, test, recipe.classes, recipe.graphLevel);
    return out;
}

ClassificationMetrics evaluateOnGraphs(const EgnnModel& model, const std::vector<EgnnInput>& graphs,
                                       const std::vector<std::string>& classes, bool graphLevel) {
    std::vector<std::int64_t> truth;
    std::vector<int> predicted;
    for (const auto& g : graphs) {
        const auto p = model.predict(g);
        const auto& labels = graphLevel ? g.groupLabels : g.labels;
        for (std::size_t i = 0; i < labels.size(); ++i)
            truth.push_back(labels[i]), predicted.push_back(p.best(i));
    }
    return classificationMetrics(classes, truth, predicted);
}

void writeSubModel(const TrainedSubModel& trained, const SubModelRecipe& recipe,
                   const SubModelTrainingOptions& o, const std::string& folder, const std::string& command) {
    std::filesystem::create_directories(folder);
    ModelCard card;
    card.name = recipe.name;
    card.description = recipe.description;
    const auto weights = (std::filesystem::path(folder) / (recipe.name + ".pt")).string();
    trained.model.saveWeights(card, weights);
    if (recipe.name == "graphene-si") card.inputs.atoms = "graphene"; // its recipe's detect (detectForModel)
    std::string presets;
    for (const auto& p : recipe.presets) presets += (presets.empty() ? "" : ", ") + p;
    const PresetDefaults defaults = presetDefaults(recipe.presets.front());
    card.inputs.pixelSizeMin = 0.7 * defaults.pixelSize, card.inputs.pixelSizeMax = 1.3 * defaults.pixelSize;
    if (recipe.pixelSizeMax > 0)
        card.inputs.pixelSizeMin = recipe.pixelSizeMin, card.inputs.pixelSizeMax = recipe.pixelSizeMax;
    card.training.command = command;
    card.training.seed = o.seed;
    const std::string atoms = recipe.atomsText.empty()
                                  ? "classical detection, lattice graph with empty ideal sites"
                                  : recipe.atomsText;
    const std::string source =
        o.graphs == "truth" ? "truth positions plus 3% of a bond of Gaussian noise"
        : o.graphs == "mixed"
            ? "3 in 4 images as the pipeline sees them (" + atoms +
                  ", nodes labelled by Hungarian matching to truth within 0.3 bond, unmatched nodes "
                  "masked), 1 in 4 from truth positions plus 3% bond noise"
            : "graphs as the pipeline sees them (" + atoms +
                  ", nodes labelled by Hungarian matching to truth within 0.3 bond, unmatched nodes "
                  "masked)";
    card.training.data =
        std::to_string(o.trainImages) + " simulated " + std::to_string(o.imageSize) + "x" +
        std::to_string(o.imageSize) + " images (" + presets + "; seeds 1000*seed+i), " +
        (recipe.conditionsText.empty()
             ? std::string("dose 3e4-2e6 e/A^2 log-uniform, pixel size and probe +-30%")
             : recipe.conditionsText) +
        ", random rotation, strain up to 2%, drift, scan jitter, read noise, background" +
        (o.augment
             ? std::string(", detector gamma 0.75-1.35, extra blur up to 0.8 px, JPEG q50-95 on a third")
             : std::string()) +
        "; " + source + "; feature noise and brightness jitter while training";
    if (o.pretrainTruthEpochs > 0)
        card.training.data +=
            "; before that " + std::to_string(o.pretrainTruthEpochs) +
            " epochs on truth graphs of the same images (truth positions plus 3% bond noise)";
    card.training.epochs = trained.report.epochs + o.pretrainTruthEpochs;
    card.training.steps = (trained.report.epochs + o.pretrainTruthEpochs) * o.trainImages;
    card.training.optimiser =
        "AdamW lr " + std::to_string(o.learningRate).substr(0, 6) +
        (o.cosineDecay ? " (cosine decay to 5%)" : "") + " weight decay 5e-4, cross-entropy weighted by " +
        (o.classWeightPower == 0.5 ? std::string("1/sqrt(class frequency)")
                                   : "class frequency^-" + std::to_string(o.classWeightPower).substr(0, 4)) +
        (o.clipGradNorm > 0 ? ", gradient norm clipped to " + std::to_string(o.clipGradNorm).substr(0, 4)
                            : std::string());
    card.metrics.push_back({"accuracy (held-out simulated, whole pipeline)", trained.heldOut.accuracy,
                            std::to_string(trained.heldOut.items) + " items matched to truth in " +
                                std::to_string(o.testImages) +
                                " images with seeds never used in training (detect, graph, EGNN)"});
    for (const auto& c : trained.heldOut.perClass)
        card.metrics.push_back({"F1 " + c.name, c.f1,
                                "precision " + std::to_string(c.precision).substr(0, 5) + ", recall " +
                                    std::to_string(c.recall).substr(0, 5) + ", support " +
                                    std::to_string(c.support)});
    char date[16];
    const std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
    card.created = date;
    saveModelCard(card, (std::filesystem::path(folder) / (recipe.name + ".yaml")).string());
}

} // namespace atomlens
