#pragma once
// Driving the main window in GUI tests (test_gui only: it needs the whole atomlens::gui).
#include "gui/MainWindow.h"
#include "gui/document/Document.h"
#include "gui/jobs/Analysis.h"
#include "gui/jobs/JobRunner.h"
#include "tests/gui/GuiTestSupport.h"

namespace atomlens::test {

/// Opens a file and waits until the detection on open is done and, with `withGraph`, the lattice graph
/// exists too; false when either does not happen in time.
inline bool openAndDetect(gui::MainWindow& w, const QString& path, bool withGraph = true) {
    QSignalSpy opened(&w, &gui::MainWindow::fileOpened);
    w.openFile(path);
    if (!waitFor(opened)) return false;
    return waitUntil([&] {
        return !w.analysis()->jobs()->isBusy() && w.document()->atoms().size() > 0 &&
               (!withGraph || w.document()->graph());
    });
}

} // namespace atomlens::test
