#include "core/analysis/SlurmBatch.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace atomlens {
namespace {

struct ProcessResult {
    int exitCode = 0;
    std::string output; ///< stdout and stderr together
};

/// Runs a program (no shell interpretation of the words) and collects its output.
ProcessResult runProgram(const std::vector<std::string>& argv) {
    std::string command;
    for (const auto& a : argv) command += shellQuote(a) + " ";
    command += "2>&1";
    ProcessResult r;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return {127, "cannot start " + argv.front()};
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) r.output.append(buffer, n);
    const int status = ::pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    while (!r.output.empty() && (r.output.back() == '\n' || r.output.back() == ' ')) r.output.pop_back();
    return r;
}

std::string program(const std::string& given, const char* variable, const char* fallback) {
    if (!given.empty()) return given;
    if (const char* v = std::getenv(variable); v && *v) return v;
    return fallback;
}

/// sbatch's message in one line ("sbatch: error: ..." lines joined).
std::string oneLine(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text.empty() ? std::string("no output") : text;
}

json readJson(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path, "cannot read the Slurm batch manifest");
    try {
        return json::parse(in);
    } catch (const std::exception& e) {
        throw InputError(path, std::string("not a valid Slurm batch manifest: ") + e.what());
    }
}

void writeText(const std::string& path, const std::string& text) {
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out) throw InputError(path, "cannot write the file");
    });
}

std::string statusPath(const std::string& folder, const std::string& item) {
    return (fs::path(folder) / "status" / (item + ".json")).string();
}

json readStatus(const std::string& folder, const std::string& item) {
    std::ifstream in(statusPath(folder, item));
    if (!in) return json();
    try {
        return json::parse(in);
    } catch (const std::exception&) {
        return json();
    }
}

struct Manifest {
    std::string path, folder, output, chain;
    int submission = 1, tasks = 0;
    std::vector<BatchItem> items;
    std::vector<std::size_t> pending;
};

Manifest loadManifest(const std::string& path) {
    const json j = readJson(path);
    Manifest m;
    try {
        m.path = path;
        m.folder = fs::path(path).parent_path().string();
        m.output = j.at("output").get<std::string>();
        m.chain = j.at("chain").get<std::string>();
        m.submission = j.at("submission").get<int>();
        m.tasks = j.at("tasks").get<int>();
        for (const auto& i : j.at("items"))
            m.items.push_back({i.at("source").get<std::string>(), i.at("frame").get<int>(),
                               i.at("name").get<std::string>()});
        m.pending = j.at("pending").get<std::vector<std::size_t>>();
    } catch (const std::exception& e) {
        throw InputError(path, std::string("not a valid Slurm batch manifest: ") + e.what());
    }
    for (std::size_t i : m.pending)
        if (i >= m.items.size()) throw InputError(path, "a pending item index is out of range");
    return m;
}

int lastSubmission(const std::string& folder) {
    int last = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("submission-", 0) == 0 && e.path().extension() == ".json")
            last = std::max(last, std::atoi(name.c_str() + 11));
    }
    return last;
}

/// Which array task ("<array job>_<task>") of the last submission had each item: an item of a task
/// cancelled before it started has no status marker, but its job id is known from its shard.
std::map<std::string, std::string> arrayTaskOfItems(const std::string& folder) {
    std::map<std::string, std::string> taskOf;
    const int last = lastSubmission(folder);
    if (last == 0) return taskOf;
    try {
        const std::string path =
            (fs::path(folder) / ("submission-" + std::to_string(last) + ".json")).string();
        const Manifest m = loadManifest(path);
        const std::string array = readJson(path).value("array_job", std::string());
        const std::size_t P = m.pending.size(), T = std::size_t(std::max(1, m.tasks));
        for (std::size_t t = 0; t < T && !array.empty(); ++t)
            for (std::size_t k = t * P / T; k < (t + 1) * P / T; ++k)
                taskOf[m.items[m.pending[k]].name] = array + "_" + std::to_string(t);
    } catch (const std::exception&) { // a torn manifest: report without job ids
    }
    return taskOf;
}

std::string sbatchLine(const std::string& option, const std::string& value) {
    return value.empty() ? std::string() : "#SBATCH --" + option + "=" + value + "\n";
}

} // namespace

