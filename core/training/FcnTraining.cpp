#include "core/training/FcnTraining.h"

#include "core/nn/FcnNetwork.h"
#include "core/training/FcnScenes.h"
#include "core/training/SupportScenes.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace atomlens {

namespace {

/// Generates the training patches with several threads; sample i depends only on (seed, i).
std::vector<FcnSample> generateSamples(const FcnTrainingParams& p, JobContext& job) {
    std::vector<FcnSample> samples(std::size_t(p.samples));
    std::atomic<int> next{0}, done{0};
    std::atomic<bool> failed{false};
    std::string error;
    auto worker = [&] {
        try {
            for (int i = next++; i < p.samples && !failed && !job.isCanceled(); i = next++) {
                Random rng = Random(p.seed).split(std::uint64_t(i) + 1);
                samples[std::size_t(i)] =
                    p.scenes == "single-atoms"
                        ? augmentedSample(realisticSingleAtomScene(p.patchSize, rng), p.patchSize, rng)
                        : makeTrainingSample(p.patchSize, rng);
                ++done;
            }
        } catch (const std::exception& e) {
            if (!failed.exchange(true)) error = e.what();
        }
    };
    std::vector<std::thread> threads;
    for (int t = 1; t < std::max(1, p.threads); ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    if (failed) throw std::runtime_error("generating training scenes: " + error);
    job.throwIfCanceled();
    return samples;
}

torch::Tensor stack(const std::vector<FcnSample>& samples, const std::vector<std::size_t>& order,
                    std::size_t from, std::size_t count, bool target) {
    const Image& first = target ? samples[order[from]].target : samples[order[from]].input;
    torch::Tensor t = torch::empty({std::int64_t(count), 1, first.height(), first.width()}, torch::kFloat32);
    for (std::size_t i = 0; i < count; ++i) {
        const Image& im = target ? samples[order[from + i]].target : samples[order[from + i]].input;
        std::copy(im.data(), im.data() + im.size(), t[std::int64_t(i)].data_ptr<float>());
    }
    return t;
}

/// One of the eight flips / quarter turns of the square patches.
torch::Tensor dihedral(torch::Tensor t, int k) {
    if (k & 1) t = t.flip({3});
    if (k & 2) t = t.flip({2});
    if (k & 4) t = t.transpose(2, 3);
    return t.contiguous();
}

} // namespace

FcnTrainingReport trainFcn(FcnModel& model, const FcnTrainingParams& p, JobContext& job) {
    if (p.scenes != "mixed" && p.scenes != "single-atoms")
        throw std::invalid_argument("unknown training scenes '" + p.scenes + "' (use mixed or single-atoms)");
    if (p.samples < p.batchSize || p.batchSize < 1 || p.epochs < 1 || p.patchSize < 16 || p.patchSize % 4)
        throw std::invalid_argument(
            "training parameters out of range (samples >= batch >= 1, patch a multiple of 4)");
    const auto t0 = std::chrono::steady_clock::now();
    torch::manual_seed(p.seed);
    job.setProgress(0, 1, "generating training scenes");
    const std::vector<FcnSample> samples = generateSamples(p, job);

    FcnModel::Impl& impl = model.impl();
    impl.net->train();
    torch::optim::Adam optimiser(impl.net->parameters(),
                                 torch::optim::AdamOptions(p.learningRate).weight_decay(p.weightDecay));
    const std::size_t perEpoch = std::size_t(p.samples / p.batchSize);
    const int totalSteps = int(perEpoch) * p.epochs;
    Random rng = Random(p.seed).split(0xba7c4);
    std::vector<std::size_t> order(samples.size());
    FcnTrainingReport report;
    for (int epoch = 0; epoch < p.epochs; ++epoch) {
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
        double lossSum = 0;
        for (std::size_t b = 0; b < perEpoch; ++b) {
            job.throwIfCanceled();
            const double progress = double(report.steps) / totalSteps;
            const double lr =
                p.learningRate * (0.05 + 0.95 * 0.5 * (1 + std::cos(3.14159265358979 * progress)));
            for (auto& group : optimiser.param_groups())
                static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
            const int k = int(rng.below(8));
            const torch::Tensor x =
                dihedral(stack(samples, order, b * std::size_t(p.batchSize), std::size_t(p.batchSize), false),
                         k)
                    .to(impl.device);
            const torch::Tensor y =
                dihedral(stack(samples, order, b * std::size_t(p.batchSize), std::size_t(p.batchSize), true),
                         k)
                    .to(impl.device);
            optimiser.zero_grad();
            const torch::Tensor logits = impl.net->forward(x);
            const torch::Tensor bce = torch::binary_cross_entropy_with_logits(logits, y);
            const torch::Tensor prob = torch::sigmoid(logits);
            const torch::Tensor dice = 1 - (2 * (prob * y).sum() + 1) / (prob.sum() + y.sum() + 1);
            const torch::Tensor loss = bce + dice;
            loss.backward();
            optimiser.step();
            lossSum += loss.item<double>();
            ++report.steps;
            job.setProgress(report.steps, totalSteps, "training FCN, epoch " + std::to_string(epoch + 1));
        }
        report.epochLoss.push_back(lossSum / double(perEpoch));
        job.log(JobContext::LogLevel::Info,
                "epoch " + std::to_string(epoch + 1) + ": loss " + std::to_string(report.epochLoss.back()));
    }
    impl.net->eval();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

} // namespace atomlens
