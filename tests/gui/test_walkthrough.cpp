// What a new user's walkthrough (issue 16) found losing work or crashing: the language menu clicked with
// the mouse, File > Open over unsaved decisions, a project whose micrograph moved, autosave recovery and
// a fine-tuned model kept with the project.
#include "tests/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"
#include "tests/gui/MainWindowTestSupport.h"

#include <catch2/catch.hpp>

#include "core/chain/StepRegistry.h"
#include "core/detect/Detector.h"
#include "core/io/TiffWriter.h"
#include "gui/MainWindow.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/JobMessages.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/GraphUpdater.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/LabelledSubgraph.h"
#include "gui/jobs/StepRunner.h"
#include "gui/panels/AnalysisPanel.h"
#include "gui/panels/FewShotPanel.h"
#include "gui/panels/LogPanel.h"
#include "gui/panels/ParamForm.h"
#include "gui/panels/ReviewPanel.h"
#include "gui/panels/TrainingPlot.h"
#include "gui/view/ImageView.h"

#ifdef ATOMLENS_WITH_NN
#include "core/nn/Classification.h"
#include "core/nn/EgnnModel.h"
#endif

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include <cmath>
#include <filesystem>
#include <numeric>

using namespace atomlens;
using namespace atomlens::gui;
using atomlens::test::saveScreenshot;
using atomlens::test::sourceFile;
using atomlens::test::waitFor;
using atomlens::test::waitUntil;

namespace {

/// Opens a file and waits for its atoms (not for the graph).
inline bool openAndDetect(MainWindow& w, const QString& path) {
    return atomlens::test::openAndDetect(w, path, false);
}

/// Answers the next modal message box with `button` (as a person would), recording its text.
struct Answer {
    QString text;
    bool asked = false;
    explicit Answer(QMessageBox::StandardButton button) {
        auto* timer = new QTimer;
        timer->setInterval(20);
        QObject::connect(timer, &QTimer::timeout, [this, timer, button] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box) return;
            text = box->text();
            asked = true;
            timer->stop();
            timer->deleteLater();
            box->button(button)->click();
        });
        timer->start();
    }
};

inline std::string writeSimulated(const std::string& path, std::uint64_t seed = 3) {
    writeTiff(*test::simulatedMicrograph("perovskite", 192, seed), path);
    return path;
}

} // namespace

TEST_CASE("walkthrough: Settings > Language clicked with the mouse switches languages, no crash",
          "[gui][i18n][walkthrough]") {
    MainWindow w;
    w.setQuiet(true);
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    // The four switches of the walkthrough (3 of them crashed in the menu's mouse handling).
    const std::pair<int, const char*> switches[] = {{1, "de"}, {2, "zh_CN"}, {0, "en"}, {1, "de"}};
    for (const auto& [index, code] : switches) {
        QMenu* settings = w.findChild<QMenu*>(QStringLiteral("settingsMenu"));
        QMenu* language = w.findChild<QMenu*>(QStringLiteral("languageMenu"));
        REQUIRE(settings);
        REQUIRE(language);
        QTest::mouseClick(w.menuBar(), Qt::LeftButton, {},
                          w.menuBar()->actionGeometry(settings->menuAction()).center());
        REQUIRE(waitUntil([&] { return settings->isVisible(); }, 3000));
        QTest::mouseClick(settings, Qt::LeftButton, {},
                          settings->actionGeometry(language->menuAction()).center());
        REQUIRE(waitUntil([&] { return language->isVisible(); }, 3000));
        QAction* target = language->actions().at(index);
        QTest::mouseClick(language, Qt::LeftButton, {}, language->actionGeometry(target).center());
        REQUIRE(waitUntil([&] { return w.languages()->language() == QLatin1String(code); }, 3000));
        QTest::qWait(50);
        CHECK_FALSE(w.menuBar()->actions().isEmpty());
    }
    CHECK(w.menuBar()->actions().first()->text() == QStringLiteral("&Datei"));
    REQUIRE(w.languages()->setLanguage(QStringLiteral("en")));
}

