// Catch2 main for GUI tests: one QApplication for the whole run, offscreen unless QT_QPA_PLATFORM says
// otherwise.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QStandardPaths>

#ifdef ATOMLENS_WITH_NN
#include "core/nn/NnExtensions.h"
#endif

int main(int argc, char** argv) {
    // Offscreen unless told otherwise: ctest's test discovery runs this binary without a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AtomLensTest"));
    QApplication::setOrganizationName(QStringLiteral("AtomLensTest"));
    QStandardPaths::setTestModeEnabled(true); // settings and autosaves go to a test location
#ifdef ATOMLENS_WITH_NN
    atomlens::registerNnExtensions(); // the "fcn" detector and the "classify" step
#endif
    return Catch::Session().run(argc, argv);
}