std::string shellQuote(const std::string& word) {
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::vector<std::string> slurmItemProblems(const std::string& output, const std::vector<BatchItem>& items,
                                           const BatchRunner& runner) {
    const std::string folder = (fs::absolute(output) / "slurm").string();
    std::map<std::string, std::string> taskOf = arrayTaskOfItems(folder);
    std::vector<std::string> out;
    for (const auto& item : items) {
        if (runner.isComplete(item)) continue;
        const json s = readStatus(folder, item.name);
        const std::string jobId = s.is_object() ? s.value("job", std::string("?")) : std::string();
        const std::string status = s.is_object() ? s.value("status", std::string()) : std::string();
        if (status == "failed")
            out.push_back(item.name + ": failed in Slurm job " + jobId + ": " +
                          s.value("message", std::string()));
        else if (!status.empty())
            out.push_back(item.name + ": not finished by Slurm job " + jobId +
                          " (cancelled, timed out or died before its done.json)");
        else if (taskOf.count(item.name))
            out.push_back(item.name + ": not run: Slurm job " + taskOf[item.name] +
                          " never started it (cancelled or failed before it began)");
        else
            out.push_back(item.name + ": never run");
    }
    return out;
}

SlurmPlan planSlurmBatch(const std::string& chainPath, const std::vector<BatchItem>& items,
                         const std::string& output, const SlurmOptions& options,
                         const std::string& executable, const std::vector<std::string>& taskArgs) {
    if (options.arraySize < 1) throw std::invalid_argument("--array-size must be at least 1");
    const TaskChain chain = TaskChain::load(chainPath); // a bad chain is an error here, not in 100 tasks
    SlurmPlan plan;
    const fs::path out = fs::absolute(output).lexically_normal();
    plan.folder = (out / "slurm").string();
    plan.submission = lastSubmission(plan.folder) + 1;
    if (plan.submission > 1) { // no item may run twice at the same time
        const std::string previous =
            (fs::path(plan.folder) / ("submission-" + std::to_string(plan.submission - 1) + ".json"))
                .string();
        const json p = readJson(previous);
        std::string jobs;
        for (const char* key : {"array_job", "merge_job"})
            if (p.contains(key)) jobs += (jobs.empty() ? "" : ",") + p[key].get<std::string>();
        if (!jobs.empty()) {
            const ProcessResult q = runProgram(
                {program(options.squeue, "ATOMLENS_SQUEUE", "squeue"), "-h", "-j", jobs, "-o", "%i %T"});
            if (q.exitCode == 0 && !q.output.empty())
                throw InputError(output,
                                 "Slurm jobs of the previous submission are still queued or running (" +
                                     oneLine(q.output) + "); wait for them or scancel them first");
        }
    }
    BatchRunner runner(chain, items, out.string());
    for (std::size_t i = 0; i < items.size(); ++i)
        if (!runner.isComplete(items[i])) plan.pending.push_back(i);
    if (plan.submission > 1) plan.earlierProblems = slurmItemProblems(out.string(), items, runner);
    plan.tasks = int(std::min<std::size_t>(std::size_t(options.arraySize), plan.pending.size()));
    const std::string k = std::to_string(plan.submission);
    plan.manifestPath = (fs::path(plan.folder) / ("submission-" + k + ".json")).string();
    plan.arrayScriptPath = (fs::path(plan.folder) / ("array-" + k + ".sh")).string();
    plan.mergeScriptPath = (fs::path(plan.folder) / ("merge-" + k + ".sh")).string();
    const std::string logs = (fs::path(plan.folder) / "logs").string();
    const std::string cwd = fs::current_path().string();
    const std::string common = sbatchLine("chdir", cwd) + sbatchLine("partition", options.partition) +
                               sbatchLine("time", options.time);

    std::ostringstream a;
    a << "#!/bin/bash\n"
      << "# AtomLens batch on Slurm, submission " << k << ": " << plan.pending.size() << " pending of "
      << items.size() << " items in " << plan.tasks << " array tasks (manifest " << plan.manifestPath
      << ").\n"
      << "# Each task runs its shard; an item with a valid done.json is skipped, so a resubmission redoes\n"
      << "# only unfinished items. The merge job (merge-" << k << ".sh, afterok) writes the tables.\n"
      << "#SBATCH --job-name=" << options.jobName << "\n"
      << "#SBATCH --array=0-" << std::max(0, plan.tasks - 1) << "\n"
      << "#SBATCH --output=" << logs << "/%A_%a.out\n"
      << common
      << sbatchLine("cpus-per-task", options.cpusPerTask > 0 ? std::to_string(options.cpusPerTask) : "")
      << sbatchLine("gres", options.gres) << "exec " << shellQuote(executable) << " batch --slurm-task "
      << shellQuote(plan.manifestPath)
      << " --task \"$SLURM_ARRAY_TASK_ID\" --job \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"";
    for (const auto& arg : taskArgs) a << " " << shellQuote(arg);
    // A task shares its node: it uses the CPUs it was given, not every hardware thread of the node.
    if (options.threads > 0)
        a << " --threads " << options.threads;
    else
        a << " --threads \"${SLURM_CPUS_PER_TASK:-1}\"";
    a << "\n";
    plan.arrayScript = a.str();

    std::ostringstream m;
    m << "#!/bin/bash\n"
      << "# AtomLens batch on Slurm, submission " << k << ": batch.csv and merged_atoms.csv over all "
      << items.size() << " items, after every array task succeeded.\n"
      << "#SBATCH --job-name=" << options.jobName << "-merge\n"
      << "#SBATCH --output=" << logs << "/merge-" << k << "_%j.out\n"
      << common << "exec " << shellQuote(executable) << " batch --slurm-merge "
      << shellQuote(plan.manifestPath) << " --job \"$SLURM_JOB_ID\"\n";
    plan.mergeScript = m.str();

    json manifest{{"version", 1},
                  {"chain", fs::absolute(chainPath).lexically_normal().string()},
                  {"output", out.string()},
                  {"workdir", cwd},
                  {"submission", plan.submission},
                  {"tasks", plan.tasks},
                  {"pending", plan.pending}};
    manifest["items"] = json::array();
    for (const auto& item : items)
        manifest["items"].push_back({{"source", item.source}, {"frame", item.frame}, {"name", item.name}});
    plan.manifest = manifest.dump(1) + "\n";
    return plan;
}

void writeSlurmPlan(const SlurmPlan& plan) {
    std::error_code ec;
    fs::create_directories(fs::path(plan.folder) / "logs", ec);
    fs::create_directories(fs::path(plan.folder) / "status", ec);
    if (ec) throw InputError(plan.folder, "cannot create the folder (" + ec.message() + ")");
    writeText(plan.manifestPath, plan.manifest);
    writeText(plan.arrayScriptPath, plan.arrayScript);
    writeText(plan.mergeScriptPath, plan.mergeScript);
    fs::permissions(plan.arrayScriptPath, fs::perms::owner_exec | fs::perms::group_exec,
                    fs::perm_options::add, ec);
    fs::permissions(plan.mergeScriptPath, fs::perms::owner_exec | fs::perms::group_exec,
                    fs::perm_options::add, ec);
    (void)ec;
}

SlurmSubmission submitSlurmPlan(const SlurmPlan& plan, const SlurmOptions& options, bool waitForMerge,
                                std::string* waitMessage) {
    json manifest = readJson(plan.manifestPath);
    const std::string sbatch = program(options.sbatch, "ATOMLENS_SBATCH", "sbatch");
    auto jobIdOf = [](const std::string& text) { // --parsable: "123" or "123;cluster"
        const std::string line =
            text.substr(text.find_last_of('\n') == std::string::npos ? 0 : text.find_last_of('\n') + 1);
        const std::string id = line.substr(0, line.find(';'));
        return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })
                   ? id
                   : std::string();
    };
    auto failAll = [&](const std::string& message) {
        const Manifest m = loadManifest(plan.manifestPath);
        BatchRunner runner(TaskChain::load(m.chain), m.items, m.output);
        BatchSummary summary;
        for (std::size_t i : m.pending) {
            BatchItemReport r;
            r.index = i, r.status = BatchItemStatus::Failed, r.message = message;
            summary.items.push_back(r);
        }
        runner.writeTables(summary);
    };
    std::vector<std::string> arrayCommand = {sbatch, "--parsable"};
    arrayCommand.insert(arrayCommand.end(), options.extraArgs.begin(), options.extraArgs.end());
    arrayCommand.push_back(plan.arrayScriptPath);
    const ProcessResult array = runProgram(arrayCommand);
    SlurmSubmission s;
    s.arrayJob = jobIdOf(array.output);
    if (array.exitCode != 0 || s.arrayJob.empty()) {
        const std::string message = "not submitted to Slurm: " + oneLine(array.output);
        failAll(message);
        throw InputError(sbatch, "the array job was not submitted: " + oneLine(array.output));
    }
    manifest["array_job"] = s.arrayJob;
    writeText(plan.manifestPath, manifest.dump(2) + "\n");
    std::vector<std::string> mergeCommand = {sbatch, "--parsable", "--dependency=afterok:" + s.arrayJob,
                                             "--kill-on-invalid-dep=yes"};
    for (const auto& extra : options.extraArgs) // e.g. --account, --qos; a held array holds the merge anyway
        if (extra != "--hold" && extra != "-H") mergeCommand.push_back(extra);
    if (waitForMerge) mergeCommand.push_back("--wait");
    mergeCommand.push_back(plan.mergeScriptPath);
    const ProcessResult merge = runProgram(mergeCommand);
    s.mergeJob = jobIdOf(merge.output.substr(0, merge.output.find('\n')));
    if (s.mergeJob.empty())
        throw InputError(sbatch, "array job " + s.arrayJob + " was submitted, but the merge job was not: " +
                                     oneLine(merge.output) + " (run 'atomlens-cli batch --slurm-merge " +
                                     plan.manifestPath + "' when the array has finished)");
    manifest["merge_job"] = s.mergeJob;
    writeText(plan.manifestPath, manifest.dump(2) + "\n");
    if (waitForMerge && waitMessage)
        *waitMessage = merge.exitCode == 0 ? std::string("merge job " + s.mergeJob + " finished")
                                           : "merge job " + s.mergeJob + " did not succeed (exit " +
                                                 std::to_string(merge.exitCode) + ")";
    return s;
}

