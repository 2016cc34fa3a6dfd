#pragma once
// Driving the main window in GUI tests (test_gui only: it needs the whole atomlens::gui).
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
#include "tests/gui/GuiTestSupport.h"

namespace atomlens::test {

/// Opens a file and waits until the detection on open is done and, with `withGraph`, the lattice graph
/// exists too; false when either does not happen in time.
inline bool openAndDetect(gui::MainWindow& w, const QString& path, bool withGraph = true) {
    QSignalSpy opened(&w, &gui::MainWindow::fileOpened);
    w.files()->openFile(path);
    if (!waitFor(opened)) return false;
    return waitUntil([&] {
        return !w.jobs()->isBusy() && w.document()->atoms().size() > 0 &&
               (!withGraph || w.document()->graph());
    });
}

} // namespace atomlens::test
