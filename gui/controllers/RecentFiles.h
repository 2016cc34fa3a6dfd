#pragma once
#include <QObject>
#include <QString>
#include <QStringList>

namespace atomlens::gui {

/// File > Open Recent: the last ten opened files and projects (absolute paths, newest first), kept
/// in the application settings.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    /// Puts `path` first (once); "" is ignored.
    void add(const QString& path);
    QStringList paths() const;

Q_SIGNALS:
    void changed();
};

} // namespace atomlens::gui
