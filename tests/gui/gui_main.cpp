// Catch2 main for GUI tests: one QApplication for the whole run (offscreen unless a display is given).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AtomLensTest"));
    QApplication::setOrganizationName(QStringLiteral("AtomLensTest"));
    return Catch::Session().run(argc, argv);
}
