#pragma once
#include "core/analysis/BatchRunner.h"
#include "core/job/JobContext.h"

#include <string>
#include <vector>

namespace atomlens {

/// Scaling a batch out over a Slurm cluster: the items not yet complete are split into the shards of a
/// job array (each task runs its shard with BatchRunner, so the per-item done.json markers make every
/// run resumable), and a merge job that starts when all tasks succeeded (afterok) writes batch.csv and
/// merged_atoms.csv exactly as a local `batch` run would. Everything a submission needs is written to
/// OUT/slurm/: submission-K.json (the manifest: chain, items, the pending ones, the shard count),
/// array-K.sh and merge-K.sh (the scripts given to sbatch), logs/ (one file per task) and status/
/// (one marker per item: which Slurm job ran it and how it ended). Submitting again redoes only the
/// items without a valid done.json: those of a failed, cancelled or timed-out task.

/// What the user passes through to sbatch.
struct SlurmOptions {
    int arraySize = 4;                  ///< most tasks in the array (fewer when fewer items are pending)
    std::string partition;              ///< --partition (cluster default when empty)
    std::string time;                   ///< --time limit per task (e.g. 01:00:00)
    int cpusPerTask = 0;                ///< --cpus-per-task (0: not given)
    std::string gres;                   ///< --gres (e.g. gpu:1)
    std::vector<std::string> extraArgs; ///< further sbatch options for both jobs (--hold: the array only)
    /// Threads of each array task's pool (--threads): 0 = the CPUs Slurm gave the task
    /// ($SLURM_CPUS_PER_TASK, 1 when --cpus-per-task was not given), never the node's hardware count.
    int threads = 0;
    std::string jobName = "atomlens-batch";
    /// The sbatch and squeue programs ($ATOMLENS_SBATCH / $ATOMLENS_SQUEUE override "sbatch"/"squeue").
    std::string sbatch, squeue;
};

/// One submission, ready to be written and submitted.
struct SlurmPlan {
    int submission = 1; ///< K: 1 + the number of earlier submissions in OUT/slurm
    std::string folder; ///< OUT/slurm (absolute)
    std::string manifestPath, arrayScriptPath, mergeScriptPath;
    std::string arrayScript, mergeScript;     ///< the scripts' text
    std::string manifest;                     ///< the manifest's JSON text
    std::vector<std::size_t> pending;         ///< indices of the items still to do
    int tasks = 0;                            ///< array tasks (0 when nothing is pending)
    std::vector<std::string> earlierProblems; ///< "item: not finished by Slurm job J (...)" of earlier runs
};

/// Plans a submission of `items` (collectBatchItems order) with the chain at `chainPath` into `output`.
/// `executable` is the atomlens-cli the tasks run (absolute; the cluster must see the same path) and
/// `taskArgs` extra arguments for every task (e.g. --workers N --device cuda). Throws InputError when an
/// earlier submission of the same folder is still queued or running (squeue), so no item runs twice.
SlurmPlan planSlurmBatch(const std::string& chainPath, const std::vector<BatchItem>& items,
                         const std::string& output, const SlurmOptions& options,
                         const std::string& executable, const std::vector<std::string>& taskArgs);

/// Writes the manifest and the two scripts of a plan (atomically).
void writeSlurmPlan(const SlurmPlan& plan);

/// The job ids sbatch returned.
struct SlurmSubmission {
    std::string arrayJob, mergeJob;
};

/// Submits the array, then the merge job with --dependency=afterok:<array> (and --kill-on-invalid-dep,
/// so a failed or cancelled task does not leave it pending forever). With `waitForMerge`, blocks until
/// the merge job has ended (sbatch --wait). Throws InputError with sbatch's own message when sbatch
/// fails (a missing partition, an unreachable controller); batch.csv then lists every pending item as
/// failed with that message. Records the job ids in the manifest.
SlurmSubmission submitSlurmPlan(const SlurmPlan& plan, const SlurmOptions& options, bool waitForMerge,
                                std::string* waitMessage = nullptr);

/// In array task `task` of the manifest: runs that task's shard (resumably), writing a status marker per
/// item with `jobId` ("<array job>_<task>"). Tables are not written (the merge job does that).
BatchSummary runSlurmShard(const std::string& manifestPath, int task, const std::string& jobId, int workers,
                           JobContext& job);

/// The merge job: writes OUT/batch.csv and OUT/merged_atoms.csv over all items of the manifest. Items
/// that failed or never finished are listed with the Slurm job that had them (from the status markers).
BatchSummary mergeSlurmBatch(const std::string& manifestPath, JobContext& job);

/// Per item not complete: "NAME: failed in Slurm job J: MESSAGE" or "NAME: not finished by Slurm job J
/// (cancelled, timed out or died)" or "NAME: never run". Empty when every item is complete.
std::vector<std::string> slurmItemProblems(const std::string& output, const std::vector<BatchItem>& items,
                                           const BatchRunner& runner);

/// Quotes a word for bash (single quotes).
std::string shellQuote(const std::string& word);

} // namespace atomlens
