#include "core/nn/FewShot.h"

#include "core/nn/NodeFeatures.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>

namespace atomlens {
namespace {

EgnnModel startingModel(const EgnnModel* base, const std::vector<std::string>& classes, std::uint64_t seed,
                        const std::vector<EgnnInput>& labelled, const FewShotOptions& options) {
    if (!base) return EgnnModel(classes, EgnnArchitecture{}, seed);
    EgnnModel model = base->clone();
    model.setTemperature(1);
    model.setSublatticeContrast({}, 0); // a fine-tuned base's term belongs to its labels
    if (options.alignFeatures) model.setFeatureReference(EgnnModel::featureQuartiles(labelled));
    if (model.classes() != classes) model.transferHead(classes, labelled);
    if (options.sublatticeContrast > 0 && !model.architecture().graphLevel) {
        std::vector<std::vector<float>> perClass(classes.size());
        for (const auto& g : labelled) {
            const std::vector<float> l = sublatticeContrast(g);
            for (std::size_t i = 0; i < g.labels.size() && i < l.size(); ++i)
                if (g.labels[i] >= 0 && std::size_t(g.labels[i]) < classes.size())
                    perClass[std::size_t(g.labels[i])].push_back(l[i]);
        }
        std::vector<float> centres(classes.size(), 0.0f);
        for (std::size_t c = 0; c < classes.size(); ++c) {
            auto& v = perClass[c];
            if (v.empty()) continue;
            const auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
            std::nth_element(v.begin(), mid, v.end());
            centres[c] = *mid;
        }
        model.setSublatticeContrast(centres, options.sublatticeContrast);
    }
    return model;
}

/// Fits a fresh starting model to the labelled graphs, then (self-training) refits it with confident
/// predictions on the unlabelled items added as labels. The reported time covers all rounds.
EgnnModel fitLabels(const EgnnModel* base, const std::vector<std::string>& classes, std::uint64_t seed,
                    const std::vector<EgnnInput>& labelled, const EgnnTrainOptions& train,
                    const FewShotOptions& options, EgnnTrainReport* report) {
    EgnnModel model = startingModel(base, classes, seed, labelled, options);
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
        model = startingModel(base, classes, seed, labelled, options);
        const EgnnTrainReport r = model.train(pseudo, train);
        total.seconds += r.seconds, total.epochs = r.epochs, total.finalLoss = r.finalLoss;
        total.trainAccuracy = r.trainAccuracy;
        total.lossHistory.insert(total.lossHistory.end(), r.lossHistory.begin(), r.lossHistory.end());
    }
    if (report) *report = total;
    return model;
}

/// Probabilities of one item scaled by 1/T: softmax(log p / T).
void scaled(const float* p, int k, double t, std::vector<double>& out) {
    out.assign(std::size_t(k), 0.0);
    double top = -1e300;
    for (int c = 0; c < k; ++c) top = std::max(top, std::log(std::max(1e-30, double(p[c]))) / t);
    double sum = 0;
    for (int c = 0; c < k; ++c)
        sum += out[std::size_t(c)] = std::exp(std::log(std::max(1e-30, double(p[c]))) / t - top);
    for (auto& v : out) v /= sum;
}

/// EM estimate of the class priors of the items of `graphs` (Saerens et al. 2002): the posteriors are
/// re-weighted by prior / trainingPrior until the priors agree with the mean posterior.
std::vector<double> estimatePriors(const EgnnModel& model, const std::vector<EgnnInput>& graphs,
                                   const std::vector<double>& trainingPriors) {
    std::vector<EgnnPrediction> predictions;
    for (const auto& g : graphs) predictions.push_back(model.predict(g));
    const std::size_t k = trainingPriors.size();
    std::vector<double> priors = trainingPriors, next(k), q(k);
    for (int iteration = 0; iteration < 100; ++iteration) {
        std::fill(next.begin(), next.end(), 0.0);
        double items = 0;
        for (const auto& p : predictions)
            for (std::size_t i = 0; i < p.itemCount; ++i) {
                double sum = 0;
                for (std::size_t c = 0; c < k; ++c)
                    sum += q[c] = double(p.probabilities[i * k + c]) * priors[c] / trainingPriors[c];
                for (std::size_t c = 0; c < k; ++c) next[c] += q[c] / std::max(1e-300, sum);
                items += 1;
            }
        if (items == 0) return trainingPriors;
        double change = 0;
        for (std::size_t c = 0; c < k; ++c) {
            const double v = std::max(1e-4, next[c] / items);
            change = std::max(change, std::abs(v - priors[c]));
            priors[c] = v;
        }
        if (change < 1e-6) break;
    }
    return priors;
}

} // namespace

FewShotOptions fewShotDefaults() {
    FewShotOptions options;
    options.epochs = 0;
    options.alignFeatures = true;
    options.adaptPriors = false;
    options.keepBaseWhenBetter = true;
    options.sublatticeContrast = 32;
    return options;
}

double fitTemperature(const CalibrationSet& set) {
    if (set.size() == 0 || set.classCount < 2) return 1;
    const int k = set.classCount;
    double best = 1, bestLoss = 1e300;
    std::vector<double> q;
    for (int step = 0; step <= 240; ++step) {
        const double t = 0.05 * std::pow(400.0, step / 240.0); // 0.05 .. 20
        // Negative log-likelihood of the held-out labels plus a log-normal prior on T (sigma 0.5):
        // a few items that are all right cannot show that a model is under-confident, one error
        // among a handful should not flatten every probability.
        double loss = std::log(t) * std::log(t) / (2 * 0.5 * 0.5);
        for (std::size_t i = 0; i < set.size(); ++i) {
            scaled(&set.probabilities[i * std::size_t(k)], k, t, q);
            loss -= std::log(std::max(1e-300, q[std::size_t(set.labels[i])]));
        }
        if (loss < bestLoss) bestLoss = loss, best = t;
    }
    return best;
}

