// Issue 16 item 6: the Few-shot tab's plot moves from the first epoch on. Fine-tuning with >= 10 labels
// cross-validates first (3 folds, each a whole training) and the plot used to stay empty until the
// final fit began; a cancelled run puts the previous run's curves back, folds included. Applying the
// result says how many atoms got a class for the first time (item 10).
#include <catch2/catch.hpp>

#include "tests/TestSupport.h"
#include "tests/gui/MainWindowTestSupport.h"

#include "core/io/TiffWriter.h"
#include "core/nn/FewShot.h"
#include "gui/edit/AtomEdits.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StepRunner.h"
#include "gui/panels/FewShotPanel.h"
#include "gui/panels/TrainingPlot.h"

#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

#include <algorithm>
#include <numeric>

using namespace atomlens;
using namespace atomlens::gui;
using namespace atomlens::test;

#ifdef ATOMLENS_WITH_NN
/// Labels the `perClass` brightest atoms "bright" (class 0) and as many of the dimmest "dim" (class 1).
static void labelBrightAndDim(Document& doc, std::size_t perClass) {
    std::vector<std::size_t> rows(doc.atoms().size());
    std::iota(rows.begin(), rows.end(), 0);
    std::sort(rows.begin(), rows.end(),
              [&](auto a, auto b) { return doc.atoms().amplitudes()[a] > doc.atoms().amplitudes()[b]; });
    edit::setClassNames(doc, {"bright", "dim"});
    std::vector<std::uint32_t> bright, dim;
    for (std::size_t k = 0; k < perClass; ++k) {
        bright.push_back(doc.atoms().ids()[rows[k]]);
        dim.push_back(doc.atoms().ids()[rows[rows.size() - 1 - k]]);
    }
    edit::relabel(doc, bright, 0);
    edit::relabel(doc, dim, 1);
}

TEST_CASE("Few-shot plot: cross-validation folds are plotted as they train, Cancel restores them",
          "[gui][fewshot]") {
    TempDir tmp;
    const std::string path = tmp.file("cell.tif");
    writeTiff(*simulatedMicrograph("perovskite", 192, 3), path);
    MainWindow w;
    w.setQuiet(true);
    w.show();
    REQUIRE(openAndDetect(w, QString::fromStdString(path)));
    Document& doc = *w.document();
    labelBrightAndDim(doc, 8); // 16 labels: cross-validated, 3 folds
    FewShotPanel* panel = w.fewShotPanel();
    TrainingPlot* plot = panel->plot();
    QSignalSpy finished(w.fewShotTrainer(), &FewShotTrainer::fineTuneFinished);

    const int epochs = 200;
    panel->epochs()->setValue(epochs);
    panel->startFineTune();
    bool plottedDuringFolds = false;
    REQUIRE(waitUntil(
        [&] {
            if (w.steps()->jobs()->isBusy() && plot->pointCount() == 0 && plot->foldPointCount() > 0 &&
                panel->progressBar()->format().contains(QStringLiteral("fold")))
                plottedDuringFolds = true;
            return !finished.isEmpty();
        },
        120000));
    CHECK(plottedDuringFolds);
    REQUIRE(finished.takeFirst().at(0).toBool());
    CHECK(plot->pointCount() == epochs);
    CHECK(plot->foldPointCount() == 3 * epochs);
    saveScreenshot(panel, QStringLiteral("gui-fewshot-folds-plot"));
    // Issue 16 item 10: applying to atoms that had no class says how many got one (it said "Applied: 0
    // atoms changed class").
    panel->applyResult();
    const int firstTime = w.fewShotTrainer()->lastNewlyClassified();
    CHECK(firstTime > 50); // of the ~110 atoms, all but the 16 labelled
    CHECK(panel->statusText().contains(
        QStringLiteral("%1 atoms classified for the first time").arg(firstTime)));

    // Cancelled during its folds: the first run's curves (folds and final) come back unchanged.
    panel->epochs()->setValue(2000);
    panel->startFineTune();
    CHECK(plot->pointCount() == 0);
    REQUIRE(waitUntil([&] { return plot->foldPointCount() > 5 || !finished.isEmpty(); }, 120000));
    REQUIRE(finished.isEmpty());
    panel->cancelButton()->click();
    REQUIRE(waitFor(finished, 60000));
    CHECK_FALSE(finished.takeFirst().at(0).toBool());
    QTest::qWait(50); // anything still queued from the cancelled run must not land on the plot
    CHECK(plot->pointCount() == epochs);
    CHECK(plot->foldPointCount() == 3 * epochs);
    CHECK(w.fewShotTrainer()->hasCandidate());
}
TEST_CASE("Few-shot panel: the default epochs are the benchmarked recipe's, and from scratch they train",
          "[gui][fewshot]") {
    TempDir tmp;
    const std::string path = tmp.file("cell.tif");
    writeTiff(*simulatedMicrograph("perovskite", 160, 5), path);
    MainWindow w;
    w.setQuiet(true);
    w.show();
    REQUIRE(openAndDetect(w, QString::fromStdString(path)));
    FewShotPanel* panel = w.fewShotPanel();
    // The panel starts at the recipe `atomlens-cli finetune` uses from a model (0 steps: head transfer,
    // alignment, calibration), not at the 120 steps it showed before.
    CHECK(panel->epochs()->value() == fewShotDefaults().epochs);
    CHECK(panel->epochs()->value() == 0);
    Document& doc = *w.document();
    labelBrightAndDim(doc, 4); // 8 labels: no cross-validation
    // No sub-model is chosen: from scratch the default means FewShotOptions{}'s steps (a network with
    // 0 steps would be untrained).
    QSignalSpy finished(w.fewShotTrainer(), &FewShotTrainer::fineTuneFinished);
    panel->startFineTune();
    REQUIRE(waitFor(finished, 120000));
    REQUIRE(finished.takeFirst().at(0).toBool());
    CHECK(panel->plot()->pointCount() == FewShotOptions{}.epochs);
}
#endif
