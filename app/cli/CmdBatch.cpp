// atomlens-cli batch: a task chain over a folder, a list or a stack, resumable.
#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/DeviceOption.h"
#include "app/cli/SlurmBatchCli.h"
#include "app/cli/TerminalJob.h"

#include "core/analysis/BatchRunner.h"
#include "core/data/Errors.h"
#include "core/nn/ModelCard.h"

#include <cstdio>
#include <stdexcept>

namespace atomlens::cli {

namespace {
/// --model: every classify step of the chain runs this model (a shipped name, a card or a fine-tuned
/// model's folder); checked once here so a bad model fails before the first image.
void useModel(TaskChain& chain, const std::string& model) {
    const ModelCard card = loadModel(model);
    if (card.kind != "egnn")
        throw InputError(card.cardPath, "is not an EGNN sub-model (kind " + card.kind + ")");
    bool found = false;
    for (auto& step : chain.steps)
        if (step.id == "classify") step.params.set("model", card.cardPath), found = true;
    if (!found) throw std::invalid_argument("--model given but the chain has no classify step");
}
} // namespace

int cmdBatch(const std::vector<std::string>& argv) {
    std::vector<std::string> valued = {"chain",  "model",          "o", "output", "workers",
                                       "device", "batch-inference"},
                             flags = {"no-resume"};
    for (const auto& o : slurmBatchValuedOptions()) valued.push_back(o);
    for (const auto& f : slurmBatchFlags()) flags.push_back(f);
    const CliArgs args(argv, valued, flags);
    if (int code = 0; runSlurmBatchMode(args, code)) return code; // --slurm, and what its jobs run
    applyDeviceOption(args, "batch");
    applyBatchInferenceOption(args);
    if (args.positional().empty())
        throw std::invalid_argument("expects at least one INPUT (folder, list file or image)");
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output folder: -o OUTDIR");
    // On a GPU several items at a time, so their sub-model passes can be batched into one.
    const long long workers = args.integer("workers", networksOnGpu() ? 4 : 1);
    if (workers < 1 || workers > 256) throw std::invalid_argument("--workers must be between 1 and 256");
    if (!args.has("chain") && !args.has("model"))
        throw std::invalid_argument("missing --chain CHAIN.yaml or --model MODEL (or both)");
    TaskChain chain = args.has("chain") ? TaskChain::load(args.get("chain"))
                                        : TaskChain::parse("name: classify\nsteps:\n  - step: detect\n"
                                                           "  - step: classify\n"
                                                           "    params: {assign_class: true}\n",
                                                           "batch --model");
    if (args.has("model")) useModel(chain, args.get("model"));
    const auto items = collectBatchItems(args.positional());
    if (items.empty()) throw InputError(args.positional()[0], "no micrographs to process");

    BatchRunner runner(chain, items, out);
    runner.setResume(!args.has("no-resume"));
    runner.setWorkers(int(workers));
    TerminalJob job;
    runner.setItemCallback([&](const BatchItemReport& r) {
        if (r.status == BatchItemStatus::Failed)
            job.log(JobContext::LogLevel::Error, runner.items()[r.index].name + ": " + r.message);
    });
    const BatchSummary s = runner.run(job);
    std::fprintf(stderr, "%zu done, %zu already done, %zu failed of %zu in %.1f s -> %s/merged_atoms.csv\n",
                 s.done, s.skipped, s.failed, items.size(), s.seconds, out.c_str());
    if (const std::string report = batchInferenceReport(); !report.empty())
        std::fprintf(stderr, "%s\n", report.c_str());
    if (s.canceled) throw CanceledError();
    if (s.failed)
        throw std::runtime_error(std::to_string(s.failed) + " of " + std::to_string(items.size()) +
                                 " items failed (see batch.csv)");
    return 0;
}

} // namespace atomlens::cli