TEST_CASE("walkthrough: File > Open asks before unsaved decisions are replaced, as Quit does",
          "[gui][project][walkthrough]") {
    test::TempDir tmp;
    const QString other = QString::fromStdString(writeSimulated(tmp.file("other.tif"), 7));
    MainWindow w; // not quiet: questions are asked
    w.show();
    REQUIRE(openAndDetect(w, sourceFile("resources/samples/mos2-sample.tif")));
    // The detection on open is part of opening: nothing to ask about yet.
    CHECK_FALSE(w.projects()->isModified());
    CHECK_FALSE(w.windowTitle().endsWith(QLatin1Char('*')));
    const std::uint32_t id = w.document()->atoms().ids()[5];
    edit::reject(*w.document(), {id});
    CHECK(w.projects()->isModified());
    CHECK(w.windowTitle().endsWith(QLatin1Char('*')));
    const QString first = w.document()->filePath();

    { // Cancel: the file is not opened, the decision is still there.
        Answer cancel(QMessageBox::Cancel);
        QSignalSpy opened(&w, &MainWindow::fileOpened);
        w.files()->openFile(other);
        QTest::qWait(300);
        CHECK(cancel.asked);
        CHECK(cancel.text.contains(QStringLiteral("unsaved")));
        CHECK(opened.isEmpty());
        CHECK(w.document()->filePath() == first);
        const auto row = w.document()->atoms().rowOf(id);
        REQUIRE(row >= 0);
        CHECK((w.document()->atoms().flags()[std::size_t(row)] & kFlagRejected));
    }
    { // Discard: the other file opens.
        Answer discard(QMessageBox::Discard);
        QSignalSpy opened(&w, &MainWindow::fileOpened);
        w.files()->openFile(other);
        REQUIRE(waitFor(opened));
        CHECK(discard.asked);
        CHECK(w.document()->filePath() == other);
    }
    w.jobs()->waitForIdle();
    // Quit asks the same question, and Cancel keeps the window open.
    edit::reject(*w.document(), {w.document()->atoms().ids().front()});
    Answer keep(QMessageBox::Cancel);
    CHECK_FALSE(w.close());
    CHECK(keep.asked);
    CHECK(w.isVisible());
    w.setQuiet(true);
}

