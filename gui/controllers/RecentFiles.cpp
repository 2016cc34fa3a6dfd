#include "gui/controllers/RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace atomlens::gui {

void RecentFiles::add(const QString& path) {
    if (path.isEmpty()) return;
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > 10) recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    Q_EMIT changed();
}

QStringList RecentFiles::paths() const {
    return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

} // namespace atomlens::gui
