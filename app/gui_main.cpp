// atomlens: the desktop application. Argument parsing only; the window is atomlens::gui::MainWindow.
#include "app/GuiSmokeTest.h"
#include "gui/MainWindow.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/settings/DeviceSetting.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <cstdio>

#include "core/job/ThreadPool.h"
#include "gui/jobs/JobRunner.h"
#ifdef ATOMLENS_WITH_NN
#include "core/nn/ComputeDevice.h"
#include "core/nn/NnExtensions.h"
#endif

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AtomLens"));
    QApplication::setOrganizationName(QStringLiteral("AtomLens"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
#ifdef ATOMLENS_WITH_NN
    atomlens::registerNnExtensions(); // the "fcn" detector and the "classify" step
    // LibTorch's threads, once, from the same number as the GUI's one pool.
    atomlens::setTorchThreads(atomlens::gui::JobRunner::sharedPool().size());
#endif
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("AtomLens: atoms, lattices and structures from (S)TEM micrographs"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Micrograph or .atomlens project to open"),
                                 QStringLiteral("[file]"));
    const QCommandLineOption smokeTest(
        QStringLiteral("smoke-test"),
        QStringLiteral("Open the file (default: the bundled sample), check that chains, models and "
                       "translations are found, print the checks and quit (exit 0 = all fine)"));
    parser.addOption(smokeTest);
    parser.process(app);
    const QString deviceProblem = atomlens::gui::applySavedDeviceSetting(); // Settings > Network Device
    if (!deviceProblem.isEmpty()) std::fprintf(stderr, "atomlens: %s\n", qPrintable(deviceProblem));
    atomlens::gui::MainWindow window;
    const QString language = QSettings().value(QStringLiteral("language")).toString();
    if (!language.isEmpty()) window.languages()->setLanguage(language);
    if (parser.isSet(smokeTest)) {
        window.show();
        const QStringList files = parser.positionalArguments();
        const int code = runGuiSmokeTest(window, files.isEmpty() ? QString() : files.first());
        if (!language.isEmpty()) QSettings().setValue(QStringLiteral("language"), language);
        return code;
    }
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty())
        window.files()->open(files.first()); // a micrograph or a project
    else
        window.projects()->recoverAutosave();
    return app.exec();
}