TEST_CASE("walkthrough: a project whose micrograph moved opens after Locate Image, no image path is a "
          "clear error",
          "[gui][project][walkthrough]") {
    test::TempDir tmp;
    namespace fs = std::filesystem;
    fs::create_directories(tmp.path() / "data");
    fs::create_directories(tmp.path() / "projects");
    const QString image = QString::fromStdString(writeSimulated((tmp.path() / "data" / "cell.tif").string()));
    const QString project = QString::fromStdString((tmp.path() / "projects" / "cell.atomlens").string());
    std::vector<std::uint32_t> ids;
    std::vector<std::uint32_t> flags;
    {
        MainWindow w;
        w.setQuiet(true);
        REQUIRE(openAndDetect(w, image));
        edit::reject(*w.document(), {w.document()->atoms().ids()[3]});
        REQUIRE(w.projects()->saveTo(project));
        ids = w.document()->atoms().ids();
        flags = w.document()->atoms().flags();
    }
    // The micrograph is renamed: the project cannot find it by either path.
    const QString moved = QString::fromStdString((tmp.path() / "data" / "cell-renamed.tif").string());
    REQUIRE(QFile::rename(image, moved));
    {
        MainWindow w;
        w.setQuiet(true);
        QSignalSpy errors(&w, &MainWindow::errorOccurred);
        QSignalSpy reopened(&w, &MainWindow::projectOpened);
        w.projects()->open(project);
        REQUIRE(errors.size() == 1);
        const QString message = errors.first().at(0).toString();
        CHECK(message.contains(QStringLiteral("cell.tif")));
        CHECK(message.contains(QStringLiteral("not found")));
        CHECK(message.contains(QStringLiteral("Locate Image")));
        CHECK(reopened.isEmpty());
    }
    { // Locate Image: the user points at the file; atoms and decisions come back, unsaved.
        MainWindow w;
        w.setQuiet(true);
        QString asked;
        w.projects()->setImageLocator([&](const QString& missing) {
            asked = missing;
            return moved;
        });
        QSignalSpy reopened(&w, &MainWindow::projectOpened);
        w.projects()->open(project);
        REQUIRE(waitFor(reopened));
        CHECK(asked == image);
        CHECK(w.document()->filePath() == moved);
        CHECK(w.document()->atoms().ids() == ids);
        CHECK(w.document()->atoms().flags() == flags);
        CHECK(w.projects()->isModified()); // the new image path is not saved yet
        CHECK(w.windowTitle().endsWith(QLatin1Char('*')));
        REQUIRE(w.projects()->saveTo(project));
    }
    // Project and data moved together: the relative path finds the image with no question.
    const fs::path elsewhere = tmp.path() / "elsewhere";
    fs::create_directories(elsewhere);
    fs::rename(tmp.path() / "data", elsewhere / "data");
    fs::rename(tmp.path() / "projects", elsewhere / "projects");
    const QString movedProject = QString::fromStdString((elsewhere / "projects" / "cell.atomlens").string());
    {
        MainWindow w;
        w.setQuiet(true);
        bool asked = false;
        w.projects()->setImageLocator([&](const QString&) {
            asked = true;
            return QString();
        });
        QSignalSpy reopened(&w, &MainWindow::projectOpened);
        w.projects()->open(movedProject);
        REQUIRE(waitFor(reopened));
        CHECK_FALSE(asked);
        CHECK(w.document()->atoms().ids() == ids);
        CHECK_FALSE(w.projects()->isModified());
    }
    // A project naming no image at all: a clear message, not "is a folder".
    QFile f(movedProject);
    REQUIRE(f.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    root[QStringLiteral("image")] = QString();
    root[QStringLiteral("imageRelative")] = QString();
    const QString noImage = QString::fromStdString((elsewhere / "projects" / "no-image.atomlens").string());
    QFile out(noImage);
    REQUIRE(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(root).toJson());
    out.close();
    MainWindow w;
    w.setQuiet(true);
    QSignalSpy errors(&w, &MainWindow::errorOccurred);
    w.projects()->open(noImage);
    REQUIRE(errors.size() == 1);
    const QString message = errors.first().at(0).toString();
    CHECK(message.contains(QStringLiteral("no-image.atomlens")));
    CHECK(message.contains(QStringLiteral("names no micrograph")));
    CHECK_FALSE(message.contains(QStringLiteral("folder")));
}

TEST_CASE("walkthrough: autosave recovery is shown unsaved and continues as the user's project",
          "[gui][project][walkthrough]") {
    test::TempDir tmp;
    const QString image = QString::fromStdString(writeSimulated(tmp.file("cell.tif")));
    const QString project = QString::fromStdString(tmp.file("cell.atomlens"));
    MainWindow w;
    w.setQuiet(true);
    REQUIRE(openAndDetect(w, image));
    REQUIRE(w.projects()->saveTo(project));
    const std::uint32_t id = w.document()->atoms().ids()[2];
    edit::reject(*w.document(), {id});
    const QString autosave = w.projects()->autosaveNow();
    REQUIRE_FALSE(autosave.isEmpty());

    MainWindow recovered;
    recovered.setQuiet(true);
    QSignalSpy reopened(&recovered, &MainWindow::projectOpened);
    REQUIRE(recovered.projects()->recoverAutosave());
    REQUIRE(waitFor(reopened));
    const auto row = recovered.document()->atoms().rowOf(id);
    REQUIRE(row >= 0);
    CHECK((recovered.document()->atoms().flags()[std::size_t(row)] & kFlagRejected));
    CHECK(recovered.projects()->isModified());
    CHECK(recovered.windowTitle().endsWith(QLatin1Char('*')));
    CHECK(recovered.windowTitle().contains(QStringLiteral("cell.atomlens")));
    CHECK(recovered.projects()->projectPath() == QFileInfo(project).absoluteFilePath());
    // Save goes to the user's project, not to the autosave file.
    REQUIRE(recovered.projects()->saveTo(recovered.projects()->projectPath()));
    CHECK_FALSE(recovered.projects()->isModified());
    QFile::remove(autosave);
}

#ifdef ATOMLENS_WITH_NN
TEST_CASE("walkthrough: a fine-tuned model is stored with the project, Apply and Save work after reopening",
          "[gui][project][fewshot][walkthrough]") {
    test::TempDir tmp;
    const QString image = QString::fromStdString(writeSimulated(tmp.file("cell.tif")));
    const QString project = QString::fromStdString(tmp.file("cell.atomlens"));
    MainWindow w;
    w.setQuiet(true);
    REQUIRE(openAndDetect(w, image));
    Document& doc = *w.document();
    // Bright (A-site) and dim columns as two classes.
    std::vector<std::size_t> rows(doc.atoms().size());
    std::iota(rows.begin(), rows.end(), 0);
    std::sort(rows.begin(), rows.end(),
              [&](auto a, auto b) { return doc.atoms().amplitudes()[a] > doc.atoms().amplitudes()[b]; });
    edit::setClassNames(doc, {"bright", "dim"});
    std::vector<std::uint32_t> bright, dim;
    for (std::size_t k = 0; k < 8; ++k) {
        bright.push_back(doc.atoms().ids()[rows[k]]);
        dim.push_back(doc.atoms().ids()[rows[rows.size() - 1 - k]]);
    }
    edit::relabel(doc, bright, 0);
    edit::relabel(doc, dim, 1);
    QSignalSpy tuned(w.fewShotTrainer(), &FewShotTrainer::fineTuneFinished);
    REQUIRE(w.fewShotTrainer()->fineTune(15));
    REQUIRE(waitFor(tuned, 120000));
    REQUIRE(tuned.takeFirst().at(0).toBool());
    REQUIRE(w.projects()->saveTo(project));
    CHECK(QFile::exists(QString::fromStdString(tmp.file("cell.models/fine-tuned.yaml"))));

    MainWindow other;
    other.setQuiet(true);
    QSignalSpy restored(other.fewShotTrainer(), &FewShotTrainer::fineTuneFinished);
    other.projects()->open(project);
    REQUIRE(waitFor(restored, 60000));
    CHECK(restored.first().at(0).toBool());
    REQUIRE(other.fewShotTrainer()->hasCandidate());
    CHECK(other.fewShotTrainer()->applyCandidate() >= 0); // "Apply & compare"
    const QString saved = QString::fromStdString(tmp.file("kept"));
    CHECK(other.fewShotTrainer()->saveCandidate(saved, QStringLiteral("kept")).isEmpty()); // "Save model"
    QFile card(saved + QStringLiteral("/kept.yaml"));
    REQUIRE(card.open(QIODevice::ReadOnly));
    CHECK(card.readAll().contains("epochs: 15")); // the card says how it was trained (was 0)
}
#endif

TEST_CASE("walkthrough: every shortcut is bound once, Ctrl+Shift+Z and Ctrl+Y redo",
          "[gui][undo][walkthrough]") {
    MainWindow w;
    w.setQuiet(true);
    w.show();
    w.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&w));
    // A key bound twice (even twice to the same action) is an "ambiguous shortcut overload" that Qt
    // answers by doing nothing. The X11 Redo binding already is Ctrl+Shift+Z.
    QMap<QString, QStringList> owners;
    for (QAction* a : w.findChildren<QAction*>())
        for (const QKeySequence& k : a->shortcuts())
            if (!k.isEmpty()) owners[k.toString()] << a->text();
    for (auto it = owners.begin(); it != owners.end(); ++it) {
        INFO(it.key().toStdString() << " is bound to "
                                    << it.value().join(QStringLiteral(", ")).toStdString());
        CHECK(it.value().size() == 1);
    }
    CHECK(owners.contains(QStringLiteral("Ctrl+Shift+Z")));
    CHECK(owners.contains(QStringLiteral("Ctrl+Y")));

    REQUIRE(openAndDetect(w, sourceFile("resources/samples/mos2-sample.tif")));
    const std::uint32_t id = w.document()->atoms().ids()[4];
    auto rejected = [&] {
        return bool(w.document()->atoms().flags()[std::size_t(w.document()->atoms().rowOf(id))] &
                    kFlagRejected);
    };
    for (const QKeyCombination redo : {QKeyCombination(Qt::ControlModifier | Qt::ShiftModifier, Qt::Key_Z),
                                       QKeyCombination(Qt::ControlModifier, Qt::Key_Y)}) {
        edit::reject(*w.document(), {id});
        REQUIRE(rejected());
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        CHECK_FALSE(rejected());
        QTest::keyClick(w.view(), redo.key(), redo.keyboardModifiers());
        CHECK(rejected());
        w.document()->undoStack()->undo();
    }
}

