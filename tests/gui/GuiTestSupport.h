#pragma once
#include <QDir>
#include <QSignalSpy>
#include <QString>
#include <QWidget>

namespace atomlens::test {

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

} // namespace atomlens::test
