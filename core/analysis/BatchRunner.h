#pragma once
#include "core/chain/TaskChain.h"
#include "core/job/JobContext.h"

#include <functional>
#include <string>
#include <vector>

namespace atomlens {

/// One unit of a batch: one frame of one micrograph file, written to its own output folder.
struct BatchItem {
    std::string source; ///< micrograph path
    int frame = 0;
    std::string name; ///< output sub-folder, unique within the batch
};

/// Items from command-line style inputs, in order: a folder gives every file in it with a supported
/// micrograph extension (sorted by name, not recursive), a list file (.txt, .lst or .list) one path
/// per line (blank lines and '#' comments skipped, relative paths from the list's folder), any other
/// file one item per frame (a stack gives several). Names are file stems ("_fN" added for stacks,
/// "_2", "_3" for repeated stems). Throws InputError for a missing input or an unreadable list/stack.
std::vector<BatchItem> collectBatchItems(const std::vector<std::string>& inputs);

/// What happened to one item.
enum class BatchItemStatus { Skipped, Done, Failed, Canceled };
const char* batchStatusName(BatchItemStatus status);

struct BatchItemReport {
    std::size_t index = 0; ///< into the item list
    BatchItemStatus status = BatchItemStatus::Done;
    std::string message;   ///< error text for Failed, "already done" for Skipped
    std::size_t atoms = 0; ///< rows of its atoms.csv (atoms + empty sites)
    double seconds = 0;    ///< wall time of the item
};

struct BatchSummary {
    std::size_t done = 0, skipped = 0, failed = 0;
    bool canceled = false;
    double seconds = 0;
    std::vector<BatchItemReport> items; ///< one per item that finished, was skipped or failed, in item order
};

/// Runs a task chain over many items, resumably: each item's outputs (writeChainOutputs: atoms.csv,
/// graph.json, figures, summary.json, all atomic) go to OUT/<name>/, and only then OUT/<name>/done.json
/// records the source (path, size, modification time), frame, the chain's fingerprint and the files
/// written. An item whose done.json matches is skipped on the next run; a crash or cancel before
/// done.json leaves the item to be redone (its old marker is deleted before it starts). After the
/// run, OUT/batch.csv (one row per item) and OUT/merged_atoms.csv (every completed item's atoms.csv
/// with item, source and frame columns in front) are rewritten from what is on disk.
/// Progress goes to the JobContext (items finished of total); cancellation stops starting new items,
/// lets running ones stop at their next check, and run() returns with canceled = true.
class BatchRunner {
public:
    using ItemCallback = std::function<void(const BatchItemReport&)>;

    BatchRunner(TaskChain chain, std::vector<BatchItem> items, std::string outputFolder);
    /// Skip items whose completion marker matches (default true).
    void setResume(bool resume) { m_resume = resume; }
    /// Items processed at the same time (default 1), at most the size of the job's thread pool; each
    /// item's own parallel loops share that pool (JobContext::threadPool()).
    void setWorkers(int workers) { m_workers = workers < 1 ? 1 : workers; }
    /// Called once per item as it is skipped, finishes, fails or is canceled; calls are serialised
    /// but come from worker threads (a GUI must post them to its own thread).
    void setItemCallback(ItemCallback callback) { m_callback = std::move(callback); }
    /// Write batch.csv and merged_atoms.csv at the end of run() (default true; a Slurm array task does
    /// not: its merge job does, core/analysis/SlurmBatch.h).
    void setWriteTables(bool write) { m_writeTables = write; }

    const std::vector<BatchItem>& items() const { return m_items; }
    /// Stable text fingerprint of the chain (steps and parameters), stored in done.json.
    std::string chainFingerprint() const;
    /// True when OUT/<item.name>/done.json matches the item, this chain and the source file as it is now.
    bool isComplete(const BatchItem& item) const;

    BatchSummary run(JobContext& job);
    /// (Re)writes OUT/batch.csv and OUT/merged_atoms.csv from the reports and what is on disk.
    void writeTables(const BatchSummary& summary) const;

private:
    BatchItemReport runItem(std::size_t index, JobContext& job);

    TaskChain m_chain;
    std::vector<BatchItem> m_items;
    std::string m_output;
    bool m_resume = true;
    int m_workers = 1;
    bool m_writeTables = true;
    ItemCallback m_callback;
};

} // namespace atomlens
