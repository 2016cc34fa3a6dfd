#include "core/training/EgnnEvaluation.h"

#include "core/nn/FewShot.h"
#include "core/training/PipelineGraph.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace atomlens {
void PipelineLabels::append(const PipelineLabels& o) {
    truth.insert(truth.end(), o.truth.begin(), o.truth.end());
    predicted.insert(predicted.end(), o.predicted.begin(), o.predicted.end());
    unmatchedTruth += o.unmatchedTruth, unmatchedItems += o.unmatchedItems;
}

PipelineLabels evaluatePipeline(const SubModelRecipe& recipe, const EgnnModel& model,
                                const SimulationResult& sim, JobContext& job) {
    const LabelledPipelineGraph labelled = labelPipelineGraph(recipe, sim, job);
    PipelineLabels out;
    out.unmatchedTruth = labelled.unmatchedTruth, out.unmatchedItems = labelled.unmatchedItems;
    if (labelled.failed()) return out;
    const EgnnInput& input = labelled.prepared.input;
    const EgnnPrediction prediction = model.predict(input);
    const auto& labels = recipe.graphLevel ? input.groupLabels : input.labels;
    for (std::size_t i = 0; i < labels.size() && i < prediction.itemCount; ++i)
        if (labels[i] >= 0) out.truth.push_back(labels[i]), out.predicted.push_back(prediction.best(i));
    return out;
}

SimulationParams newDomainConditions(std::uint64_t seed, int size) {
    SimulationParams p;
    p.preset = "mos2";
    p.width = p.height = size;
    p.seed = seed;
    p.dose = 2e5;
    p.pixelSize = 0.26;  // training saw 0.11..0.21 A
    p.probeSigma = 0.70; // training saw 0.34..0.59 A
    p.background = 0.09; // training saw 0.005..0.05
    p.backgroundVariation = 0.6;
    p.readNoise = 6;
    p.jitter = 0.06;
    p.sSingleVacancy = 0.06, p.sEmpty = 0.03, p.moVacancy = 0.02;
    return p;
}

void applyNewDomainResponse(SimulationResult& sim) {
    for (auto& frame : sim.micrograph.frames)
        for (float& v : frame.pixels()) v = float(2.5 * std::pow(std::max(0.0f, v), 0.7) + 800.0);
}

FewShotExperiment runFewShotExperiment(const EgnnModel& shipped, int labelsPerClass, int testImages, int size,
                                       std::uint64_t seed, bool fullPipeline, JobContext& job,
                                       FewShotOptions options) {
    const SubModelRecipe& recipe = subModelRecipe("mos2-species");
    FewShotExperiment out;
    auto domainImage = [&](std::uint64_t s) {
        SimulationResult sim = simulate(newDomainConditions(s, size));
        applyNewDomainResponse(sim);
        return sim;
    };
    // The labelled image: pick labelsPerClass random nodes of each class (what a user would click).
    Random rng(seed);
    const SimulationResult labelledSim = domainImage(seed * 100 + 1);
    EgnnInput labelled = makeTrainingGraph(recipe, labelledSim, rng, 0.03);
    // With the full pipeline, labels go onto the detected graph (nodes matched to truth columns).
    if (fullPipeline) labelled = labelPipelineGraph(recipe, labelledSim, job).prepared.input;
    std::map<std::int64_t, std::vector<std::size_t>> byClass;
    for (std::size_t i = 0; i < labelled.labels.size(); ++i)
        if (labelled.labels[i] >= 0) byClass[labelled.labels[i]].push_back(i);
    std::vector<std::int64_t> chosen(labelled.labels.size(), -1);
    for (auto& [cls, items] : byClass)
        for (int k = 0; k < labelsPerClass && !items.empty(); ++k) {
            const std::size_t pick = std::size_t(rng.below(items.size()));
            chosen[items[pick]] = cls;
            items.erase(items.begin() + std::ptrdiff_t(pick));
            ++out.labels;
        }
    labelled.labels = chosen;

    options.seed = seed;
    const FewShotResult tuned = fineTune(&shipped, recipe.classes, {labelled}, options, job);
    options.crossValidate = false;
    const FewShotResult scratch = fineTune(nullptr, recipe.classes, {labelled}, options, job);
    out.fromShippedSeconds = tuned.trainSeconds, out.fromScratchSeconds = scratch.trainSeconds;
    out.crossValidated = tuned.crossValidatedAccuracy;

    PipelineLabels base, a, b;
    for (int i = 0; i < testImages; ++i) {
        job.throwIfCanceled();
        const SimulationResult sim = domainImage(seed * 100 + 10 + std::uint64_t(i));
        if (fullPipeline) {
            base.append(evaluatePipeline(recipe, shipped, sim, job));
            a.append(evaluatePipeline(recipe, tuned.model, sim, job));
            b.append(evaluatePipeline(recipe, scratch.model, sim, job));
        } else {
            Random r(seed + std::uint64_t(i));
            const EgnnInput g = makeTrainingGraph(recipe, sim, r, 0.03);
            auto score = [&](const EgnnModel& m, PipelineLabels& into) {
                const auto p = m.predict(g);
                for (std::size_t k = 0; k < g.labels.size(); ++k)
                    into.truth.push_back(g.labels[k]), into.predicted.push_back(p.best(k));
            };
            score(shipped, base), score(tuned.model, a), score(scratch.model, b);
        }
    }
    out.shippedAccuracy = classificationMetrics(recipe.classes, base.truth, base.predicted).accuracy;
    const auto ma = classificationMetrics(recipe.classes, a.truth, a.predicted);
    out.fromShippedAccuracy = ma.accuracy;
    out.testItems = ma.items;
    out.fromScratchAccuracy = classificationMetrics(recipe.classes, b.truth, b.predicted).accuracy;
    return out;
}

} // namespace atomlens