TEST_CASE("walkthrough: generated Analysis forms show the engine's defaults", "[gui][forms][walkthrough]") {
    MainWindow w;
    w.setQuiet(true);
    AnalysisPanel* panel = w.analysisPanel();
    int checked = 0;
    for (const Step* step : StepRegistry::instance().all()) {
        REQUIRE(panel->selectStep(QString::fromStdString(step->info().id)));
        for (const ParamSpec& spec : panel->form()->specs()) {
            if (spec.defaultValue.empty()) continue;
            INFO(step->info().id << "." << spec.key << " default " << spec.defaultValue);
            const QString shown = panel->form()->shownValue(QString::fromStdString(spec.key));
            if (spec.type == ParamSpec::Type::Number || spec.type == ParamSpec::Type::Integer)
                CHECK(shown.toDouble() == Approx(std::stod(spec.defaultValue)).margin(1e-3));
            else
                CHECK(shown.toStdString() == spec.defaultValue);
            ++checked;
        }
        CHECK(panel->form()->values().all().empty()); // untouched: the step's own defaults run
    }
    CHECK(checked > 10);
    REQUIRE(panel->selectStep(QStringLiteral("detect")));
    CHECK(panel->form()->shownValue(QStringLiteral("refine")) == QStringLiteral("true")); // was unchecked
}

