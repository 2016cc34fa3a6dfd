#pragma once
#include "core/job/JobContext.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace atomlens {
class ThreadPool;
}

namespace atomlens::gui {

/// Where every JobRunner's log lines end up, whichever runner (analysis, background graph, series,
/// batch dialog) ran the job: the Log dock and the status bar listen to this one object, so no
/// runner's warnings ("no lattice found") are lost because nobody connected to it. GUI thread only.
class JobLog : public QObject {
    Q_OBJECT
public:
    /// The application's log (lives as long as the program).
    static JobLog& instance();

Q_SIGNALS:
    /// A line of the engine (JobContext::log: 0 info, 1 warning, 2 error) from the job titled `job`.
    void logged(const QString& job, int level, const QString& message);
};

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
    /// The GUI's one thread pool, shared by the jobs of every runner (the running job's own thread
    /// plus the pool's workers run its parallel loops). Sized once, from ATOMLENS_THREADS or the
    /// hardware; LibTorch's intra-op threads are set from the same number (gui_main).
    static ThreadPool& sharedPool();
    /// Runs this runner's jobs on `pool` instead of the shared one (tests); nullptr runs them serially.
    void setThreadPool(ThreadPool* pool);

Q_SIGNALS:
    void started(const QString& title);
    /// Throttled progress from the worker, delivered on the GUI thread.
    void progress(qint64 done, qint64 total, const QString& message);
    /// A log line of the engine (JobContext::log: 0 info, 1 warning, 2 error), on the GUI thread; the
    /// same line also goes to JobLog::instance() with this runner's title.
    void logged(int level, const QString& message);
    /// After the apply function ran (ok) or the job failed or was cancelled (message says which).
    void finished(bool ok, const QString& message);

private:
    struct Context;
    std::shared_ptr<Context> m_context;
    QFuture<void> m_future;
    bool m_busy = false;
    QString m_title;
    ThreadPool* m_pool;
};

} // namespace atomlens::gui
