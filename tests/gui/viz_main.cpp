// Catch2 main of the plot/3-D view tests: the xcb platform when an X display is given (the VTK view
// needs GLX, which Qt's offscreen platform does not offer to QOpenGLWidget), offscreen otherwise.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QStandardPaths>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", qEnvironmentVariableIsEmpty("DISPLAY") ? "offscreen" : "xcb");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AtomLensTest"));
    QApplication::setOrganizationName(QStringLiteral("AtomLensTest"));
    QStandardPaths::setTestModeEnabled(true);
    return Catch::Session().run(argc, argv);
}
