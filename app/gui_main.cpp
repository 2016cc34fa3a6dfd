// atomlens: the desktop application. Argument parsing only; the window is atomlens::gui::MainWindow.
#include "gui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#ifdef ATOMLENS_WITH_NN
#include "core/nn/NnExtensions.h"
#endif

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AtomLens"));
    QApplication::setOrganizationName(QStringLiteral("AtomLens"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
#ifdef ATOMLENS_WITH_NN
    atomlens::registerNnExtensions(); // the "fcn" detector and the "classify" step
#endif
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("AtomLens: atoms, lattices and structures from (S)TEM micrographs"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Micrograph or .atomlens project to open"),
                                 QStringLiteral("[file]"));
    parser.process(app);
    atomlens::gui::MainWindow window;
    const QString language = QSettings().value(QStringLiteral("language")).toString();
    if (!language.isEmpty()) window.setLanguage(language);
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty())
        files.first().endsWith(QLatin1String(".atomlens")) ? window.openProject(files.first())
                                                           : window.openFile(files.first());
    else
        window.recoverAutosave();
    return app.exec();
}
