#include "core/nn/FcnFinetune.h"

#include "core/base/Random.h"
#include "core/data/Errors.h"
#include "core/nn/FcnNetwork.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>

namespace atomlens {

FcnFinetuneReport finetuneFcn(FcnModel& model, const std::vector<FcnLabelledImage>& images,
                              const FcnFinetuneParams& p, JobContext& job) {
    if (p.steps < 1 || p.batchSize < 1 || p.patchSize < 16 || p.patchSize % 4)
        throw std::invalid_argument(
            "fine-tuning parameters out of range (steps, batch >= 1, patch >= 16 and a "
            "multiple of 4)");
    // Normalised inputs and targets of the whole images; patches are cut from them.
    struct Prepared {
        Image input, target;
    };
    std::vector<Prepared> prepared;
    int patch = p.patchSize;
    for (const auto& li : images) {
        if (li.image.width() < 16 || li.image.height() < 16 || li.atoms.empty()) continue;
        prepared.push_back(
            {normaliseForFcn(li.image), atomTargetMask(li.image.width(), li.image.height(), li.atoms)});
        patch = std::min({patch, li.image.width() / 4 * 4, li.image.height() / 4 * 4});
    }
    if (prepared.empty())
        throw InputError(
            images.empty() ? std::string("fine-tuning") : images.front().name,
            "no usable labelled image (each needs at least 16 x 16 pixels and one labelled atom)");
    const auto t0 = std::chrono::steady_clock::now();
    torch::manual_seed(p.seed);
    Random rng = Random(p.seed).split(0xf17e);
    FcnModel::Impl& impl = model.impl();
    impl.net->train();
    torch::optim::Adam optimiser(impl.net->parameters(), torch::optim::AdamOptions(p.learningRate));
    FcnFinetuneReport report;
    const int window = std::max(1, p.steps / 10);
    double firstSum = 0, lastSum = 0;
    for (int step = 0; step < p.steps; ++step) {
        job.throwIfCanceled();
        const double lr =
            p.learningRate * (0.05 + 0.95 * 0.5 * (1 + std::cos(M_PI * double(step) / p.steps)));
        for (auto& group : optimiser.param_groups())
            static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
        torch::Tensor x = torch::empty({p.batchSize, 1, patch, patch}, torch::kFloat32);
        torch::Tensor y = torch::empty({p.batchSize, 1, patch, patch}, torch::kFloat32);
        for (int b = 0; b < p.batchSize; ++b) {
            const Prepared& s = prepared[rng.below(prepared.size())];
            const int x0 = int(rng.below(std::size_t(s.input.width() - patch + 1)));
            const int y0 = int(rng.below(std::size_t(s.input.height() - patch + 1)));
            float* xi = x[b].data_ptr<float>();
            float* yi = y[b].data_ptr<float>();
            for (int r = 0; r < patch; ++r) {
                std::copy(s.input.row(y0 + r) + x0, s.input.row(y0 + r) + x0 + patch,
                          xi + std::size_t(r) * patch);
                std::copy(s.target.row(y0 + r) + x0, s.target.row(y0 + r) + x0 + patch,
                          yi + std::size_t(r) * patch);
            }
        }
        const int k = int(rng.below(8)); // one of the eight flips / quarter turns
        auto turn = [k](torch::Tensor t) {
            if (k & 1) t = t.flip({3});
            if (k & 2) t = t.flip({2});
            if (k & 4) t = t.transpose(2, 3);
            return t.contiguous();
        };
        if (p.augmentNoise > 0) {
            // Per patch: gain, offset and a noise level (drawn from rng, noise from torch's seeded
            // generator), on the CPU before the transfer.
            torch::Tensor gain = torch::empty({p.batchSize, 1, 1, 1}, torch::kFloat32);
            torch::Tensor offset = torch::empty({p.batchSize, 1, 1, 1}, torch::kFloat32);
            torch::Tensor sd = torch::empty({p.batchSize, 1, 1, 1}, torch::kFloat32);
            for (int b = 0; b < p.batchSize; ++b) {
                gain.data_ptr<float>()[b] =
                    float(std::exp(std::log(0.8) + rng.uniform() * std::log(1.25 / 0.8)));
                offset.data_ptr<float>()[b] = float(-0.1 + 0.2 * rng.uniform());
                sd.data_ptr<float>()[b] = float(p.augmentNoise * rng.uniform());
            }
            x = x * gain + offset + torch::randn_like(x) * sd;
        }
        x = turn(x).to(impl.device), y = turn(y).to(impl.device);
        optimiser.zero_grad();
        const torch::Tensor logits = impl.net->forward(x);
        const torch::Tensor prob = torch::sigmoid(logits);
        const torch::Tensor loss = torch::binary_cross_entropy_with_logits(logits, y) +
                                   (1 - (2 * (prob * y).sum() + 1) / (prob.sum() + y.sum() + 1));
        loss.backward();
        optimiser.step();
        const double l = loss.item<double>();
        if (step < window) firstSum += l;
        if (step >= p.steps - window) lastSum += l;
        ++report.steps;
        job.setProgress(report.steps, p.steps, "fine-tuning the detector");
    }
    impl.net->eval();
    report.firstLoss = firstSum / window, report.lastLoss = lastSum / window;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

std::string saveFinetunedDetector(const FcnModel& model, const ModelCard& baseCard,
                                  const FcnFinetuneParams& params, const FcnFinetuneReport& report,
                                  const std::vector<std::string>& imageNames, const std::string& outBase,
                                  const std::string& command, const std::vector<ModelMetric>& metrics) {
    const std::filesystem::path base(outBase);
    const std::string name = base.filename().string();
    if (name.empty()) throw InputError(outBase, "no model name (the path ends in a folder separator)");
    if (!base.parent_path().empty()) std::filesystem::create_directories(base.parent_path());
    const std::string weights = (base.parent_path() / (name + ".pt")).string();
    model.save(weights);
    ModelCard card = baseCard;
    card.name = name;
    card.weights = name + ".pt";
    card.description =
        "Few-shot fine-tuned atom finder (from " + baseCard.name + "): " + baseCard.description;
    card.training.command = command;
    card.training.seed = params.seed;
    card.training.data = std::to_string(imageNames.size()) + " labelled real image" +
                         (imageNames.size() == 1 ? "" : "s") + ":";
    for (const auto& n : imageNames) card.training.data += " " + std::filesystem::path(n).filename().string();
    card.training.epochs = 0;
    card.training.steps = report.steps;
    char opt[400];
    std::snprintf(
        opt, sizeof opt, "fine-tuning from %s: Adam lr %g (cosine to 5 %%), batch %d, patch %d, %d steps%s",
        baseCard.name.c_str(), params.learningRate, params.batchSize, params.patchSize, params.steps,
        params.augmentNoise > 0 ? ", intensity augmentation (gain 0.8-1.25, offset +-0.1, noise sd up to "
                                  "--augment-noise)"
                                : "");
    card.training.optimiser = opt;
    card.metrics = metrics;
    char date[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
    card.created = date;
    stampWeights(card, weights);
    const std::string cardPath = (base.parent_path() / (name + ".yaml")).string();
    saveModelCard(card, cardPath);
    return cardPath;
}

} // namespace atomlens
