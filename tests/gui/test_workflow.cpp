// The whole desktop workflow on a real micrograph: open (detection runs by itself), review with keys,
// label with clicks and a lasso, undo/redo, fine-tune, save and reopen a project, export figures and
// tables, switch language. Screenshots of each state go to the build's screenshots/ folder.
#include "tests/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "tests/gui/MainWindowTestSupport.h"

#include <catch2/catch.hpp>

#include "core/io/AtomTableCsv.h"
#include "core/io/TiffWriter.h"
#include "core/simulate/Simulator.h"
#include "gui/MainWindow.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/JobMessages.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/document/Document.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/GraphUpdater.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StepRunner.h"
#include "gui/panels/AnalysisPanel.h"
#include "gui/panels/FewShotPanel.h"
#include "gui/panels/LayerPanel.h"
#include "gui/panels/ParamForm.h"
#include "gui/panels/ReviewPanel.h"
#include "gui/panels/TrainingPlot.h"
#include "gui/view/ImageView.h"

#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenuBar>
#include <QSpinBox>
#include <QTest>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>
#include <numeric>

using namespace atomlens;
using namespace atomlens::gui;
using atomlens::test::openAndDetect;
using atomlens::test::saveScreenshot;
using atomlens::test::sourceFile;
using atomlens::test::waitFor;
using atomlens::test::waitUntil;

namespace {

std::vector<std::uint32_t> idsByIntensity(const AtomTable& t, bool brightest, std::size_t n) {
    std::vector<std::size_t> rows(t.size());
    std::iota(rows.begin(), rows.end(), 0);
    std::sort(rows.begin(), rows.end(),
              [&](auto a, auto b) { return t.amplitudes()[a] > t.amplitudes()[b]; });
    if (!brightest) std::reverse(rows.begin(), rows.end());
    std::vector<std::uint32_t> ids;
    for (std::size_t k = 0; k < n && k < rows.size(); ++k) ids.push_back(t.ids()[rows[k]]);
    return ids;
}

} // namespace

