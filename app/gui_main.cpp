// atomlens: the desktop application. Argument parsing only; the window is atomlens::gui::MainWindow.
#include "gui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AtomLens"));
    QApplication::setOrganizationName(QStringLiteral("AtomLens"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("AtomLens: atoms, lattices and structures from (S)TEM micrographs"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Micrograph to open"),
                                 QStringLiteral("[file]"));
    parser.process(app);
    atomlens::gui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) window.openFile(parser.positionalArguments().first());
    return app.exec();
}
