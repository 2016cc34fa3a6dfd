// Batch > Submit to Slurm in the GUI (issue 17): the queue's items, chain and output folder go to a
// Slurm job array through the same core as `atomlens-cli batch --slurm`. A fake sbatch records its
// calls; the array tasks are run in-process (runSlurmShard) as the cluster would run them, one task
// "dies", Check Status shows which items are done and which are still out, a second submission sends
// only those, and after the merge job every item is done and the merged table exists.
// tests/slurm/slurm_batch_test.sh runs the same core against a real single-node Slurm.
#include "tests/SlurmTestSupport.h"
#include "tests/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"

#include <catch2/catch.hpp>

#include "core/analysis/SlurmBatch.h"
#include "core/io/TiffWriter.h"
#include "core/simulate/Simulator.h"
#include "gui/batch/BatchDialog.h"
#include "gui/batch/SlurmSubmitDialog.h"

#include <QSignalSpy>
#include <QTableWidget>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace atomlens;
using namespace atomlens::gui;
using atomlens::test::TempDir;
namespace fs = std::filesystem;

using atomlens::test::fakeSbatch;
using atomlens::test::readText;
using atomlens::test::writeScript;

TEST_CASE("Submit to Slurm: scripts previewed, array submitted, a died task resubmitted alone, all merged",
          "[gui][batch][slurm]") {
    TempDir dir;
    const fs::path images = dir.path() / "images", out = dir.path() / "out";
    fs::create_directories(images);
    for (int i = 0; i < 4; ++i) {
        SimulationParams p;
        p.width = p.height = 96;
        p.seed = std::uint64_t(60 + i);
        writeTiff(simulate(p).micrograph, (images / ("img" + std::to_string(i) + ".tif")).string());
    }
    const std::string chain = dir.file("chain.yaml");
    std::ofstream(chain) << "name: t\nsteps:\n  - step: detect\n  - step: graph\n";
    // sbatch: logs its arguments and prints job ids 101, 102, ... (--parsable style); squeue: nothing queued.
    const std::string sbatch = fakeSbatch(dir.path());
    qputenv("ATOMLENS_SBATCH", QByteArray::fromStdString(sbatch));
    qputenv("ATOMLENS_SQUEUE", QByteArray::fromStdString(writeScript(dir.path() / "squeue", "exit 0\n")));

    BatchDialog batch;
    CHECK(batch.openSlurmDialog(false) == nullptr); // empty queue: refused with a message
    REQUIRE(batch.addInputs({QString::fromStdString(images.string())}));
    REQUIRE(batch.itemCount() == 4);
    batch.setChainPath(QString::fromStdString(chain));
    batch.setOutputFolder(QString::fromStdString(out.string()));
    SlurmSubmitDialog* slurm = batch.openSlurmDialog(false);
    REQUIRE(slurm);
    slurm->setCliPath(QStringLiteral("/no/such/atomlens-cli"));
    CHECK(slurm->preview().isEmpty());
    CHECK(slurm->statusText().contains(QStringLiteral("not found")));
    slurm->setCliPath(QString::fromStdString(sbatch)); // any executable: the fake cluster never runs it
    SlurmOptions options;
    options.arraySize = 2;
    options.partition = "debug";
    options.time = "00:10:00";
    options.cpusPerTask = 2;
    options.gres = "gpu:1";
    slurm->setOptions(options);

    const QString scripts = slurm->preview();
    INFO(scripts.toStdString());
    for (const char* want : {"#SBATCH --array=0-1", "#SBATCH --partition=debug", "#SBATCH --time=00:10:00",
                             "#SBATCH --cpus-per-task=2", "#SBATCH --gres=gpu:1", "--slurm-task",
                             "--slurm-merge", "--threads \"${SLURM_CPUS_PER_TASK:-1}\""})
        CHECK(scripts.contains(QLatin1String(want)));
    CHECK(slurm->statusText().contains(QStringLiteral("4 of 4 items would run in 2 array tasks")));
    CHECK_FALSE(fs::exists(out / "slurm")); // a preview writes and submits nothing
    CHECK_FALSE(fs::exists(sbatch + ".log"));

    QSignalSpy submitted(slurm, &SlurmSubmitDialog::submitted);
    REQUIRE(slurm->submit());
    CHECK(submitted.count() == 1);
    CHECK(slurm->arrayJob() == QStringLiteral("101"));
    CHECK(slurm->mergeJob() == QStringLiteral("102"));
    const std::string log = readText(sbatch + ".log");
    CHECK(log.find("--dependency=afterok:101") != std::string::npos);
    auto* table = batch.findChild<QTableWidget*>();
    REQUIRE(table);
    for (int r = 0; r < 4; ++r) CHECK(batch.itemState(r) == QStringLiteral("submitted"));

    // The cluster runs task 0; task 1 dies before it starts.
    const std::string manifest1 = (out / "slurm" / "submission-1.json").string();
    REQUIRE(fs::exists(manifest1));
    runSlurmShard(manifest1, 0, "101_0", 1, nullJobContext());
    QSignalSpy refreshed(slurm, &SlurmSubmitDialog::statesRefreshed);
    slurm->checkStatus();
    REQUIRE(refreshed.count() == 1);
    int done = 0;
    for (int r = 0; r < 4; ++r) done += batch.itemState(r) == QStringLiteral("done");
    CHECK(done == 2);
    CHECK(slurm->statusText().contains(QStringLiteral("2 of 4 items done")));

    // Submitting again sends only the two unfinished items.
    CHECK(slurm->preview().contains(QStringLiteral("#SBATCH --array=0-1"))); // 2 items over 2 tasks
    CHECK(slurm->statusText().contains(QStringLiteral("2 of 4 items would run")));
    REQUIRE(slurm->submit());
    CHECK(slurm->arrayJob() == QStringLiteral("103"));
    const std::string manifest2 = (out / "slurm" / "submission-2.json").string();
    REQUIRE(fs::exists(manifest2));
    runSlurmShard(manifest2, 0, "103_0", 1, nullJobContext());
    runSlurmShard(manifest2, 1, "103_1", 1, nullJobContext());
    mergeSlurmBatch(manifest2, nullJobContext());
    slurm->checkStatus();
    for (int r = 0; r < 4; ++r) CHECK(batch.itemState(r) == QStringLiteral("done"));
    CHECK(fs::exists(out / "merged_atoms.csv"));
    CHECK(batch.mergedTablePath().endsWith(QStringLiteral("merged_atoms.csv")));
    CHECK_FALSE(slurm->submit()); // nothing left
    CHECK(slurm->statusText().contains(QStringLiteral("nothing to submit")));
    qunsetenv("ATOMLENS_SBATCH");
    qunsetenv("ATOMLENS_SQUEUE");
}