BatchSummary runSlurmShard(const std::string& manifestPath, int task, const std::string& jobId, int workers,
                           JobContext& job) {
    const Manifest m = loadManifest(manifestPath);
    if (task < 0 || task >= m.tasks)
        throw InputError(manifestPath,
                         "has " + std::to_string(m.tasks) + " tasks; no task " + std::to_string(task));
    const std::size_t P = m.pending.size(), T = std::size_t(m.tasks), t = std::size_t(task);
    std::vector<BatchItem> shard;
    for (std::size_t k = t * P / T; k < (t + 1) * P / T; ++k) shard.push_back(m.items[m.pending[k]]);
    for (const auto& item : shard)
        writeText(statusPath(m.folder, item.name),
                  json{{"status", "started"}, {"job", jobId}, {"submission", m.submission}}.dump() + "\n");
    BatchRunner runner(TaskChain::load(m.chain), shard, m.output);
    runner.setResume(true);
    runner.setWriteTables(false);
    runner.setWorkers(workers);
    runner.setItemCallback([&](const BatchItemReport& r) {
        const BatchItem& item = shard[r.index];
        if (r.status == BatchItemStatus::Skipped) { // done by an earlier job: keep its marker
            writeText(statusPath(m.folder, item.name), json{{"status", "done"},
                                                            {"job", jobId},
                                                            {"submission", m.submission},
                                                            {"note", "already done"}}
                                                               .dump() +
                                                           "\n");
            return;
        }
        writeText(statusPath(m.folder, item.name), json{{"status", batchStatusName(r.status)},
                                                        {"job", jobId},
                                                        {"submission", m.submission},
                                                        {"message", r.message},
                                                        {"atoms", r.atoms},
                                                        {"seconds", r.seconds}}
                                                           .dump() +
                                                       "\n");
        if (r.status == BatchItemStatus::Failed)
            job.log(JobContext::LogLevel::Error, item.name + ": " + r.message + " (Slurm job " + jobId + ")");
    });
    return runner.run(job);
}

