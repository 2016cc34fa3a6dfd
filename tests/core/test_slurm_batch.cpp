// SlurmBatch without a cluster: the plan's scripts, sbatch calls (a fake sbatch), shards run in-process,
// a task that died reported with its job id and redone alone, merged tables equal to a local batch, and
// sbatch/squeue errors. tests/slurm/slurm_batch_test.sh runs the same against a real Slurm.
#include "tests/SlurmTestSupport.h"
#include "tests/TestSupport.h"

#include "core/analysis/SlurmBatch.h"
#include "core/data/Errors.h"
#include "core/io/TiffWriter.h"
#include "core/simulate/Simulator.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace atomlens;
namespace fs = std::filesystem;
using atomlens::test::fakeSbatch;
using atomlens::test::readText;
using atomlens::test::writeScript;
using atomlens::test::writeText;

namespace {

struct Fixture {
    atomlens::test::TempDir dir;
    std::string chain, out;
    std::vector<BatchItem> items;
    SlurmOptions options;
    Fixture() {
        fs::create_directories(dir.path() / "images");
        for (int i = 0; i < 6; ++i) {
            SimulationParams p;
            p.width = p.height = 96;
            p.seed = std::uint64_t(40 + i);
            writeTiff(simulate(p).micrograph,
                      (dir.path() / "images" / ("img" + std::to_string(i) + ".tif")).string());
        }
        chain = dir.file("chain.yaml");
        writeText(chain, "name: t\nsteps:\n  - step: detect\n  - step: graph\n");
        out = dir.file("out");
        items = collectBatchItems({dir.file("images")});
        options.arraySize = 3;
        options.partition = "debug";
        options.gres = "gpu:1";
        options.sbatch = fakeSbatch(dir.path());
        options.squeue = writeScript(dir.path() / "squeue", "exit 0\n"); // nothing queued
    }
    SlurmPlan plan() const {
        return planSlurmBatch(chain, items, out, options, "/opt/atomlens/bin/atomlens-cli", {"-o", out});
    }
};

fs::file_time_type markerTime(const std::string& out, const std::string& item) {
    return fs::last_write_time(fs::path(out) / item / "done.json");
}

} // namespace