TEST_CASE("workflow: open a real micrograph, review, label, fine-tune, save, reopen, export",
          "[gui][workflow]") {
    const std::string file = test::sharedData("micrographs/SrTiO3_ADF_cropped.tif");
    if (file.empty()) return;
    test::TempDir tmp;
    MainWindow w;
    w.setQuiet(true);
    w.show();
    w.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&w));

    // 1. Opening runs detection by itself; the graph follows in the background.
    REQUIRE(openAndDetect(w, QString::fromStdString(file)));
    Document& doc = *w.document();
    const std::size_t detected = doc.atoms().size();
    CHECK(detected > 100);
    CHECK(doc.graph()->nodeCount() >= detected);
    CHECK(w.windowTitle().contains(QStringLiteral("SrTiO3")));
    w.layerPanel()->setLayer(QStringLiteral("bonds"), true);
    saveScreenshot(&w, QStringLiteral("gui-01-detected"));

    // 2. Review with the keyboard: the queue starts at the least certain atom and the view follows.
    ReviewPanel* review = w.reviewPanel();
    review->rebuild();
    REQUIRE(review->queue().size() > 10);
    const std::uint32_t first = review->currentId();
    QTest::keyClick(w.view(), Qt::Key_A); // accept
    const auto& t = doc.atoms();
    CHECK((t.flags()[std::size_t(t.rowOf(first))] & kFlagUserReviewed));
    const std::uint32_t second = review->currentId();
    CHECK(second != first);
    QTest::keyClick(w.view(), Qt::Key_R); // reject
    CHECK((t.flags()[std::size_t(t.rowOf(second))] & kFlagRejected));
    const std::uint32_t third = review->currentId();
    QTest::keyClick(w.view(), Qt::Key_N);
    QTest::keyClick(w.view(), Qt::Key_P);
    CHECK(review->currentId() == third);
    const int undoBefore = doc.undoStack()->count();
    QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier); // undo the reject
    CHECK_FALSE((t.flags()[std::size_t(t.rowOf(second))] & kFlagRejected));
    QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier); // redo
    CHECK((t.flags()[std::size_t(t.rowOf(second))] & kFlagRejected));
    CHECK(doc.undoStack()->count() == undoBefore);
    w.layerPanel()->setLayer(QStringLiteral("bonds"), false);
    saveScreenshot(&w, QStringLiteral("gui-02-review"));

    // 3. Few-shot labels: two classes; a click with the Label tool and a lasso around bright atoms.
    FewShotPanel* fewShot = w.fewShotPanel();
    const int sr = fewShot->addClass(QStringLiteral("Sr"));
    const int ti = fewShot->addClass(QStringLiteral("Ti-O"));
    CHECK(doc.classNames() == QStringList({QStringLiteral("Sr"), QStringLiteral("Ti-O")}));
    fewShot->setCurrentClass(sr);
    const auto bright = idsByIntensity(t, true, 12);
    const auto dim = idsByIntensity(t, false, 12);
    // Relabel with the number key: the current review atom becomes class 2 (Ti-O).
    const std::uint32_t keyed = review->currentId();
    QTest::keyClick(w.view(), Qt::Key_2);
    CHECK(t.classIds()[std::size_t(t.rowOf(keyed))] == ti);
    // Label tool click on one bright atom.
    const auto b0 = std::size_t(t.rowOf(bright[0]));
    w.editTools()->handleClick(QPointF(t.xs()[b0] + 0.3, t.ys()[b0]), int(ImageView::Tool::Label));
    CHECK(t.classIds()[std::size_t(t.rowOf(bright[0]))] == sr);
    // Lasso (a small square) around each remaining bright atom, then dim ones as Ti-O.
    auto lassoAround = [&](std::uint32_t id) {
        const auto r = std::size_t(t.rowOf(id));
        const double x = t.xs()[r], y = t.ys()[r], h = 1.5;
        w.editTools()->handleLasso(QPolygonF(
            {QPointF(x - h, y - h), QPointF(x + h, y - h), QPointF(x + h, y + h), QPointF(x - h, y + h)}));
    };
    for (std::size_t k = 1; k < bright.size(); ++k) lassoAround(bright[k]);
    fewShot->setCurrentClass(ti);
    for (const auto id : dim) lassoAround(id);
    const Labels labels = doc.userLabels();
    CHECK(labels.size() >= 24);
    CHECK(labels.classNames().size() == 2);
    // Undo the last lasso and redo it: the label count follows.
    doc.undoStack()->undo();
    CHECK(doc.userLabels().size() == labels.size() - 1);
    doc.undoStack()->redo();
    CHECK(doc.userLabels().size() == labels.size());
    w.layerPanel()->setLayer(QStringLiteral("rings"), true);
    saveScreenshot(&w, QStringLiteral("gui-03-labels"));

#ifdef ATOMLENS_WITH_NN
    // 4. Fine-tune in the background with a live plot, apply (changes highlighted), save the model.
    QSignalSpy tuned(w.fewShotTrainer(), &FewShotTrainer::fineTuneFinished);
    fewShot->epochs()->setValue(40);
    fewShot->startFineTune();
    REQUIRE(waitFor(tuned, 120000));
    REQUIRE(tuned.takeFirst().at(0).toBool());
    CHECK(fewShot->plot()->pointCount() > 10);
    CHECK(w.fewShotTrainer()->candidateAccuracy() > 0.8); // bright vs dim columns are easy
    fewShot->applyResult();
    std::size_t classified = 0;
    for (const auto c : t.classIds()) classified += c >= 0 ? 1 : 0;
    CHECK(classified > t.size() - 5); // every atom got a class (a few rejected/unreachable aside)
    // Labels survived: the bright atoms are still Sr.
    for (const auto id : bright) CHECK(t.classIds()[std::size_t(t.rowOf(id))] == sr);
    // A second, shorter fine-tune from the first model: the atoms whose class it changes are
    // exactly the highlighted ones.
    const std::vector<std::int32_t> firstClasses = t.classIds();
    fewShot->epochs()->setValue(5);
    fewShot->startFineTune();
    REQUIRE(waitFor(tuned, 120000));
    REQUIRE(tuned.takeFirst().at(0).toBool());
    fewShot->applyResult();
    std::size_t differ = 0;
    for (std::size_t i = 0; i < t.size(); ++i) differ += t.classIds()[i] != firstClasses[i] ? 1 : 0;
    CHECK(doc.changedIds().size() == differ);
    const QString modelDir = QString::fromStdString(tmp.file("srtio3-columns"));
    CHECK(w.fewShotTrainer()->saveCandidate(modelDir, QStringLiteral("srtio3-columns")).isEmpty());
    CHECK(QFile::exists(modelDir + QStringLiteral("/srtio3-columns.yaml")));
    w.layerPanel()->setLayer(QStringLiteral("rings"), false);
    saveScreenshot(&w, QStringLiteral("gui-04-finetuned"));
