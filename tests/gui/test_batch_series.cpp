// The batch queue (Tools > Batch) and series tracking (Analysis > Track Series / Track Dopant
// Switches) in the GUI: a 3-image batch with a torch-free chain is canceled after its first item and
// resumed (finished items skipped, their outputs untouched, merged table complete); a simulated MoS2
// stack is tracked off the GUI thread and its counts reach the Plots dock's time curves; a graphene-si
// stack with Si switching gives exactly the simulated switches. Screenshots go to screenshots/.
#include "tests/TestSupport.h"
#include "tests/gui/GuiTestSupport.h"

#include <catch2/catch.hpp>

#include "core/io/CsvTable.h"
#include "core/io/TiffWriter.h"
#include "core/job/ParallelFor.h"
#include "core/job/ThreadPool.h"
#include "core/simulate/Simulator.h"
#include "gui/MainWindow.h"
#include "gui/batch/BatchDialog.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/document/Document.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/SeriesTracking.h"
#include "gui/panels/LogPanel.h"
#include "gui/plots/PlotPanel.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMenuBar>
#include <QPainter>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QTest>

#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

using namespace atomlens;
using namespace atomlens::gui;
using atomlens::test::saveScreenshot;
using atomlens::test::sourceFile;
using atomlens::test::TempDir;
namespace fs = std::filesystem;