double expectedCalibrationError(const CalibrationSet& set, double temperature) {
    if (set.size() == 0) return -1;
    const int k = set.classCount;
    double confSum[10] = {}, rightSum[10] = {};
    std::vector<double> q;
    for (std::size_t i = 0; i < set.size(); ++i) {
        scaled(&set.probabilities[i * std::size_t(k)], k, temperature, q);
        const auto best = std::size_t(std::max_element(q.begin(), q.end()) - q.begin());
        const int bin = std::min(9, int(q[best] * 10));
        confSum[bin] += q[best], rightSum[bin] += int(best) == set.labels[i] ? 1 : 0;
    }
    double ece = 0;
    for (int b = 0; b < 10; ++b) ece += std::abs(confSum[b] - rightSum[b]);
    return ece / double(set.size());
}

bool foldsBeatBase(double foldAccuracy, double baseAccuracy, std::size_t labels) {
    const double b = std::clamp(baseAccuracy, 0.0, 1.0);
    const double noise = labels > 0 ? std::sqrt(b * (1 - b) / double(labels)) : 0.0;
    return foldAccuracy > baseAccuracy + noise;
}

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
    if (!base && options.epochs < 1)
        throw std::invalid_argument("training from scratch needs at least one epoch (--epochs N)");

    EgnnTrainOptions train;
    train.epochs = options.epochs;
    train.learningRate = options.learningRate;
    train.seed = options.seed;
    train.featureNoise = 0.02;
    train.intensityJitter = 0.05;
    train.anchor = base ? options.anchor : 0.0;
    train.headOnly = base ? options.headOnly : false;

    FewShotResult result{startingModel(base, classes, options.seed, labelled, options),
                         -1,
                         0,
                         labelCount,
                         0,
                         1,
                         -1,
                         -1,
                         {},
                         {},
                         {},
                         -1,
                         false};
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
        CalibrationSet heldOutSet;
        heldOutSet.classCount = int(classes.size());
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
            foldTrain.progress = [&job, f, folds, &options](int epoch, double loss, double accuracy) {
                job.setProgress(
                    std::int64_t(f) * options.epochs + epoch, std::int64_t(folds + 1) * options.epochs,
                    "cross-validation fold " + std::to_string(f + 1) + " of " + std::to_string(folds));
                if (options.foldProgress && !options.foldProgress(f, epoch, loss, accuracy)) return false;
                return !job.isCanceled();
            };
            EgnnModel model = fitLabels(base, classes, options.seed + std::uint64_t(f) + 1, trainSet,
                                        foldTrain, options, nullptr);
            job.throwIfCanceled();
            model.setTemperature(1);
            for (std::size_t g = 0; g < heldOut.size(); ++g) {
                const auto p = model.predict(heldOut[g]);
                for (std::size_t i = 0; i < heldOut[g].labels.size(); ++i)
                    if (heldOut[g].labels[i] >= 0) {
                        total += 1, right += p.best(i) == heldOut[g].labels[i] ? 1 : 0;
                        const float* row = &p.probabilities[i * std::size_t(p.classCount)];
                        heldOutSet.probabilities.insert(heldOutSet.probabilities.end(), row,
                                                        row + p.classCount);
                        heldOutSet.labels.push_back(int(heldOut[g].labels[i]));
                    }
            }
        }
        result.crossValidatedAccuracy = total > 0 ? right / total : -1;
        result.folds = folds;
        if (options.calibrate && heldOutSet.size() > 0) {
            result.temperature = fitTemperature(heldOutSet);
            result.heldOutEce = expectedCalibrationError(heldOutSet, 1);
            result.heldOutEceCalibrated = expectedCalibrationError(heldOutSet, result.temperature);
        }
    }
    // Model selection: the base model, never trained on these labels, against the folds' held-out score.
    if (options.keepBaseWhenBetter && base && base->classes() == classes &&
        result.crossValidatedAccuracy >= 0) {
        double right = 0, total = 0;
        for (const auto& g : labelled) {
            const auto p = base->predict(g);
            for (std::size_t i = 0; i < g.labels.size(); ++i)
                if (g.labels[i] >= 0) total += 1, right += p.best(i) == g.labels[i] ? 1 : 0;
        }
        result.baseAccuracy = total > 0 ? right / total : -1;
        if (!foldsBeatBase(result.crossValidatedAccuracy, result.baseAccuracy, std::size_t(total))) {
            result.model = base->clone();
            result.keptBase = true;
            result.temperature = base->temperature();
            return result;
        }
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
    if (options.adaptPriors) {
        // On the uncalibrated model (T = 1): EM needs the posteriors the training priors imply.
        // The loss weights classes ~ count^-power, so training assumed priors ~ count^(1 - power).
        result.trainingPriors.assign(classes.size(), 0.0);
        double sum = 0;
        for (const auto& [cls, items] : byClass)
            if (cls >= 0 && std::size_t(cls) < classes.size())
                sum += result.trainingPriors[std::size_t(cls)] =
                    std::pow(double(items.size()), 1 - train.classWeightPower);
        for (auto& p : result.trainingPriors) p = std::max(1e-4, p / sum);
        result.imagePriors = estimatePriors(result.model, labelled, result.trainingPriors);
        std::vector<double> shift(classes.size());
        for (std::size_t c = 0; c < classes.size(); ++c)
            shift[c] = std::log(result.imagePriors[c] / result.trainingPriors[c]);
        result.model.shiftLogits(shift);
    }
    result.model.setTemperature(result.temperature);
    result.trainSeconds = result.report.seconds;
    return result;
}

} // namespace atomlens
