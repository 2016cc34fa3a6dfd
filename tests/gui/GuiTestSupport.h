#pragma once
#include "core/simulate/Simulator.h"
#include "tests/TestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QString>
#include <QWidget>

#include <functional>
#include <memory>

namespace atomlens::test {

/// A file of the source tree (resources/, models/), found at run time (TestSupport.h sourceDir()).
inline QString sourceFile(const char* relative) {
    return QString::fromStdString(sourceDir() + "/" + relative);
}

/// Saves a screenshot of a widget under the build's screenshots/ folder (looked at by people, linked
/// from the README) and returns its path.
inline QString saveScreenshot(QWidget* widget, const QString& name) {
    QDir().mkpath(QStringLiteral(ATOMLENS_SCREENSHOT_DIR));
    const QString path =
        QStringLiteral(ATOMLENS_SCREENSHOT_DIR) + QLatin1Char('/') + name + QStringLiteral(".png");
    widget->grab().save(path);
    return path;
}

/// Waits for a signal (processing events) up to timeoutMs; true when it came.
inline bool waitFor(QSignalSpy& spy, int timeoutMs = 20000) {
    return spy.count() > 0 || spy.wait(timeoutMs);
}

/// Processes events until `done` is true or timeoutMs passed; returns done().
inline bool waitUntil(const std::function<bool()>& done, int timeoutMs = 30000) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

/// A small simulated micrograph (deterministic) for tests that need pixels but no real file.
inline std::shared_ptr<const Micrograph> simulatedMicrograph(const std::string& preset = "perovskite",
                                                             int size = 192, std::uint64_t seed = 3) {
    SimulationParams p;
    p.preset = preset;
    p.width = p.height = size;
    p.seed = seed;
    p.rotationDeg = 0;
    return std::make_shared<const Micrograph>(simulate(p).micrograph);
}

} // namespace atomlens::test