#endif

    // 5. Save the project, reopen it in a new window: atoms, labels and flags come back.
    const QString project = QString::fromStdString(tmp.file("srtio3.atomlens"));
    REQUIRE(w.projects()->saveTo(project));
    CHECK_FALSE(w.windowTitle().endsWith(QLatin1Char('*')));
    {
        MainWindow other;
        other.setQuiet(true);
        QSignalSpy reopened(&other, &MainWindow::projectOpened);
        other.projects()->open(project);
        REQUIRE(waitFor(reopened));
        const AtomTable& r = other.document()->atoms();
        REQUIRE(r.size() == t.size());
        CHECK(r.ids() == t.ids());
        CHECK(r.xs() == t.xs());
        CHECK(r.classIds() == t.classIds());
        CHECK(r.flags() == t.flags());
        CHECK(other.document()->classNames() == doc.classNames());
        CHECK(other.document()->userLabels().size() == doc.userLabels().size());
        CHECK(other.view()->zoom() == Approx(w.view()->zoom()).epsilon(0.01));
    }

    // 6. Export: figure as PNG (chosen DPI), SVG and PDF; tables as CSV and JSON.
    const QString png = QString::fromStdString(tmp.file("figure.png"));
    REQUIRE(w.exports()->exportFigureTo(png, {}, 150));
    QImageReader reader(png);
    const QImage fig = reader.read();
    CHECK(fig.width() == int(6.5 * 150));
    CHECK(fig.dotsPerMeterX() == Approx(150 / 0.0254).margin(1));
    REQUIRE(
        w.exports()->exportFigureTo(QString::fromStdString(tmp.file("region.svg")), QRectF(0, 0, 100, 60)));
    QFile svg(QString::fromStdString(tmp.file("region.svg")));
    REQUIRE(svg.open(QIODevice::ReadOnly));
    const QByteArray svgText = svg.readAll();
    CHECK(svgText.contains("<svg"));
#ifdef ATOMLENS_WITH_NN
    CHECK(svgText.contains("Sr (")); // legend as text: after the fine-tune every atom has a class
#else
    // Without networks only the labelled atoms have a class, and they need not lie in that region: the
    // whole figure's legend lists them.
    REQUIRE(w.exports()->exportFigureTo(QString::fromStdString(tmp.file("whole.svg"))));
    QFile wholeSvg(QString::fromStdString(tmp.file("whole.svg")));
    REQUIRE(wholeSvg.open(QIODevice::ReadOnly));
    CHECK(wholeSvg.readAll().contains("Sr (")); // legend as text
#endif
    REQUIRE(w.exports()->exportFigureTo(QString::fromStdString(tmp.file("figure.pdf"))));
    QFile pdf(QString::fromStdString(tmp.file("figure.pdf")));
    REQUIRE(pdf.open(QIODevice::ReadOnly));
    CHECK(pdf.read(5) == "%PDF-");
    CHECK_FALSE(w.exports()->exportFigureTo(QString::fromStdString(tmp.file("figure.bmpx"))));
    REQUIRE(w.exports()->exportTableTo(QString::fromStdString(tmp.file("atoms.csv"))));
    const AtomTable csv = readAtomsCsv(tmp.file("atoms.csv"));
    std::size_t rejected = 0;
    for (const auto f : t.flags()) rejected += (f & kFlagRejected) ? 1 : 0;
    CHECK(csv.size() == t.size() - rejected);
    REQUIRE(w.exports()->exportTableTo(QString::fromStdString(tmp.file("atoms.json"))));
    QFile json(QString::fromStdString(tmp.file("atoms.json")));
    REQUIRE(json.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
    CHECK(root.value(QStringLiteral("atoms")).toArray().size() == int(csv.size()));
    const double px = root.value(QStringLiteral("pixelSizeX")).toDouble();
    const QJsonObject a0 = root.value(QStringLiteral("atoms")).toArray().first().toObject();
    CHECK(a0.value(QStringLiteral("x_cal")).toDouble() ==
          Approx(a0.value(QStringLiteral("x")).toDouble() * px));
}

