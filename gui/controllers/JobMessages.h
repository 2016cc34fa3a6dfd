#pragma once
#include "gui/panels/LogPanel.h"

#include <QList>
#include <QObject>
#include <QString>

namespace atomlens::gui {

class Document;
class JobRunner;

/// The engine's messages for the open file: every runner's log lines (JobLog) kept for the Log dock,
/// warnings on the status bar, and what a finished user job did (or why it failed) with the next step.
/// A new file starts a new log.
class JobMessages : public QObject {
    Q_OBJECT
public:
    /// `userJobs`: the runner of user-started jobs (its warnings are repeated when it ends).
    JobMessages(Document* document, JobRunner* userJobs, QObject* parent = nullptr);
    const QList<LogEntry>& entries() const { return m_log; }
    /// Adds a line; warnings also go to the status bar.
    void add(const QString& job, int level, const QString& text);

Q_SIGNALS:
    void added(const LogEntry& entry);
    void cleared();
    void status(const QString& text, int timeoutMs);
    /// A user job failed (not cancelled).
    void jobFailed(const QString& message);

private:
    Document* m_doc;
    JobRunner* m_jobs;
    QList<LogEntry> m_log;
    QString m_jobWarning; ///< the last warning of the running user job (repeated when it ends)
};

} // namespace atomlens::gui
