#include "gui/controllers/JobMessages.h"

#include "gui/document/Document.h"
#include "gui/jobs/JobRunner.h"

namespace atomlens::gui {

JobMessages::JobMessages(Document* document, JobRunner* userJobs, QObject* parent)
    : QObject(parent), m_doc(document), m_jobs(userJobs) {
    // Every runner's lines (analysis, background graph, series tracking, batch dialog) reach the log.
    connect(&JobLog::instance(), &JobLog::logged, this, &JobMessages::add);
    connect(m_doc, &Document::micrographChanged, this, [this] {
        if (!m_doc->hasImage()) return;
        // A new file: the previous file's log does not apply to it.
        m_log.clear();
        Q_EMIT cleared();
        add(tr("Open"), LogEntry::Info, m_doc->filePath());
    });
    connect(m_jobs, &JobRunner::started, this, [this] { m_jobWarning.clear(); });
    connect(m_jobs, &JobRunner::finished, this, [this](bool ok, const QString& message) {
        Q_EMIT status(message, 8000);
        if (!ok) add(m_jobs->title(), message.endsWith(tr("cancelled")) ? 0 : 2, message);
        if (!ok && !message.endsWith(tr("cancelled"))) Q_EMIT jobFailed(message);
        if (ok && !m_jobWarning.isEmpty())
            Q_EMIT status(tr("%1 - %2 atoms. Warning: %3 (Log tab)")
                              .arg(message)
                              .arg(m_doc->atoms().size())
                              .arg(m_jobWarning),
                          30000);
        else if (ok && m_doc->atoms().size() > 0)
            Q_EMIT status(tr("%1 - %2 atoms. Next: review (Review tab, keys N/A/R), label (L), or "
                             "File > Export Figure.")
                              .arg(message)
                              .arg(m_doc->atoms().size()),
                          15000);
    });
}

void JobMessages::add(const QString& job, int level, const QString& text) {
    LogEntry e{level, job, text, QDateTime::currentDateTime()};
    m_log << e;
    Q_EMIT added(e);
    if (level == LogEntry::Warning) {
        if (m_jobs->isBusy()) m_jobWarning = text;
        Q_EMIT status(tr("Warning (%1): %2 - see the Log tab").arg(job, text), 30000);
    }
}

} // namespace atomlens::gui
