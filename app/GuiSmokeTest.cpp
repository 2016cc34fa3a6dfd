#include "app/GuiSmokeTest.h"

#include "core/data/DataPaths.h"
#include "gui/MainWindow.h"
#include "gui/controllers/FileController.h"
#include "gui/controllers/LanguageController.h"
#include "gui/document/Document.h"
#include "gui/panels/AnalysisPanel.h"
#ifdef ATOMLENS_WITH_NN
#include "core/nn/ComputeDevice.h"
#include "core/nn/ModelCard.h"
#endif

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>
#include <exception>

int runGuiSmokeTest(atomlens::gui::MainWindow& window, QString file) {
    int failures = 0;
    auto check = [&](bool ok, const std::string& what) {
        std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
        std::fflush(stdout);
        failures += ok ? 0 : 1;
    };
    if (file.isEmpty()) file = QString::fromStdString(atomlens::findDataFile("samples", "mos2-sample.tif"));
    check(!file.isEmpty(), "bundled sample found (share/atomlens/samples/mos2-sample.tif)");
    if (!file.isEmpty()) {
        window.setQuiet(true);
        QEventLoop loop;
        QString error;
        QObject::connect(&window, &atomlens::gui::MainWindow::fileOpened, &loop, [&] { loop.quit(); });
        QObject::connect(&window, &atomlens::gui::MainWindow::errorOccurred, &loop,
                         [&](const QString& message) { error = message, loop.quit(); });
        QTimer::singleShot(120000, &loop,
                           [&] { error = QStringLiteral("timed out after 120 s"), loop.quit(); });
        window.files()->openFile(file);
        loop.exec();
        const bool opened = error.isEmpty() && window.document()->hasImage();
        check(opened, "opened " + file.toStdString() +
                          (opened ? " (" + std::to_string(window.document()->micrograph()->width()) + "x" +
                                        std::to_string(window.document()->micrograph()->height()) + ")"
                                  : ": " + error.toStdString()));
    }
    const QStringList chains = atomlens::gui::bundledChains();
    check(!chains.isEmpty(), "task chains found: " + std::to_string(chains.size()) +
                                 (chains.isEmpty() ? "" : " in " + QFileInfo(chains.first()).absolutePath().toStdString()));
#ifdef ATOMLENS_WITH_NN
    try {
        const auto card = atomlens::loadModel("mos2-species");
        check(true, "shipped model mos2-species found: " + card.cardPath);
    } catch (const std::exception& e) {
        check(false, std::string("shipped model mos2-species: ") + e.what());
    }
    check(true, "networks on " + atomlens::activeDeviceDescription());
#endif
    check(window.languages()->setLanguage(QStringLiteral("de")), "German translation loads");
    window.languages()->setLanguage(QStringLiteral("en")); // the caller restores the user's stored language
    return failures ? 1 : 0;
}
