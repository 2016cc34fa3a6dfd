#include "core/nn/FewShot.h"

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>

namespace atomlens {
namespace {

EgnnModel startingModel(const EgnnModel* base, const std::vector<std::string>& classes, std::uint64_t seed) {
    if (!base) return EgnnModel(classes, EgnnArchitecture{}, seed);
    EgnnModel model = base->clone();
    if (model.classes() != classes) model.resetClasses(classes);
    return model;
}

/// Fits a fresh starting model to the labelled graphs, then (self-training) refits it with confident
/// predictions on the unlabelled items added as labels. The reported time covers all rounds.
EgnnModel fitLabels(const EgnnModel* base, const std::vector<std::string>& classes, std::uint64_t seed,
                    const std::vector<EgnnInput>& labelled, const EgnnTrainOptions& train,
                    const FewShotOptions& options, EgnnTrainReport* report) {
    EgnnModel model = startingModel(base, classes, seed);
    EgnnTrainReport total = model.train(labelled, train);
    const bool graphLevel = model.architecture().graphLevel;
    for (int round = 0; round < options.pseudoLabelRounds && total.epochs == train.epochs; ++round) {
        std::vector<EgnnInput> pseudo = labelled;
        for (auto& g : pseudo) {
            const auto p = model.predict(g);
            auto& labels = graphLevel ? g.groupLabels : g.labels;
            for (std::size_t i = 0; i < labels.size() && i < p.itemCount; ++i)
                if (labels[i] < 0 && p.confidence(i) >= options.pseudoConfidence) labels[i] = p.best(i);
        }
        model = startingModel(base, classes, seed);
        const EgnnTrainReport r = model.train(pseudo, train);
        total.seconds += r.seconds, total.epochs = r.epochs, total.finalLoss = r.finalLoss;
        total.trainAccuracy = r.trainAccuracy;
        total.lossHistory.insert(total.lossHistory.end(), r.lossHistory.begin(), r.lossHistory.end());
    }
    if (report) *report = total;
    return model;
}

} // namespace

FewShotResult fineTune(const EgnnModel* base, const std::vector<std::string>& classes,
                       const std::vector<EgnnInput>& labelled, const FewShotOptions& options,
                       JobContext& job) {
    if (classes.size() < 2) throw std::invalid_argument("fine-tuning needs labels of at least two classes");
    // Labelled items: (graph, node) grouped by class for stratified folds.
    std::map<std::int64_t, std::vector<std::pair<std::size_t, std::size_t>>> byClass;
    std::size_t labelCount = 0;
    for (std::size_t g = 0; g < labelled.size(); ++g)
        for (std::size_t i = 0; i < labelled[g].labels.size(); ++i)
            if (labelled[g].labels[i] >= 0) byClass[labelled[g].labels[i]].push_back({g, i}), ++labelCount;
    if (byClass.size() < 2) throw std::invalid_argument("fine-tuning needs labels of at least two classes");

    EgnnTrainOptions train;
    train.epochs = options.epochs;
    train.learningRate = options.learningRate;
    train.seed = options.seed;
    train.featureNoise = 0.02;
    train.intensityJitter = 0.05;
    train.anchor = base ? options.anchor : 0.0;

    FewShotResult result{startingModel(base, classes, options.seed), -1, 0, labelCount, 0, {}};
    std::size_t smallest = labelCount;
    for (const auto& [cls, items] : byClass) smallest = std::min(smallest, items.size());
    const int folds = int(std::min<std::size_t>(std::size_t(std::max(2, options.folds)), smallest));
    if (options.crossValidate && folds >= 2) {
        std::mt19937_64 rng(options.seed);
        std::map<std::pair<std::size_t, std::size_t>, int> foldOf;
        for (auto& [cls, items] : byClass) {
            auto shuffled = items;
            std::shuffle(shuffled.begin(), shuffled.end(), rng);
            for (std::size_t k = 0; k < shuffled.size(); ++k)
                foldOf[shuffled[k]] = int(k % std::size_t(folds));
        }
        double right = 0, total = 0;
        for (int f = 0; f < folds; ++f) {
            job.throwIfCanceled();
            job.setProgress(f, folds + 1,
                            "cross-validation fold " + std::to_string(f + 1) + " of " +
                                std::to_string(folds));
            std::vector<EgnnInput> trainSet = labelled, heldOut = labelled;
            for (std::size_t g = 0; g < labelled.size(); ++g)
                for (std::size_t i = 0; i < labelled[g].labels.size(); ++i) {
                    if (labelled[g].labels[i] < 0) continue;
                    const bool inFold = foldOf[{g, i}] == f;
                    (inFold ? trainSet : heldOut)[g].labels[i] = -1;
                }
            // Each fold reports its epochs and stops at once when cancelled (a fold is a whole training).
            EgnnTrainOptions foldTrain = train;
            foldTrain.progress = [&job, f, folds, &options](int epoch, double, double) {
                job.setProgress(
                    std::int64_t(f) * options.epochs + epoch, std::int64_t(folds + 1) * options.epochs,
                    "cross-validation fold " + std::to_string(f + 1) + " of " + std::to_string(folds));
                return !job.isCanceled();
            };
            const EgnnModel model = fitLabels(base, classes, options.seed + std::uint64_t(f) + 1, trainSet,
                                              foldTrain, options, nullptr);
            job.throwIfCanceled();
            for (std::size_t g = 0; g < heldOut.size(); ++g) {
                const auto p = model.predict(heldOut[g]);
                for (std::size_t i = 0; i < heldOut[g].labels.size(); ++i)
                    if (heldOut[g].labels[i] >= 0)
                        total += 1, right += p.best(i) == heldOut[g].labels[i] ? 1 : 0;
            }
        }
        result.crossValidatedAccuracy = total > 0 ? right / total : -1;
        result.folds = folds;
    }
    // Progress in epochs over all trainings: the folds', then this one's.
    const std::int64_t done = std::int64_t(result.folds) * options.epochs,
                       total = std::int64_t(result.folds + 1) * options.epochs;
    job.setProgress(done, total, "fine-tuning on all labels");
    train.progress = [&](int epoch, double loss, double accuracy) {
        job.setProgress(done + epoch, total, "fine-tuning on all labels");
        if (options.progress && !options.progress(epoch, loss, accuracy)) return false;
        return !job.isCanceled();
    };
    result.model = fitLabels(base, classes, options.seed, labelled, train, options, &result.report);
    job.throwIfCanceled();
    result.trainSeconds = result.report.seconds;
    return result;
}

} // namespace atomlens