TEST_CASE(
    "workflow: a simulated stack shows frames, runs a step from its generated form, recovers an autosave",
    "[gui][workflow]") {
    test::TempDir tmp;
    SimulationParams p;
    p.preset = "mos2";
    p.width = p.height = 256;
    p.frames = 3;
    p.seed = 5;
    const std::string tif = tmp.file("stack.tif");
    writeTiff(simulate(p).micrograph, tif);
    MainWindow w;
    w.setQuiet(true);
    w.show();
    REQUIRE(openAndDetect(w, QString::fromStdString(tif)));
    CHECK(w.document()->micrograph()->frameCount() == 3);
    w.document()->setCurrentFrame(2);
    CHECK(w.document()->currentFrame() == 2);
    // Frame 2 has its own atoms, detected when it is first shown.
    REQUIRE(waitUntil([&] { return !w.jobs()->isBusy() && !w.document()->atoms().empty(); }));

    // The detect step's form is generated from DetectParams::fields(); a stricter threshold finds fewer.
    const std::size_t before = w.document()->atoms().size();
    AnalysisPanel* panel = w.analysisPanel();
    REQUIRE(panel->selectStep(QStringLiteral("detect")));
    CHECK(panel->form()->fieldCount() >= 6);
    REQUIRE(panel->form()->setValue(QStringLiteral("threshold"), QStringLiteral("25")));
    // (the lattice-guided search would look again at every predicted site: off, so the threshold tells)
    REQUIRE(panel->form()->setValue(QStringLiteral("lattice_search"), QStringLiteral("false")));
    REQUIRE(panel->runSelectedStep());
    REQUIRE(waitUntil([&] { return !w.jobs()->isBusy(); }));
    CHECK(w.document()->atoms().size() < before);
    w.document()->undoStack()->undo();
    CHECK(w.document()->atoms().size() == before);

    // Cancel: a chain started and cancelled at once leaves the atoms as they were.
    QSignalSpy finished(w.jobs(), &JobRunner::finished);
    REQUIRE(w.steps()->detect());
    w.jobs()->cancel();
    REQUIRE(waitFor(finished));
    CHECK_FALSE(finished.takeFirst().at(0).toBool());
    CHECK(w.document()->atoms().size() == before);

    // Autosave after an edit; a new window recovers it.
    w.document()->undoStack()->redo();
    const QString autosave = w.projects()->autosaveNow();
    REQUIRE_FALSE(autosave.isEmpty());
    MainWindow recovered;
    recovered.setQuiet(true);
    QSignalSpy reopened(&recovered, &MainWindow::projectOpened);
    REQUIRE(recovered.projects()->recoverAutosave());
    REQUIRE(waitFor(reopened));
    CHECK(recovered.document()->atoms().size() == w.document()->atoms().size());
    QFile::remove(autosave);
}

TEST_CASE("workflow: the language menu switches to German and Chinese and back", "[gui][i18n]") {
    MainWindow w;
    w.setQuiet(true);
    w.show();
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.files()->openFile(sourceFile("resources/samples/mos2-sample.tif"));
    REQUIRE(waitFor(opened));
    REQUIRE(waitUntil([&] { return !w.jobs()->isBusy() && w.document()->atoms().size() > 0; }));
    auto menuTitles = [&] {
        QStringList titles;
        for (QAction* a : w.menuBar()->actions()) titles << a->text();
        return titles;
    };
    CHECK(menuTitles().contains(QStringLiteral("&File")));
    REQUIRE(w.languages()->setLanguage(QStringLiteral("de")));
    CHECK(menuTitles().contains(QStringLiteral("&Datei")));
    QTest::qWait(100);                              // let the rebuilt tool bars and docks lay out
    CHECK(w.findChildren<QToolBar*>().size() == 3); // rebuilt, not added twice
    CHECK(w.findChildren<QToolBar*>().first()->actions().size() == 6);
    saveScreenshot(&w, QStringLiteral("gui-05-german"));
    REQUIRE(w.languages()->setLanguage(QStringLiteral("zh_CN")));
    CHECK(menuTitles().contains(QStringLiteral("\u6587\u4ef6(&F)")));
    QTest::qWait(100);
    saveScreenshot(&w, QStringLiteral("gui-06-chinese"));
    REQUIRE(w.languages()->setLanguage(QStringLiteral("en")));
    CHECK(menuTitles().contains(QStringLiteral("&File")));
    CHECK_FALSE(w.languages()->setLanguage(QStringLiteral("xx")));
}
