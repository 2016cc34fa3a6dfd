// Issue 16 item 11: a multi-signal file (Velox EMD with HAADF and EDS maps) opens its HAADF image and
// Image > Signal shows any other one.
#include "tests/TestSupport.h"
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

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>

using namespace atomlens;
using namespace atomlens::gui;

TEST_CASE("Image > Signal lists a Velox file's images and shows the one picked", "[gui][signal]") {
    const std::string velox = test::sharedData("formats/velox_v11_SI_reduced.emd");
    if (velox.empty()) return;
    MainWindow w;
    w.setQuiet(true);
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.files()->openFile(QString::fromStdString(velox));
    REQUIRE(test::waitFor(opened));
    CHECK(w.document()->micrograph()->title == "HAADF");
    QMenu* signalMenu = nullptr;
    for (QAction* top : w.menuBar()->actions())
        if (top->menu())
            for (QAction* a : top->menu()->actions())
                if (a->menu() && a->text().remove(QLatin1Char('&')) == QStringLiteral("Signal"))
                    signalMenu = a->menu();
    REQUIRE(signalMenu);
    REQUIRE(signalMenu->actions().size() == 5);
    QStringList names;
    for (QAction* a : signalMenu->actions()) names << a->text();
    CHECK(names.contains(QStringLiteral("Ca")));
    CHECK(signalMenu->actions().last()->isChecked()); // HAADF, the default
    opened.clear();
    REQUIRE(w.files()->openSignal(1));
    REQUIRE(test::waitFor(opened));
    CHECK(w.document()->micrograph()->title == "Ca");
    CHECK(signalMenu->actions()[1]->isChecked());
    CHECK_FALSE(w.files()->openSignal(7));
}