namespace {

QByteArray fileBytes(const fs::path& path) {
    QFile f(QString::fromStdString(path.string()));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The time tab drawn at a readable size (the docked panel is narrow) into screenshots/NAME.png.
void savePlot(const PlotWidget* plot, const QString& name) {
    QImage image(900, 480, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    plot->render(painter, QSizeF(image.size()));
    painter.end();
    QDir().mkpath(QStringLiteral(ATOMLENS_SCREENSHOT_DIR));
    image.save(QStringLiteral(ATOMLENS_SCREENSHOT_DIR) + QLatin1Char('/') + name + QStringLiteral(".png"));
}

QAction* findAction(QWidget* window, const QString& text) {
    for (QAction* a : window->findChildren<QAction*>())
        if (a->text().remove(QLatin1Char('&')) == text) return a;
    return nullptr;
}

} // namespace

TEST_CASE("Batch queue: cancel after the first item, resume skips it and keeps its outputs", "[gui][batch]") {
    TempDir dir;
    const fs::path images = dir.path() / "images", out = dir.path() / "out";
    fs::create_directories(images);
    for (int i = 0; i < 3; ++i) {
        SimulationParams p;
        p.preset = "perovskite";
        p.width = p.height = 128;
        p.seed = std::uint64_t(10 + i);
        writeTiff(simulate(p).micrograph, (images / ("img" + std::to_string(i) + ".tif")).string());
    }
    BatchDialog dialog;
    REQUIRE(dialog.addInputs({QString::fromStdString(images.string())}));
    REQUIRE(dialog.itemCount() == 3);
    dialog.setChainPath(sourceFile("resources/chains/perovskite.yaml")); // no torch
    dialog.setOutputFolder(QString::fromStdString(out.string()));
    dialog.show();

    // Run 1: cancel as soon as the first item is reported (from the worker, before the next starts).
    QMetaObject::Connection stopper = QObject::connect(
        &dialog, &BatchDialog::itemReported, &dialog, [&dialog](int, const QString&) { dialog.cancel(); },
        Qt::DirectConnection);
    QSignalSpy finished(&dialog, &BatchDialog::finished);
    REQUIRE(dialog.start());
    CHECK(dialog.itemState(0) == QStringLiteral("running"));
    CHECK_FALSE(dialog.start()); // one run at a time
    REQUIRE(atomlens::test::waitFor(finished, 60000));
    QObject::disconnect(stopper);
    CHECK(finished.takeFirst().at(0).toBool()); // canceled
    CHECK(dialog.itemState(0) == QStringLiteral("done"));
    CHECK(dialog.itemState(1) == QStringLiteral("canceled"));
    CHECK(dialog.itemState(2) == QStringLiteral("canceled"));
    const std::string first = dialog.item(0).name;
    REQUIRE(fs::exists(out / first / "done.json"));
    CHECK_FALSE(fs::exists(out / dialog.item(1).name / "done.json"));
    const QByteArray atoms0 = fileBytes(out / first / "atoms.csv");
    REQUIRE(atoms0.size() > 100);
    const auto time0 = fs::last_write_time(out / first / "atoms.csv");
    saveScreenshot(&dialog, QStringLiteral("batch_queue_canceled"));

    // Run 2: resume.
    REQUIRE(dialog.start());
    REQUIRE(atomlens::test::waitFor(finished, 60000));
    CHECK_FALSE(finished.takeFirst().at(0).toBool());
    CHECK(dialog.itemState(0) == QStringLiteral("skipped (done)"));
    CHECK(dialog.itemState(1) == QStringLiteral("done"));
    CHECK(dialog.itemState(2) == QStringLiteral("done"));
    CHECK(dialog.lastSummary().skipped == 1);
    CHECK(dialog.lastSummary().done == 2);
    CHECK(fileBytes(out / first / "atoms.csv") == atoms0); // not redone, not touched
    CHECK(fs::last_write_time(out / first / "atoms.csv") == time0);
    REQUIRE(!dialog.mergedTablePath().isEmpty());
    const CsvTable merged = CsvTable::read(dialog.mergedTablePath().toStdString());
    std::size_t rows = 0;
    for (int i = 0; i < 3; ++i) {
        REQUIRE(fs::exists(out / dialog.item(i).name / "done.json"));
        rows += CsvTable::read((out / dialog.item(i).name / "atoms.csv").string()).rowCount();
    }
    CHECK(merged.rowCount() == rows);
    const int item = merged.column("item");
    REQUIRE(item >= 0);
    std::map<std::string, int> perItem;
    for (std::size_t r = 0; r < merged.rowCount(); ++r) ++perItem[merged.text(r, item)];
    CHECK(perItem.size() == 3);
    CHECK(CsvTable::read((out / "batch.csv").string()).rowCount() == 3);
    saveScreenshot(&dialog, QStringLiteral("batch_queue"));

    // Double-click asks to open the item's micrograph.
    QSignalSpy open(&dialog, &BatchDialog::openRequested);
    QTableWidget* table = dialog.findChild<QTableWidget*>();
    REQUIRE(table);
    Q_EMIT table->cellDoubleClicked(1, 0);
    REQUIRE(open.count() == 1);
    CHECK(open.first().at(0).toString().toStdString() == dialog.item(1).source);
}

TEST_CASE("Track Series: drift, tracks and per-frame counts of a simulated stack reach the time curves",
          "[gui][series]") {
    TempDir dir;
    SimulationParams p;
    p.preset = "mos2";
    p.width = p.height = 192;
    p.seed = 5;
    p.frames = 8;
    p.rotationDeg = 10;
    const SimulationResult sim = simulate(p);
    const std::string path = dir.file("series.tif");
    writeTiff(sim.micrograph, path);

    MainWindow window;
    window.setQuiet(true);
    window.files()->setAutoDetect(false);
    window.resize(1400, 900);
    window.show();
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    window.files()->openFile(QString::fromStdString(path));
    REQUIRE(atomlens::test::waitFor(opened));
    REQUIRE(window.document()->micrograph()->frameCount() == 8);
    QAction* track = findAction(&window, QStringLiteral("Track Series"));
    REQUIRE(track);
    QSignalSpy done(window.seriesTracking(), &SeriesTracking::finished);
    track->trigger();
    CHECK(window.seriesTracking()->isBusy()); // off the GUI thread
    REQUIRE(atomlens::test::waitFor(done, 120000));
    REQUIRE(done.first().at(0).toBool());
    const auto a = window.seriesTracking()->sites();
    REQUIRE(a);
    // Known truth: the true shift of every frame (mean truth displacement of the columns of frame 0).
    std::map<int, std::pair<double, double>> first;
    for (const auto& t : sim.truth)
        if (t.frame == 0) first[t.id] = {t.x, t.y};
    for (int f = 1; f < p.frames; ++f) {
        double sx = 0, sy = 0;
        int n = 0;
        for (const auto& t : sim.truth)
            if (t.frame == f && first.count(t.id))
                sx += t.x - first[t.id].first, sy += t.y - first[t.id].second, ++n;
        CHECK(std::hypot(a->drift[std::size_t(f)].dx - sx / n, a->drift[std::size_t(f)].dy - sy / n) < 0.3);
    }
    // Detected atoms per frame against the truth's filled columns: the detector also finds columns
    // centred just outside the field of view (truth leaves those out), hence 8 %.
    for (int f = 0; f < p.frames; ++f) {
        std::size_t truthAtoms = 0;
        for (const auto& t : sim.truth) truthAtoms += t.frame == f && t.cls != "empty";
        CHECK(double(a->atomCounts[std::size_t(f)]) == Approx(double(truthAtoms)).epsilon(0.08));
    }
    // The time tab shows the same numbers.
    PlotWidget* time = window.plotPanel()->timePlot();
    REQUIRE(time->series().size() == 1 + a->sites.stateNames.size());
    CHECK(window.plotPanel()->currentWidget() == time);
    for (int f = 0; f < p.frames; ++f)
        CHECK(time->series()[0].y[std::size_t(f)] == double(a->atomCounts[std::size_t(f)]));
    saveScreenshot(&window, QStringLiteral("series_time_curves_window"));
    savePlot(time, QStringLiteral("series_time_curves"));
    // Every frame shows its own tracked atoms and empty sites (the window was opened without detection).
    for (int f : {1, p.frames - 1}) {
        window.document()->setCurrentFrame(f);
        const AtomTable& shown = window.document()->atoms();
        std::size_t detected = 0;
        for (const auto flags : shown.flags()) detected += !(flags & kFlagEmptySite);
        CHECK(detected == a->atomCounts[std::size_t(f)]);
        CHECK(shown.size() == a->points[std::size_t(f)].x.size());
        CHECK(shown.xs()[0] == a->points[std::size_t(f)].x[0]);
    }
}

TEST_CASE("Track Dopant Switches: every simulated Si 3 <-> 4 switch, none spurious", "[gui][series]") {
    TempDir dir;
    SimulationParams p;
    p.preset = "graphene-si";
    p.width = p.height = 256;
    p.pixelSize = 0.2;
    p.seed = 11;
    p.frames = 16;
    p.rotationDeg = 7;
    p.siThreeFold = 4, p.siFourFold = 1;
    p.siSwitchProbability = 0.25;
    p.frameDrift = 0.3;
    p.dose = 3e6;
    const SimulationResult sim = simulate(p);
    // Truth: per Si column and frame its class; switches of the Si columns that stay 3 bond lengths
    // inside every frame must all be found (the analysis itself uses 2 bond lengths).
    const double bondPx = 2.46 / std::sqrt(3.0) / sim.pixelSize, margin = 3 * bondPx;
    std::map<int, std::vector<const TruthColumn*>> si;
    for (const auto& t : sim.truth)
        if (t.element == "Si") si[t.id].push_back(&t);
    std::set<std::tuple<int, int, std::string>> truth, inner; // (frame, id, "Si3->Si4")
    for (const auto& [id, cols] : si) {
        bool inside = int(cols.size()) == p.frames;
        for (const auto* c : cols)
            inside &= c->x > margin && c->y > margin && c->x < 255 - margin && c->y < 255 - margin;
        for (std::size_t f = 1; f < cols.size(); ++f)
            if (cols[f]->cls != cols[f - 1]->cls) {
                truth.insert({cols[f]->frame, id, cols[f - 1]->cls + "->" + cols[f]->cls});
                if (inside) inner.insert({cols[f]->frame, id, cols[f - 1]->cls + "->" + cols[f]->cls});
            }
    }
    const std::size_t truthSwitches = inner.size();
    REQUIRE(truthSwitches >= 6);
    const std::string path = dir.file("si.tif");
    writeTiff(sim.micrograph, path);

    MainWindow window;
    window.setQuiet(true);
    window.files()->setAutoDetect(false);
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    window.files()->openFile(QString::fromStdString(path));
    REQUIRE(atomlens::test::waitFor(opened));
    QAction* track = findAction(&window, QStringLiteral("Track Dopant Switches"));
    REQUIRE(track);
    QSignalSpy done(window.seriesTracking(), &SeriesTracking::finished);
    track->trigger();
    REQUIRE(atomlens::test::waitFor(done, 120000));
    REQUIRE(done.first().at(0).toBool());
    const auto a = window.seriesTracking()->dopants();
    REQUIRE(a);
    std::set<std::tuple<int, int, std::string>> found;
    for (const auto& e : a->history.switches) { // the Si column at the site in that frame
        const double fx = e.x + a->drift[std::size_t(e.frame)].dx,
                     fy = e.y + a->drift[std::size_t(e.frame)].dy;
        int id = -1;
        double best = bondPx;
        for (const auto& t : sim.truth)
            if (t.frame == e.frame && t.element == "Si" && std::hypot(t.x - fx, t.y - fy) < best)
                id = t.id, best = std::hypot(t.x - fx, t.y - fy);
        found.insert({e.frame, id, e.from + "->" + e.to});
    }
    CHECK(found.size() == a->history.switches.size());
    for (const auto& f : found) CHECK(truth.count(f) == 1); // none spurious
    for (const auto& t : inner) CHECK(found.count(t) == 1); // every switch away from the border found
    const PlotWidget* time = window.plotPanel()->timePlot();
    REQUIRE(!time->series().empty());
    CHECK(time->series().back().y.back() == double(a->history.switches.size())); // cumulative switches
    savePlot(time, QStringLiteral("series_dopant_switches"));
}

TEST_CASE("any runner's warnings reach the Log dock and status bar, and jobs get the GUI's one pool",
          "[gui][log][job]") {
    MainWindow w;
    w.setQuiet(true);
    w.show();
    // A runner MainWindow never connected to (as SeriesTracking's and the batch dialog's are).
    JobRunner runner;
    std::atomic<ThreadPool*> seen{nullptr};
    std::atomic<int> sum{0};
    QSignalSpy logged(&JobLog::instance(), &JobLog::logged);
    REQUIRE(runner.start(QStringLiteral("Side job"), [&](JobContext& job) -> JobRunner::Apply {
        seen = job.threadPool();
        parallelFor(
            100, 1, [&](std::size_t b, std::size_t) { sum += int(b); }, job);
        job.log(JobContext::LogLevel::Warning, "no lattice found: no ideal sites or strain");
        return {};
    }));
    runner.waitForIdle();
    QTest::qWait(50);
    CHECK(seen.load() == &JobRunner::sharedPool());
    CHECK(sum == 4950);
    REQUIRE(logged.count() == 1);
    CHECK(logged.at(0).at(0).toString() == QStringLiteral("Side job"));
    const QString log = w.logPanel()->text();
    INFO(log.toStdString());
    CHECK(log.contains(QStringLiteral("no lattice found")));
    CHECK(w.statusBar()->currentMessage().contains(QStringLiteral("no lattice found")));
}
