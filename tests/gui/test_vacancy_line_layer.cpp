// Issue 16 item 5: the vacancy lines and line events that Track Series finds per frame were only in
// tables and curves. The vacancy-line layer draws them on the frame shown, moved with that frame's
// drift (so they sit on the vacant columns of a drifting stack), and View > Vacancy Lines hides them.
#include <catch2/catch.hpp>

#include "tests/TestSupport.h"
#include "tests/gui/MainWindowTestSupport.h"

#include "core/analysis/SeriesAnalysis.h"
#include "core/io/TiffWriter.h"
#include "core/simulate/Simulator.h"
#include "gui/jobs/SeriesTracking.h"
#include "gui/view/VacancyLineLayer.h"
#include "gui/view/VacancyLineOverlayItem.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>

#include <cmath>

using namespace atomlens;
using namespace atomlens::gui;
using namespace atomlens::test;

namespace {

QAction* findMenuAction(QWidget* window, const QString& text) {
    for (QAction* top : window->findChild<QMenuBar*>()->actions())
        if (top->menu())
            for (QAction* a : top->menu()->actions())
                if (a->text().remove(QLatin1Char('&')) == text) return a;
    return nullptr;
}

} // namespace

TEST_CASE("Vacancy-line layer: each frame shows its own lines and events on its vacant columns",
          "[gui][series]") {
    TempDir dir;
    SimulationParams p;
    p.preset = "mos2";
    p.width = p.height = 192;
    p.seed = 5;
    p.frames = 6;
    p.rotationDeg = 10;
    p.vacancyLines = 3;
    p.frameDrift = 0.8; // about 5 px per frame: marks drawn at frame 0's place would miss
    const SimulationResult sim = simulate(p);
    const std::string path = dir.file("series.tif");
    writeTiff(sim.micrograph, path);

    MainWindow window;
    window.setQuiet(true);
    window.files()->setAutoDetect(false);
    window.show();
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    window.files()->openFile(QString::fromStdString(path));
    REQUIRE(waitFor(opened));
    VacancyLineOverlayItem* item = window.vacancyLineLayer()->item();
    CHECK(item->frame().lines.empty());
    QSignalSpy done(window.seriesTracking(), &SeriesTracking::finished);
    QAction* track = findMenuAction(&window, QStringLiteral("Track Series"));
    REQUIRE(track);
    track->trigger();
    REQUIRE(waitFor(done, 120000));
    REQUIRE(done.first().at(0).toBool());
    const auto a = window.seriesTracking()->sites();
    REQUIRE(a);
    std::size_t linesSeen = 0, sitesNear = 0, sitesNearUndrifted = 0, sitesDrawn = 0;
    double largestDrift = 0;
    for (int f = 0; f < p.frames; ++f) {
        window.document()->setCurrentFrame(f);
        const VacancyLineFrame& shown = item->frame();
        INFO("frame " << f);
        REQUIRE(shown.lines.size() == a->lines[std::size_t(f)].size());
        std::size_t events = 0;
        for (const auto& e : a->events) events += e.frame == f;
        CHECK(shown.events.size() == events);
        linesSeen += shown.lines.size();
        const double dx = a->drift[std::size_t(f)].dx, dy = a->drift[std::size_t(f)].dy;
        largestDrift = std::max(largestDrift, std::hypot(dx, dy));
        // Known answer: a drawn site sits on a vacant chalcogen column of this frame's truth.
        auto nearVacancy = [&](double x, double y) {
            for (const auto& t : sim.truth)
                if (t.frame == f && (t.cls == "S1" || t.cls == "empty") && std::hypot(t.x - x, t.y - y) < 2.5)
                    return true;
            return false;
        };
        for (const auto& line : shown.lines)
            for (const QPointF& s : line.sites) {
                ++sitesDrawn;
                sitesNear += nearVacancy(s.x(), s.y());
                sitesNearUndrifted += nearVacancy(s.x() - dx, s.y() - dy);
            }
    }
    INFO(linesSeen << " lines, " << sitesDrawn << " sites drawn, " << sitesNear << " on vacant columns ("
                   << sitesNearUndrifted << " without the drift), largest drift " << largestDrift << " px");
    REQUIRE(linesSeen > 0);
    for (const auto& line : item->frame().lines) CHECK(line.links.size() + 1 == line.sites.size()); // a tree
    CHECK(double(sitesNear) >= 0.8 * double(sitesDrawn));
    CHECK(largestDrift > 5);
    CHECK(sitesNearUndrifted < sitesNear);
    CHECK(item->isVisible());
    CHECK_FALSE(item->boundingRect().isEmpty());
    saveScreenshot(&window, QStringLiteral("gui-vacancy-lines-frame"));
    // View > Vacancy Lines hides the layer; another file clears it.
    QAction* toggle = findMenuAction(&window, QStringLiteral("Vacancy Lines"));
    REQUIRE(toggle);
    toggle->trigger();
    CHECK_FALSE(item->isVisible());
    toggle->trigger();
    CHECK(item->isVisible());
    QSignalSpy reopened(&window, &MainWindow::fileOpened);
    window.files()->openFile(sourceFile("resources/samples/mos2-sample.tif"));
    REQUIRE(waitFor(reopened));
    CHECK(item->frame().lines.empty());
    CHECK(item->frame().events.empty());
}
