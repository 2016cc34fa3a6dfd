// atomlens-cli batch: a task chain over a folder, a list or a stack, resumable.
#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/DeviceOption.h"
#include "app/cli/SlurmBatchCli.h"
#include "app/cli/TerminalJob.h"

#include "core/analysis/BatchRunner.h"
#include "core/data/Errors.h"

#include <cstdio>
#include <stdexcept>

namespace atomlens::cli {

int cmdBatch(const std::vector<std::string>& argv) {
    std::vector<std::string> valued = {"chain", "o", "output", "workers", "device"}, flags = {"no-resume"};
    for (const auto& o : slurmBatchValuedOptions()) valued.push_back(o);
    for (const auto& f : slurmBatchFlags()) flags.push_back(f);
    const CliArgs args(argv, valued, flags);
    if (int code = 0; runSlurmBatchMode(args, code)) return code; // --slurm, and what its jobs run
    applyDeviceOption(args, "batch");
    if (args.positional().empty())
        throw std::invalid_argument("expects at least one INPUT (folder, list file or image)");
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output folder: -o OUTDIR");
    const long long workers = args.integer("workers", 1);
    if (workers < 1 || workers > 256) throw std::invalid_argument("--workers must be between 1 and 256");
    const TaskChain chain = TaskChain::load(args.require("chain"));
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
    if (s.canceled) throw CanceledError();
    if (s.failed)
        throw std::runtime_error(std::to_string(s.failed) + " of " + std::to_string(items.size()) +
                                 " items failed (see batch.csv)");
    return 0;
}

} // namespace atomlens::cli
