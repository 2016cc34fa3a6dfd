#include "core/nn/EgnnEvaluation.h"

#include "core/detect/DetectionMetrics.h"
#include "core/detect/Detector.h"
#include "core/graph/LatticeGraph.h"
#include "core/nn/Classification.h"
#include "core/nn/FewShot.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace atomlens {
namespace {

std::vector<const TruthColumn*> frameZero(const SimulationResult& sim) {
    std::vector<const TruthColumn*> out;
    for (const auto& t : sim.truth)
        if (t.frame == 0) out.push_back(&t);
    return out;
}

Point2 ringCentroid(const LatticeGraph& g, std::size_t r) {
    Point2 c;
    const double n = double(g.ringSize(r));
    for (std::uint32_t k = g.ringOffsets[r]; k < g.ringOffsets[r + 1]; ++k)
        c.x += g.x[g.ringNodes[k]] / n, c.y += g.y[g.ringNodes[k]] / n;
    return c;
}

} // namespace

void PipelineLabels::append(const PipelineLabels& o) {
    truth.insert(truth.end(), o.truth.begin(), o.truth.end());
    predicted.insert(predicted.end(), o.predicted.begin(), o.predicted.end());
    unmatchedTruth += o.unmatchedTruth, unmatchedItems += o.unmatchedItems;
}

PipelineLabels evaluatePipeline(const SubModelRecipe& recipe, const EgnnModel& model,
                                const SimulationResult& sim, JobContext& job) {
    const Image& image = sim.micrograph.frame(0);
    const AtomTable atoms = detectAtoms(image, DetectParams{}, job);
    const PreparedGraph prepared = prepareGraph(image, atoms, recipe.graphLevel, job);
    EgnnPrediction prediction;
    classifyNodes(prepared, model, &prediction);
    const auto columns = frameZero(sim);
    PipelineLabels out;
    if (prepared.graph.nodeCount() < 2 || !(prepared.graph.bondLength > 0)) {
        out.unmatchedTruth = columns.size(); // nothing found: every column is missed
        return out;
    }
    const double tolerance = 0.3 * prepared.graph.bondLength;
    if (!recipe.graphLevel) {
        std::vector<Point2> nodes, truth;
        for (std::size_t i = 0; i < prepared.graph.nodeCount(); ++i)
            nodes.push_back({prepared.graph.x[i], prepared.graph.y[i]});
        for (const auto* t : columns) truth.push_back({t->x, t->y});
        const PointMatching m = matchPoints(nodes, truth, tolerance);
        for (const auto& [node, t] : m.pairs) {
            out.truth.push_back(recipe.label(*columns[t]));
            out.predicted.push_back(prediction.best(node));
        }
        out.unmatchedTruth = m.unmatchedTruth.size(), out.unmatchedItems = m.unmatchedDetected.size();
        return out;
    }
    // Rings: the truth graph's rings (present columns only) against the detected graph's, by centroid.
    std::vector<double> tx, ty;
    for (const auto* t : columns)
        if (t->cls != "empty") tx.push_back(t->x), ty.push_back(t->y);
    const LatticeGraph truthGraph = buildGraph(tx, ty, tx.size());
    std::vector<Point2> found, truth;
    for (std::size_t r = 0; r < prepared.graph.ringCount(); ++r)
        found.push_back(ringCentroid(prepared.graph, r));
    for (std::size_t r = 0; r < truthGraph.ringCount(); ++r) truth.push_back(ringCentroid(truthGraph, r));
    const PointMatching m = matchPoints(found, truth, tolerance);
    for (const auto& [ring, t] : m.pairs) {
        out.truth.push_back(truthGraph.ringSize(t) == 6 ? 0 : 1);
        out.predicted.push_back(prediction.best(ring));
    }
    out.unmatchedTruth = m.unmatchedTruth.size(), out.unmatchedItems = m.unmatchedDetected.size();
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
                                       std::uint64_t seed, bool fullPipeline, JobContext& job) {
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
    if (fullPipeline) {
        // Labels go onto the detected graph: nodes matched to truth columns.
        const AtomTable atoms = detectAtoms(labelledSim.micrograph.frame(0), DetectParams{}, job);
        const PreparedGraph prepared = prepareGraph(labelledSim.micrograph.frame(0), atoms, false, job);
        std::vector<Point2> nodes, truth;
        const auto columns = frameZero(labelledSim);
        for (std::size_t i = 0; i < prepared.graph.nodeCount(); ++i)
            nodes.push_back({prepared.graph.x[i], prepared.graph.y[i]});
        for (const auto* t : columns) truth.push_back({t->x, t->y});
        labelled = prepared.input;
        for (const auto& [node, t] : matchPoints(nodes, truth, 0.3 * prepared.graph.bondLength).pairs)
            labelled.labels[node] = recipe.label(*columns[t]);
    }
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

    FewShotOptions options;
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