TEST_CASE("walkthrough: engine warnings reach the Log dock and the status bar, a new file starts clean",
          "[gui][log][walkthrough]") {
    test::TempDir tmp;
    // A micrograph with a block of NaN pixels (a detector's dead region): detection masks them and
    // says so; the user must hear it.
    auto simulated = test::simulatedMicrograph("perovskite", 128, 4);
    Micrograph broken = *simulated;
    for (int y = 20; y < 30; ++y)
        for (int x = 40; x < 50; ++x) broken.frames[0].at(x, y) = std::nanf("");
    const std::string noisy = tmp.file("dead-region.tif");
    writeTiff(broken, noisy);
    MainWindow w;
    w.setQuiet(true);
    w.show();
    REQUIRE(openAndDetect(w, QString::fromStdString(noisy)));
    REQUIRE(waitUntil([&] { return !w.graphUpdater()->jobs()->isBusy() && w.document()->graph(); }));
    QTest::qWait(50);
    const QString log = w.logPanel()->text();
    INFO(log.toStdString());
    CHECK(log.contains(QStringLiteral("Warning: 100 non-finite pixels masked")));
    CHECK(log.contains(QStringLiteral("atoms ("))); // the detector's summary line
    CHECK(w.statusBar()->currentMessage().contains(QStringLiteral("Warning")));
    CHECK(w.statusBar()->currentMessage().contains(QStringLiteral("non-finite")));
    // The cursor readout of this file...
    Q_EMIT w.view()->cursorMoved(QPointF(10, 12));
    auto* cursor = w.findChild<QLabel*>(QStringLiteral("cursorReadout"));
    REQUIRE(cursor);
    CHECK(cursor->text().contains(QStringLiteral("x 10.0")));
    saveScreenshot(&w, QStringLiteral("gui-log-warning"));
    // ...and its log are gone when another file opens.
    REQUIRE(openAndDetect(w, sourceFile("resources/samples/mos2-sample.tif")));
    CHECK(cursor->text().isEmpty());
    CHECK_FALSE(w.logPanel()->text().contains(QStringLiteral("dead-region.tif")));
    CHECK(w.logPanel()->text().contains(QStringLiteral("mos2-sample.tif")));
    // The log survives a language switch (the docks are rebuilt).
    const QString before = w.logPanel()->text();
    REQUIRE(w.languages()->setLanguage(QStringLiteral("de")));
    CHECK(w.logPanel()->text().count(QLatin1Char('\n')) == before.count(QLatin1Char('\n')));
    REQUIRE(w.languages()->setLanguage(QStringLiteral("en")));
}

TEST_CASE("walkthrough: a truncated JPEG is an error naming the file, not a grey-filled image",
          "[gui][bad-input][walkthrough]") {
    const std::string real = test::sharedData("micrographs/mos2-smov/04.jpg");
    if (real.empty()) return;
    test::TempDir tmp;
    QFile in(QString::fromStdString(real));
    REQUIRE(in.open(QIODevice::ReadOnly));
    const QByteArray bytes = in.readAll();
    const QString cut = QString::fromStdString(tmp.file("cut.jpg"));
    QFile out(cut);
    REQUIRE(out.open(QIODevice::WriteOnly));
    out.write(bytes.left(bytes.size() * 2 / 3));
    out.close();
    MainWindow w;
    w.setQuiet(true);
    QSignalSpy errors(&w, &MainWindow::errorOccurred);
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.files()->openFile(cut);
    REQUIRE(waitFor(errors, 10000));
    const QString message = errors.first().at(0).toString();
    CHECK(message.contains(QStringLiteral("cut.jpg")));
    CHECK(message.contains(QStringLiteral("truncated")));
    CHECK(opened.isEmpty());
    // The complete file still opens.
    REQUIRE(openAndDetect(w, QString::fromStdString(real)));
    CHECK(w.document()->micrograph()->width() == 512);
}

TEST_CASE("walkthrough: number keys without classes say why they do nothing", "[gui][review][walkthrough]") {
    MainWindow w;
    w.setQuiet(true);
    w.show();
    w.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&w));
    REQUIRE(openAndDetect(w, sourceFile("resources/samples/mos2-sample.tif")));
    REQUIRE(w.document()->classNames().isEmpty());
    w.reviewPanel()->rebuild();
    QSignalSpy hints(w.reviewPanel(), &ReviewPanel::hint);
    QTest::keyClick(w.view(), Qt::Key_3);
    REQUIRE(hints.size() == 1);
    CHECK(hints.first().at(0).toString().contains(QStringLiteral("no classes")));
    CHECK(w.statusBar()->currentMessage().contains(QStringLiteral("Few-shot")));
}