BatchSummary mergeSlurmBatch(const std::string& manifestPath, JobContext& job) {
    const Manifest m = loadManifest(manifestPath);
    BatchRunner runner(TaskChain::load(m.chain), m.items, m.output);
    const std::map<std::string, std::string> taskOf = arrayTaskOfItems(m.folder);
    BatchSummary summary;
    for (std::size_t i = 0; i < m.items.size(); ++i) {
        job.throwIfCanceled();
        const BatchItem& item = m.items[i];
        const json s = readStatus(m.folder, item.name);
        const std::string status = s.is_object() ? s.value("status", std::string()) : std::string();
        const std::string jobId = s.is_object() ? s.value("job", std::string("?")) : std::string();
        BatchItemReport r;
        r.index = i;
        if (runner.isComplete(item)) {
            if (status == "done" && !s.contains("note")) {
                r.status = BatchItemStatus::Done;
                r.atoms = s.value("atoms", std::size_t(0));
                r.seconds = s.value("seconds", 0.0);
                ++summary.done;
            } else {
                r.status = BatchItemStatus::Skipped;
                ++summary.skipped;
            }
        } else if (status == "failed") {
            r.status = BatchItemStatus::Failed;
            r.message = "failed in Slurm job " + jobId + ": " + s.value("message", std::string());
            ++summary.failed;
        } else {
            r.status = BatchItemStatus::Canceled;
            const auto task = taskOf.find(item.name);
            r.message = !status.empty()
                            ? "not finished by Slurm job " + jobId + " (cancelled, timed out or died)"
                        : task != taskOf.end() ? "not run: Slurm job " + task->second + " never started it"
                                               : std::string("never run");
            ++summary.failed;
        }
        summary.items.push_back(r);
    }
    runner.writeTables(summary);
    return summary;
}

} // namespace atomlens
