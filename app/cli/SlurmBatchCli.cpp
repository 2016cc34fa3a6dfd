// atomlens-cli batch --slurm: a batch as a Slurm job array (core/analysis/SlurmBatch.h).
#include "app/cli/SlurmBatchCli.h"

#include "app/cli/DeviceOption.h"
#include "app/cli/ProgramThreads.h"
#include "app/cli/TerminalJob.h"

#include "core/analysis/SlurmBatch.h"
#include "core/data/DataPaths.h"
#include "core/data/Errors.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace atomlens::cli {
namespace fs = std::filesystem;

std::vector<std::string> slurmBatchValuedOptions() {
    return {"array-size", "partition",  "time", "cpus-per-task", "gres",
            "sbatch-arg", "slurm-task", "task", "job",           "slurm-merge"};
}

std::vector<std::string> slurmBatchFlags() {
    return {"slurm", "dry-run", "wait"};
}

namespace {

int runTask(const CliArgs& args) {
    const std::string manifest = args.get("slurm-task");
    const long long task = args.integer("task", -1);
    const std::string jobId = args.get("job", "?");
    applyDeviceOption(args, "batch (Slurm task)");
    TerminalJob job;
    const BatchSummary s = runSlurmShard(manifest, int(task), jobId, int(args.integer("workers", 1)), job);
    std::fprintf(stderr, "Slurm job %s: %zu done, %zu already done, %zu failed of %zu items\n", jobId.c_str(),
                 s.done, s.skipped, s.failed, s.items.size());
    if (s.canceled) throw CanceledError();
    return 0; // failed items are reported per item by the merge job, which runs only after exit 0
}

int runMerge(const CliArgs& args) {
    TerminalJob job;
    const BatchSummary s = mergeSlurmBatch(args.get("slurm-merge"), job);
    for (const auto& r : s.items)
        if (r.status == BatchItemStatus::Failed || r.status == BatchItemStatus::Canceled)
            std::fprintf(stderr, "item %zu: %s\n", r.index, r.message.c_str());
    std::fprintf(stderr, "merge (Slurm job %s): %zu done, %zu done earlier, %zu not done of %zu items\n",
                 args.get("job", "-").c_str(), s.done, s.skipped, s.failed, s.items.size());
    if (s.failed)
        throw std::runtime_error(std::to_string(s.failed) + " of " + std::to_string(s.items.size()) +
                                 " items are not done (see batch.csv)");
    return 0;
}

int submit(const CliArgs& args) {
    if (args.positional().empty())
        throw std::invalid_argument("expects at least one INPUT (folder, list file or image)");
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output folder: -o OUTDIR");
    const std::string chainPath = args.require("chain");
    SlurmOptions options;
    options.arraySize = int(args.integer("array-size", options.arraySize));
    if (options.arraySize < 1 || options.arraySize > 100000)
        throw std::invalid_argument("--array-size must be between 1 and 100000");
    options.partition = args.get("partition");
    options.time = args.get("time");
    options.cpusPerTask = int(args.integer("cpus-per-task", 0));
    if (options.cpusPerTask < 0) throw std::invalid_argument("--cpus-per-task must be positive");
    options.gres = args.get("gres");
    options.extraArgs = args.getAll("sbatch-arg");
    // --threads N goes to every task; without it a task uses the CPUs Slurm gave it.
    if (threadsOptionGiven()) options.threads = programThreads();
    if (args.get("device") == "cuda" && options.gres.empty())
        std::fprintf(stderr, "warning: --device cuda without --gres gpu:N: Slurm may place tasks on nodes "
                             "without a GPU, and those tasks will fail\n");
    std::vector<std::string> taskArgs = {"-o", fs::absolute(out).lexically_normal().string()};
    if (args.has("workers")) taskArgs.insert(taskArgs.end(), {"--workers", args.get("workers")});
    if (args.has("device")) taskArgs.insert(taskArgs.end(), {"--device", args.get("device")});
    const std::string exe = (fs::path(executableDir()) / "atomlens-cli").string();

    const auto items = collectBatchItems(args.positional());
    if (items.empty()) throw InputError(args.positional()[0], "no micrographs to process");
    const SlurmPlan plan = planSlurmBatch(chainPath, items, out, options, exe, taskArgs);
    for (const auto& p : plan.earlierProblems) std::fprintf(stderr, "earlier run: %s\n", p.c_str());
    if (plan.pending.empty()) {
        BatchRunner(TaskChain::load(chainPath), items, out).writeTables({});
        std::fprintf(stderr, "all %zu items are done; nothing to submit (tables rewritten in %s)\n",
                     items.size(), out.c_str());
        return 0;
    }
    if (args.has("dry-run")) {
        std::printf("# %s\n%s\n# %s\n%s\n# submit with:\n#   sbatch --parsable %s\n"
                    "#   sbatch --parsable --dependency=afterok:<array job> --kill-on-invalid-dep=yes %s\n",
                    plan.arrayScriptPath.c_str(), plan.arrayScript.c_str(), plan.mergeScriptPath.c_str(),
                    plan.mergeScript.c_str(), plan.arrayScriptPath.c_str(), plan.mergeScriptPath.c_str());
        std::fprintf(stderr,
                     "dry run: %zu of %zu items would run in %d array tasks; nothing written or submitted\n",
                     plan.pending.size(), items.size(), plan.tasks);
        return 0;
    }
    writeSlurmPlan(plan);
    std::string waited;
    const SlurmSubmission s = submitSlurmPlan(plan, options, args.has("wait"), &waited);
    std::fprintf(stderr,
                 "submitted %zu of %zu items as Slurm array job %s (%d tasks) and merge job %s (afterok); "
                 "scripts and logs in %s\n",
                 plan.pending.size(), items.size(), s.arrayJob.c_str(), plan.tasks, s.mergeJob.c_str(),
                 plan.folder.c_str());
    std::printf("%s %s\n", s.arrayJob.c_str(), s.mergeJob.c_str());
    std::fflush(stdout);
    if (!args.has("wait")) return 0;
    const BatchRunner runner(TaskChain::load(chainPath), items, out);
    const auto problems = slurmItemProblems(out, items, runner);
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
    if (!problems.empty())
        throw std::runtime_error(waited + "; " + std::to_string(problems.size()) + " of " +
                                 std::to_string(items.size()) +
                                 " items not done (submit again to redo them)");
    std::fprintf(stderr, "%s: all %zu items done -> %s/merged_atoms.csv\n", waited.c_str(), items.size(),
                 out.c_str());
    return 0;
}

} // namespace

bool runSlurmBatchMode(const CliArgs& args, int& exitCode) {
    if (args.has("slurm-task")) {
        exitCode = runTask(args);
        return true;
    }
    if (args.has("slurm-merge")) {
        exitCode = runMerge(args);
        return true;
    }
    if (args.has("slurm")) {
        exitCode = submit(args);
        return true;
    }
    for (const char* o :
         {"array-size", "partition", "time", "cpus-per-task", "gres", "sbatch-arg", "dry-run", "wait"})
        if (args.has(o)) throw std::invalid_argument(std::string("--") + o + " needs --slurm");
    return false;
}

} // namespace atomlens::cli
