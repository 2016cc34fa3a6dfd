#pragma once
#include "core/job/JobContext.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace atomlens::gui {

/// Runs long work in three phases: the caller snapshots its inputs on the GUI thread, `Work` computes
/// on a worker (QtConcurrent) with a JobContext for progress and cancellation, and the function it
/// returns is applied back on the GUI thread (where undo may be recorded). One job at a time.
class JobRunner : public QObject {
    Q_OBJECT
public:
    using Apply = std::function<void()>;
    using Work = std::function<Apply(JobContext& job)>;

    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;
    /// Starts a job; false (nothing started) while another one runs.
    bool start(const QString& title, Work work);
    bool isBusy() const { return m_busy; }
    QString title() const { return m_title; }
    /// Asks the running job to stop (it throws CanceledError at its next check).
    void cancel();
    /// Blocks (processing events) until the running job has finished; for shutdown and tests.
    void waitForIdle();

Q_SIGNALS:
    void started(const QString& title);
    /// Throttled progress from the worker, delivered on the GUI thread.
    void progress(qint64 done, qint64 total, const QString& message);
    /// A log line of the engine (JobContext::log: 0 info, 1 warning, 2 error), on the GUI thread.
    void logged(int level, const QString& message);
    /// After the apply function ran (ok) or the job failed or was cancelled (message says which).
    void finished(bool ok, const QString& message);

private:
    struct Context;
    std::shared_ptr<Context> m_context;
    QFuture<void> m_future;
    bool m_busy = false;
    QString m_title;
};

} // namespace atomlens::gui