#ifdef ATOMLENS_WITH_NN
TEST_CASE("walkthrough: fine-tuning shows progress and a live plot, Cancel keeps the previous model",
          "[gui][fewshot][walkthrough]") {
    test::TempDir tmp;
    const QString image = QString::fromStdString(writeSimulated(tmp.file("cell.tif")));
    MainWindow w;
    w.setQuiet(true);
    w.show();
    REQUIRE(openAndDetect(w, image));
    Document& doc = *w.document();
    std::vector<std::size_t> rows(doc.atoms().size());
    std::iota(rows.begin(), rows.end(), 0);
    std::sort(rows.begin(), rows.end(),
              [&](auto a, auto b) { return doc.atoms().amplitudes()[a] > doc.atoms().amplitudes()[b]; });
    edit::setClassNames(doc, {"bright", "dim"});
    std::vector<std::uint32_t> bright, dim;
    for (std::size_t k = 0; k < 8; ++k) {
        bright.push_back(doc.atoms().ids()[rows[k]]);
        dim.push_back(doc.atoms().ids()[rows[rows.size() - 1 - k]]);
    }
    edit::relabel(doc, bright, 0);
    edit::relabel(doc, dim, 1);
    FewShotPanel* panel = w.fewShotPanel();
    QSignalSpy finished(w.fewShotTrainer(), &FewShotTrainer::fineTuneFinished);

    // A first run: progress bar while it runs, plot points arrive before the end.
    panel->epochs()->setValue(300);
    panel->startFineTune();
    CHECK(panel->progressBar()->isVisible());
    CHECK(panel->cancelButton()->isEnabled());
    bool liveBeforeEnd = false;
    REQUIRE(waitUntil(
        [&] {
            if (w.jobs()->isBusy() && panel->plot()->pointCount() > 0) liveBeforeEnd = true;
            return !finished.isEmpty();
        },
        120000));
    CHECK(liveBeforeEnd);
    REQUIRE(finished.takeFirst().at(0).toBool());
    CHECK_FALSE(panel->progressBar()->isVisible());
    CHECK(panel->applyButton()->isEnabled());
    const int points = panel->plot()->pointCount();
    CHECK(points == 300);
    const double accuracy = w.fewShotTrainer()->candidateAccuracy();

    // A second run, cancelled once it trains: everything of the first run stays.
    panel->epochs()->setValue(2000);
    panel->startFineTune();
    // Cross-validation reports its epochs too (it used to be silent, and could not be cancelled).
    REQUIRE(waitUntil(
        [&] {
            return (panel->progressBar()->format().contains(QStringLiteral("fold")) &&
                    panel->progressBar()->value() > 2) ||
                   !finished.isEmpty();
        },
        120000));
    REQUIRE(finished.isEmpty());
    panel->cancelButton()->click();
    REQUIRE(waitFor(finished, 60000));
    CHECK_FALSE(finished.takeFirst().at(0).toBool());
    CHECK(panel->statusText().contains(QStringLiteral("cancelled")));
    CHECK_FALSE(panel->statusText().contains(QStringLiteral("Fine-tuning on")));
    CHECK_FALSE(panel->progressBar()->isVisible());
    CHECK_FALSE(panel->cancelButton()->isEnabled());
    CHECK(w.fewShotTrainer()->hasCandidate());
    CHECK(w.fewShotTrainer()->candidateAccuracy() == accuracy);
    CHECK(panel->applyButton()->isEnabled());
    CHECK(panel->saveButton()->isEnabled());
    CHECK(panel->plot()->pointCount() == points);
    CHECK(w.fewShotTrainer()->applyCandidate() >= 0);
}
#endif

