#include "tests/gui/GuiTestSupport.h"

#include <catch2/catch.hpp>

#include "gui/MainWindow.h"
#include "gui/controllers/EditToolController.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/document/Document.h"
#include "gui/jobs/JobRunner.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/ImageItem.h"
#include "gui/view/ImageView.h"

#include <QFileInfo>
#include <QImage>

using namespace atomlens::gui;
using atomlens::test::saveScreenshot;
using atomlens::test::sourceFile;
using atomlens::test::waitFor;

TEST_CASE("gui: the main window opens the bundled sample on a worker and shows it", "[gui]") {
    MainWindow window;
    window.setQuiet(true);
    window.show();
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    window.files()->openFile(sourceFile("resources/samples/mos2-sample.tif"));
    REQUIRE(waitFor(opened));
    REQUIRE(window.document()->hasImage());
    CHECK(window.document()->micrograph()->width() == 512);
    CHECK(window.view()->imageItem()->boundingRect() == QRectF(-0.5, -0.5, 512, 512));
    CHECK(window.windowTitle().contains(QStringLiteral("mos2-sample.tif")));
    const QImage shot = window.grab().toImage();
    CHECK(shot.width() > 400);
    saveScreenshot(&window, QStringLiteral("01-opened-sample"));
}

TEST_CASE("gui: a bad file is reported, not fatal, and the window stays usable", "[gui][bad-input]") {
    MainWindow window;
    window.setQuiet(true);
    QSignalSpy failed(&window, &MainWindow::errorOccurred);
    window.files()->openFile(QStringLiteral("/nonexistent/file.dm4"));
    REQUIRE(waitFor(failed));
    CHECK(failed.takeFirst().at(0).toString().contains(QStringLiteral("no such file")));
    CHECK_FALSE(window.document()->hasImage());
}

TEST_CASE("gui: scale bar lengths are 1, 2 or 5 times a power of ten", "[gui]") {
    CHECK(niceScaleBarLength(7.3) == Approx(5));
    CHECK(niceScaleBarLength(0.34) == Approx(0.2));
    CHECK(niceScaleBarLength(1.0) == Approx(1));
    CHECK(niceScaleBarLength(180) == Approx(100));
}
