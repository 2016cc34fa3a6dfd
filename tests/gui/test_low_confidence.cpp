// Issue 16 item 10: an image without a lattice (a 68 x 68 noise image) gave "atoms" with no warning:
// the FFT test finds a "lattice" in a small image's noise (it must, to keep 128 px graphene crops,
// whose reflections are as weak), and the detections were trusted. Now the engine checks that the
// detected columns form a lattice and says "no lattice found" when they do not; the GUI shows it in
// the Log dock and the status bar. A lattice image says nothing of the kind.
#include <catch2/catch.hpp>

#include "tests/TestSupport.h"
#include "tests/gui/MainWindowTestSupport.h"

#include "core/io/TiffWriter.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StepRunner.h"
#include "gui/panels/LogPanel.h"

#include <QStatusBar>
#include <QTest>

#include <random>

using namespace atomlens;
using namespace atomlens::gui;
using namespace atomlens::test;

TEST_CASE("A small image without a lattice warns: no lattice found, low confidence", "[gui][log]") {
    TempDir tmp;
    Micrograph noise;
    noise.frames.emplace_back(68, 68);
    std::mt19937 rng(3);
    std::normal_distribution<float> pixel(100.f, 20.f);
    for (int y = 0; y < 68; ++y)
        for (int x = 0; x < 68; ++x) noise.frames[0].at(x, y) = pixel(rng);
    const std::string path = tmp.file("noise68.tif");
    writeTiff(noise, path);
    MainWindow w;
    w.setQuiet(true);
    w.show();
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.files()->openFile(QString::fromStdString(path));
    REQUIRE(waitFor(opened));
    REQUIRE(waitUntil([&] { return !w.steps()->jobs()->isBusy(); }));
    QTest::qWait(50);
    const QString log = w.logPanel()->text();
    INFO(log.toStdString());
    CHECK(log.contains(QStringLiteral("Warning: no lattice found")));
    CHECK(log.contains(QStringLiteral("low confidence")));
    CHECK(w.statusBar()->currentMessage().contains(QStringLiteral("no lattice found")));

    // A lattice image says nothing of the kind.
    REQUIRE(openAndDetect(w, sourceFile("resources/samples/mos2-sample.tif")));
    QTest::qWait(50);
    CHECK_FALSE(w.logPanel()->text().contains(QStringLiteral("no lattice found")));
}