TEST_CASE("Slurm batch: shards, a died task redone alone, merged tables equal a local run",
          "[batch][slurm]") {
    Fixture f;
    BasicJobContext job;
    REQUIRE(f.items.size() == 6);
    BatchRunner local(TaskChain::load(f.chain), f.items, f.dir.file("local"));
    REQUIRE(local.run(job).done == 6);

    const SlurmPlan plan = f.plan();
    CHECK(plan.submission == 1);
    CHECK(plan.pending.size() == 6);
    CHECK(plan.tasks == 3);
    CHECK(plan.earlierProblems.empty());
    CHECK(plan.arrayScript.find("#SBATCH --array=0-2\n") != std::string::npos);
    CHECK(plan.arrayScript.find("#SBATCH --partition=debug\n") != std::string::npos);
    CHECK(plan.arrayScript.find("#SBATCH --gres=gpu:1\n") != std::string::npos);
    CHECK(plan.arrayScript.find("'/opt/atomlens/bin/atomlens-cli' batch --slurm-task") != std::string::npos);
    CHECK(plan.mergeScript.find("--slurm-merge") != std::string::npos);
    CHECK(plan.mergeScript.find("--gres") == std::string::npos); // the merge needs no GPU
    writeSlurmPlan(plan);
    const SlurmSubmission s = submitSlurmPlan(plan, f.options, false);
    CHECK(s.arrayJob == "101");
    CHECK(s.mergeJob == "102");
    const std::string log = readText(f.dir.file("sbatch.log"));
    CHECK(log.find("--dependency=afterok:101 --kill-on-invalid-dep=yes") != std::string::npos);

    // Tasks 0 and 2 run; task 1 "dies" after starting: its items have only the 'started' marker.
    CHECK(runSlurmShard(plan.manifestPath, 0, "101_0", 1, job).done == 2);
    CHECK(runSlurmShard(plan.manifestPath, 2, "101_2", 1, job).done == 2);
    CHECK_THROWS_AS(runSlurmShard(plan.manifestPath, 3, "101_3", 1, job), InputError);
    for (const char* name : {"img2", "img3"})
        writeText(fs::path(plan.folder) / "status" / (std::string(name) + ".json"),
                  R"({"status":"started","job":"101_1","submission":1})");
    const BatchSummary partial = mergeSlurmBatch(plan.manifestPath, job);
    CHECK(partial.done == 4);
    CHECK(partial.failed == 2);
    const std::string batchCsv = readText(fs::path(f.out) / "batch.csv");
    CHECK(batchCsv.find("img2") != std::string::npos);
    CHECK(batchCsv.find("not finished by Slurm job 101_1") != std::string::npos);

    // Resubmission: only the died task's two items, reported with its job id; the others are not redone.
    const auto before = markerTime(f.out, "img0");
    const SlurmPlan again = f.plan();
    CHECK(again.submission == 2);
    CHECK(again.pending == std::vector<std::size_t>{2, 3});
    CHECK(again.tasks == 2);
    REQUIRE(again.earlierProblems.size() == 2);
    CHECK(again.earlierProblems[0].find("img2: not finished by Slurm job 101_1") == 0);
    writeSlurmPlan(again);
    const SlurmSubmission s2 = submitSlurmPlan(again, f.options, false);
    CHECK(s2.arrayJob == "103");
    CHECK(runSlurmShard(again.manifestPath, 0, "103_0", 1, job).done == 1);
    CHECK(runSlurmShard(again.manifestPath, 1, "103_1", 1, job).done == 1);
    const BatchSummary merged = mergeSlurmBatch(again.manifestPath, job);
    CHECK(merged.failed == 0);
    CHECK(markerTime(f.out, "img0") == before);
    CHECK(readText(fs::path(f.out) / "merged_atoms.csv") == readText(f.dir.file("local/merged_atoms.csv")));

    // Everything done: nothing left to submit.
    CHECK(f.plan().pending.empty());
}

TEST_CASE("Slurm batch: sbatch and squeue problems are reported, per item where items are affected",
          "[batch][slurm][bad-input]") {
    Fixture f;
    f.options.sbatch = writeScript(f.dir.path() / "bad-sbatch",
                                   "echo 'sbatch: error: invalid partition specified: nope' >&2; exit 1\n");
    const SlurmPlan plan = f.plan();
    writeSlurmPlan(plan);
    try {
        submitSlurmPlan(plan, f.options, false);
        FAIL("sbatch's failure was not reported");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("invalid partition specified: nope") != std::string::npos);
    }
    const std::string batchCsv = readText(fs::path(f.out) / "batch.csv");
    std::size_t rows = 0;
    for (std::size_t at = 0; (at = batchCsv.find("not submitted to Slurm", at)) != std::string::npos; ++at)
        ++rows;
    CHECK(rows == 6);

    // A submission whose jobs are still queued blocks the next one (no item may run twice at once).
    f.options.sbatch = fakeSbatch(f.dir.path());
    const SlurmPlan second = f.plan();
    writeSlurmPlan(second);
    submitSlurmPlan(second, f.options, false);
    f.options.squeue = writeScript(f.dir.path() / "busy-squeue", "echo '101_0 RUNNING'\n");
    CHECK_THROWS_WITH(f.plan(), Catch::Contains("still queued or running"));
    // A broken manifest is named, not a crash.
    writeText(second.manifestPath, "{ not json");
    BasicJobContext job;
    CHECK_THROWS_WITH(mergeSlurmBatch(second.manifestPath, job), Catch::Contains("submission-2.json"));
}