#ifdef ATOMLENS_WITH_NN
TEST_CASE("walkthrough: fine-tuning trains on the labels' neighbourhoods with exactly the whole graph's "
          "outputs",
          "[gui][fewshot][walkthrough]") {
    auto m = test::simulatedMicrograph("perovskite", 512, 9);
    const AtomTable atoms = detectAtoms(m->frame(0), DetectParams{}, nullJobContext());
    PreparedGraph prepared = prepareGraph(m->frame(0), atoms, false, nullJobContext());
    EgnnInput& full = prepared.input;
    REQUIRE(full.nodeCount > 100);
    std::vector<std::size_t> labelledNodes;
    for (std::size_t i = 0; i < full.nodeCount; i += full.nodeCount / 5) {
        full.labels[i] = std::int64_t(labelledNodes.size() % 2);
        labelledNodes.push_back(i);
    }
    for (const double reach : {0.0, 1.9}) {
        EgnnArchitecture a;
        a.edgeReach = reach;
        const EgnnModel model({"a", "b"}, a, 7);
        const EgnnInput part = labelledSubgraph(full, a.layers, reach);
        INFO("reach " << reach << ": " << part.nodeCount << " of " << full.nodeCount << " nodes");
        CHECK(part.nodeCount < (reach > 0 ? full.nodeCount : full.nodeCount / 2));
        const auto whole = model.predict(full), sub = model.predict(part);
        // The labelled nodes keep their order in the subgraph.
        std::size_t k = 0;
        for (std::size_t i = 0; i < part.nodeCount; ++i) {
            if (part.labels[i] < 0) continue;
            const std::size_t node = labelledNodes[k++];
            for (int c = 0; c < 2; ++c)
                CHECK(sub.probabilities[i * 2 + std::size_t(c)] ==
                      Approx(whole.probabilities[node * 2 + std::size_t(c)]).margin(1e-5));
        }
        CHECK(k == labelledNodes.size());
    }
}
#endif

TEST_CASE("walkthrough: atoms cut by the image edge are flagged and reviewed first",
          "[gui][review][walkthrough]") {
    MainWindow w;
    w.setQuiet(true);
    REQUIRE(openAndDetect(w, sourceFile("resources/samples/mos2-sample.tif")));
    const AtomTable& t = w.document()->atoms();
    const Image& img = w.document()->currentImage();
    std::size_t edge = 0, nearBorder = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const bool flagged = t.flags()[i] & kFlagAtEdge;
        edge += flagged ? 1 : 0;
        const double border =
            std::min({t.xs()[i], t.ys()[i], img.width() - 1 - t.xs()[i], img.height() - 1 - t.ys()[i]});
        if (border < 1.0) {
            ++nearBorder;
            CHECK(flagged); // a column within a pixel of the border is certainly cut
        }
    }
    INFO(edge << " edge atoms, " << nearBorder << " within 1 px of the border");
    REQUIRE(edge > 0);
    w.reviewPanel()->rebuild();
    const auto& queue = w.reviewPanel()->queue();
    REQUIRE(queue.size() > edge);
    for (std::size_t k = 0; k < queue.size(); ++k) {
        const auto row = std::size_t(t.rowOf(queue.ids()[k]));
        CHECK(bool(t.flags()[row] & kFlagAtEdge) == (k < edge));
    }
}

TEST_CASE("walkthrough: Image > Set Pixel Size calibrates a JPEG, tables, scale bar and project keep it",
          "[gui][calibration][walkthrough]") {
    const std::string jpeg = test::sharedData("micrographs/mos2-smov/05.jpg");
    if (jpeg.empty()) return;
    test::TempDir tmp;
    MainWindow w;
    w.setQuiet(true);
    REQUIRE(openAndDetect(w, QString::fromStdString(jpeg)));
    CHECK_FALSE(w.document()->calibration().isCalibrated());
    CHECK_FALSE(w.exports()->setPixelSize(-1, QStringLiteral("nm")));
    CHECK_FALSE(w.exports()->setPixelSize(0.02, QStringLiteral("px")));
    REQUIRE(w.exports()->setPixelSize(0.0195, QStringLiteral("nm")));
    CHECK(w.projects()->isModified());
    CHECK(w.document()->calibration().pixelSizeX == 0.0195);
    // The table is calibrated...
    const QString json = QString::fromStdString(tmp.file("atoms.json"));
    REQUIRE(w.exports()->exportTableTo(json));
    QFile f(json);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    CHECK(root.value(QStringLiteral("pixelSizeX")).toDouble() == Approx(0.0195));
    CHECK(root.value(QStringLiteral("unit")).toString() == QStringLiteral("nm"));
    // ...the figure's scale bar is in nm...
    const QString svg = QString::fromStdString(tmp.file("figure.svg"));
    REQUIRE(w.exports()->exportFigureTo(svg));
    QFile s(svg);
    REQUIRE(s.open(QIODevice::ReadOnly));
    CHECK(s.readAll().contains(" nm<"));
    // ...and the project remembers it.
    const QString project = QString::fromStdString(tmp.file("smov.atomlens"));
    REQUIRE(w.projects()->saveTo(project));
    MainWindow other;
    other.setQuiet(true);
    QSignalSpy reopened(&other, &MainWindow::projectOpened);
    other.projects()->open(project);
    REQUIRE(waitFor(reopened));
    CHECK(other.document()->calibration().pixelSizeX == Approx(0.0195));
    CHECK(other.document()->calibration().unit == "nm");
    CHECK_FALSE(other.projects()->isModified());
}

