#pragma once
#include <QDateTime>
#include <QList>
#include <QString>
#include <QWidget>

class QPlainTextEdit;

namespace atomlens::gui {

/// One line of the job log: what the engine said (JobContext::log) while a job ran.
struct LogEntry {
    enum Level { Info = 0, Warning = 1, Error = 2 };
    int level = Info;
    QString job; ///< the job's title ("Detect atoms", "Update graph", ...)
    QString text;
    QDateTime time;
};

/// The Log dock: the engine's messages for the open file (warnings such as "no lattice found" or
/// masked non-finite pixels in orange, errors in red), newest last.
class LogPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogPanel(QWidget* parent = nullptr);
    /// Shows these entries (after a rebuild of the docks).
    void setEntries(const QList<LogEntry>& entries);
    void add(const LogEntry& entry);
    void clear();
    /// The lines as shown (for tests and copying).
    QString text() const;

private:
    QPlainTextEdit* m_text;
};

} // namespace atomlens::gui
