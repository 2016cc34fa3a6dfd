#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/DeviceOption.h"
#include "app/cli/ProgramThreads.h"
#include "app/cli/TerminalJob.h"

#include "core/nn/FcnModel.h"
#include "core/nn/ModelCard.h"
#include "core/training/FcnEvaluation.h"
#include "core/training/FcnTraining.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace atomlens::cli {

namespace {

std::string today() {
    char date[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
    return date;
}

ModelCard describe(const FcnModel& model, const FcnTrainingParams& p, const FcnTrainingReport& report,
                   const std::string& name, const std::string& command) {
    ModelCard c;
    c.name = name;
    c.kind = "fcn";
    c.description =
        "Atom-column finder: a small U-Net (" + std::to_string(model.architecture().baseChannels) + "-" +
        std::to_string(2 * model.architecture().baseChannels) + "-" +
        std::to_string(4 * model.architecture().baseChannels) +
        " channels) giving a per-pixel atom probability; peaks above the threshold are the columns.";
    c.inputs.description = "one HAADF-STEM frame (any size; tiled 512 px with 32 px context)";
    c.inputs.normalisation = "per image: (v - p1) / (p99.5 - p1), percentiles of the whole frame";
    c.inputs.channels = 1;
    c.inputs.pixelSizeMin = 0.08, c.inputs.pixelSizeMax = 0.35;
    c.classes = {"atom"};
    c.parameterCount = model.parameterCount();
    c.weights = name + ".pt";
    c.architecture["base_channels"] = std::to_string(model.architecture().baseChannels);
    c.architecture["levels"] = "3";
    c.training.command = command;
    c.training.seed = p.seed;
    if (p.scenes == "single-atoms")
        c.training.data =
            std::to_string(p.samples) + " patches of " + std::to_string(p.patchSize) +
            " px, all realisticSingleAtomScene (core/training/SupportScenes): heavy atoms isolated and in "
            "clusters of 2..7 on amorphous carbon (light-atom blobs and grains, thickness variation, vacuum "
            "edges), sigma 1..3 px, peak 1.5..6 local noise sd, probe tails 0..25 %, 15..600 counts/px "
            "Poisson, scan-line offsets and jitter, drift, smoothing 0.3..1 px, gain/offset, 8-bit export; "
            "augmentation: gamma 0.7..1.4, gain, offset, extra noise, flips and quarter turns; target discs "
            "of radius min(2.2 px, 0.4 x nearest-neighbour distance)";
    else
        c.training.data = std::to_string(p.samples) + " patches of " + std::to_string(p.patchSize) +
                          " px, 60 % simulator lattices (mos2, mos2-phase, mos2-gb, graphene-si, perovskite; "
                          "dose 3e3..3e6 e/A^2, "
                          "0.08..0.35 A/px, probe sigma 0.35..0.8 A, drift, jitter, read noise, support "
                          "background), 40 % single "
                          "heavy atoms on an amorphous film with vacuum edges (20..400 counts/px, peak 1..5 "
                          "noise sd, sigma 1..2.6 px); "
                          "augmentation: gamma 0.7..1.4, gain, offset, extra noise, flips and quarter turns; "
                          "target discs of radius "
                          "min(2.2 px, 0.4 x nearest-neighbour distance)";
    c.training.epochs = p.epochs;
    c.training.steps = report.steps;
    char opt[160];
    std::snprintf(opt, sizeof opt,
                  "Adam lr %g (cosine decay to 5 %%), weight decay %g, batch %d, loss BCE + soft Dice",
                  p.learningRate, p.weightDecay, p.batchSize);
    c.training.optimiser = opt;
    c.created = today();
    return c;
}

} // namespace

int cmdTrainDetector(const std::vector<std::string>& argv) {
    for (const auto& a : argv)
        if (a == "--finetune") return cmdFinetuneDetector(argv);
    const CliArgs args(argv,
                       {"seed", "samples", "epochs", "patch", "batch", "lr", "base-channels", "threads", "o",
                        "output", "eval-folder", "device", "scenes"},
                       {"no-eval"});
    applyDeviceOption(args, "train-detector");
    if (!args.positional().empty())
        throw std::invalid_argument("unexpected argument '" + args.positional()[0] + "'");
    FcnTrainingParams p;
    p.seed = std::uint64_t(args.integer("seed", 1));
    p.samples = int(args.integer("samples", p.samples));
    p.epochs = int(args.integer("epochs", p.epochs));
    p.patchSize = int(args.integer("patch", p.patchSize));
    p.batchSize = int(args.integer("batch", p.batchSize));
    p.learningRate = args.number("lr", p.learningRate);
    if (args.has("scenes")) p.scenes = args.get("scenes");
    if (p.scenes != "mixed" && p.scenes != "single-atoms")
        throw std::invalid_argument("--scenes must be mixed or single-atoms, not '" + p.scenes + "'");
    p.threads = programThreads(); // --threads N, taken by main for the pool and LibTorch
    FcnArchitecture arch;
    arch.baseChannels = int(args.integer("base-channels", arch.baseChannels));
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty())
        throw std::invalid_argument("missing output: -o models/NAME (writes NAME.pt and NAME.yaml)");
    std::string command = "atomlens-cli train-detector";
    for (const auto& a : argv) command += " " + a;

    const std::filesystem::path base(out);
    const std::string name = base.filename().string();
    if (!base.parent_path().empty()) std::filesystem::create_directories(base.parent_path());
    TerminalJob job;
    FcnModel model(arch, p.seed);
    std::fprintf(stderr, "training FCN (%lld parameters) on %s\n",
                 static_cast<long long>(model.parameterCount()), model.deviceName().c_str());
    const FcnTrainingReport report = trainFcn(model, p, job);
    std::fprintf(stderr, "trained %d steps in %.0f s, final epoch loss %.4f\n", report.steps, report.seconds,
                 report.epochLoss.back());
    const std::string weights = (base.parent_path() / (name + ".pt")).string();
    model.save(weights);
    ModelCard card = describe(model, p, report, name, command);
    stampWeights(card, weights);
    if (!args.has("no-eval")) {
        FcnDetectParams detect;
        for (double dose : {1e4, 1e5, 1e6}) {
            const FcnEvaluation e = evaluateFcnOnMoS2(model, detect, dose);
            std::fprintf(stderr, "%s: F1 %.3f (Mo %.3f, S2 %.3f)\n", e.name.c_str(), e.all.f1, e.mo.f1,
                         e.s2.f1);
            for (auto& m : evaluationMetrics(e)) card.metrics.push_back(m);
        }
        if (args.has("eval-folder")) {
            const FcnEvaluation e = evaluateFcnOnLabelledFolder(model, detect, args.get("eval-folder"));
            std::fprintf(stderr, "%s: precision %.3f recall %.3f F1 %.3f\n", e.name.c_str(), e.all.precision,
                         e.all.recall, e.all.f1);
            for (auto& m : evaluationMetrics(e)) card.metrics.push_back(m);
        }
    }
    const std::string cardPath = (base.parent_path() / (name + ".yaml")).string();
    saveModelCard(card, cardPath);
    std::fprintf(stderr, "wrote %s and %s\n", weights.c_str(), cardPath.c_str());
    return 0;
}

} // namespace atomlens::cli