TEST_CASE("walkthrough: tool bar buttons keep their place after edits, Fit Image shows a tall image whole",
          "[gui][layout][walkthrough]") {
    test::TempDir tmp;
    MainWindow w;
    w.setQuiet(true);
    w.resize(1280, 860);
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    // A tall image (3:1).
    SimulationParams p;
    p.preset = "perovskite";
    p.width = 160;
    p.height = 480;
    p.seed = 2;
    const std::string tall = tmp.file("tall.tif");
    writeTiff(simulate(p).micrograph, tall);
    REQUIRE(openAndDetect(w, QString::fromStdString(tall)));
    QTest::qWait(100);
    auto* bar = w.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
    REQUIRE(bar);
    QAction* undo = w.findChild<QAction*>(QStringLiteral("undoToolAction"));
    REQUIRE(undo);
    QWidget* undoButton = bar->widgetForAction(undo);
    REQUIRE(undoButton);
    const QRect before = undoButton->geometry();
    edit::reject(*w.document(), {w.document()->atoms().ids()[1]});
    QTest::qWait(50);
    CHECK(undo->text() == QStringLiteral("Undo"));
    CHECK(undo->isEnabled());
    CHECK(undoButton->geometry() == before);
    undo->trigger();
    CHECK_FALSE((w.document()->atoms().flags()[1] & kFlagRejected));
    // Fit Image: the whole image lies inside the viewport.
    w.view()->fitImage();
    QTest::qWait(50);
    const QRect image = w.view()->mapFromScene(QRectF(-0.5, -0.5, 160, 480)).boundingRect();
    INFO("image on screen " << image.x() << "," << image.y() << " " << image.width() << "x" << image.height()
                            << " in a viewport of " << w.view()->viewport()->width() << "x"
                            << w.view()->viewport()->height());
    CHECK(w.view()->viewport()->rect().contains(image));
    saveScreenshot(&w, QStringLiteral("gui-fit-tall"));
}

TEST_CASE("walkthrough: the exported legend lists rejected, reviewed and empty-site marks",
          "[gui][export][walkthrough]") {
    test::TempDir tmp;
    MainWindow w;
    w.setQuiet(true);
    REQUIRE(openAndDetect(w, sourceFile("resources/samples/mos2-sample.tif")));
    REQUIRE(waitUntil([&] { return !w.graphUpdater()->jobs()->isBusy() && w.document()->graph(); }));
    const auto ids = w.document()->atoms().ids();
    edit::reject(*w.document(), {ids[10], ids[11]});
    edit::accept(*w.document(), {ids[12]});
    std::size_t empty = 0;
    for (const auto f : w.document()->graph()->flags) empty += (f & kFlagEmptySite) ? 1 : 0;
    REQUIRE(empty > 0);
    const QString svg = QString::fromStdString(tmp.file("legend.svg"));
    REQUIRE(w.exports()->exportFigureTo(svg));
    QFile f(svg);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    CHECK(text.contains(QStringLiteral("rejected (2)")));
    CHECK(text.contains(QStringLiteral("reviewed (white dot) (1)")));
    CHECK(text.contains(QStringLiteral("empty ideal site (%1)").arg(empty)));
    CHECK(text.contains(QStringLiteral("unclassified (%1)").arg(ids.size() - 2)));
}

TEST_CASE("walkthrough: re-detecting leaves the view where the user put it", "[gui][review][walkthrough]") {
    MainWindow w;
    w.setQuiet(true);
    w.show();
    REQUIRE(openAndDetect(w, sourceFile("resources/samples/mos2-sample.tif")));
    w.view()->setZoom(4);
    w.view()->centreOn(QPointF(300, 300));
    QTest::qWait(50);
    const QPointF centre = w.view()->mapToScene(w.view()->viewport()->rect().center());
    REQUIRE(w.steps()->detect());
    REQUIRE(waitUntil([&] { return !w.jobs()->isBusy(); }));
    w.reviewPanel()->rebuild();
    QTest::qWait(400); // the review list's debounced rebuild
    const QPointF after = w.view()->mapToScene(w.view()->viewport()->rect().center());
    CHECK(std::hypot(after.x() - centre.x(), after.y() - centre.y()) < 2);
    // Navigation still brings the view to the atom.
    w.reviewPanel()->next();
    const auto row = std::size_t(w.document()->atoms().rowOf(w.reviewPanel()->currentId()));
    const QPointF atom(w.document()->atoms().xs()[row], w.document()->atoms().ys()[row]);
    CHECK(w.view()->visibleRegion().contains(atom));
}
