#pragma once
#include <QString>

namespace atomlens::gui {
class MainWindow;
}

/// `atomlens --smoke-test [FILE]`: checks an installation end to end without a user. Opens FILE (default:
/// the bundled sample, found like every other data file: core/data/DataPaths.h) in the window, waits
/// until it is shown, checks that the bundled task chains and the shipped models are found and that the
/// German translation loads, prints one line per check on stdout and returns the exit code (0 = all
/// fine). Used by the install test (tests/install) on an installed, relocated copy.
int runGuiSmokeTest(atomlens::gui::MainWindow& window, QString file);
