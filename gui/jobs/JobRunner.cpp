#include "gui/jobs/JobRunner.h"

#include "core/data/Errors.h"
#include "core/job/ThreadPool.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent>

#include <mutex>

namespace atomlens::gui {

/// The worker's JobContext: an atomic cancel flag and progress posted to the GUI thread at most
/// every 50 ms.
struct JobRunner::Context : JobContext {
    QPointer<JobRunner> runner;
    std::atomic<bool> canceled{false};
    std::mutex mutex;
    QElapsedTimer sincePost;

    bool isCanceled() const override { return canceled.load(); }
    void setProgress(std::int64_t done, std::int64_t total, const std::string& message) override {
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (sincePost.isValid() && sincePost.elapsed() < 50 && done < total) return;
            sincePost.restart();
        }
        QPointer<JobRunner> r = runner;
        const QString text = QString::fromStdString(message);
        QMetaObject::invokeMethod(
            r.data(),
            [r, done, total, text] {
                if (r) Q_EMIT r->progress(done, total, text);
            },
            Qt::QueuedConnection);
    }
    void log(LogLevel level, const std::string& message) override {
        QPointer<JobRunner> r = runner;
        const QString text = QString::fromStdString(message), job = title;
        // Posted to the application's log even when the runner is gone by the time it is delivered.
        QMetaObject::invokeMethod(
            &JobLog::instance(),
            [r, level, text, job] {
                if (r) Q_EMIT r->logged(int(level), text);
                Q_EMIT JobLog::instance().logged(job, int(level), text);
            },
            Qt::QueuedConnection);
    }
    QString title;
};

JobLog& JobLog::instance() {
    // Never deleted: queued lines may arrive until the very end. It lives on the GUI thread even when a
    // worker's log line is the first to ask for it.
    static JobLog* log = [] {
        auto* l = new JobLog;
        if (QCoreApplication::instance()) l->moveToThread(QCoreApplication::instance()->thread());
        return l;
    }();
    return *log;
}

ThreadPool& JobRunner::sharedPool() {
    static ThreadPool pool(ThreadPool::defaultSize());
    return pool;
}

JobRunner::JobRunner(QObject* parent) : QObject(parent), m_pool(&sharedPool()) {
    JobLog::instance(); // made on the GUI thread
}

void JobRunner::setThreadPool(ThreadPool* pool) {
    m_pool = pool;
}

JobRunner::~JobRunner() {
    // The worker may still run: stop it and wait without processing events (this object is going).
    if (m_context) m_context->canceled = true;
    m_future.waitForFinished();
}

bool JobRunner::start(const QString& title, Work work) {
    if (m_busy) return false;
    m_busy = true;
    m_title = title;
    m_context = std::make_shared<Context>();
    m_context->runner = this;
    m_context->title = title;
    m_context->setThreadPool(m_pool);
    struct Outcome {
        Apply apply;
        QString error;
        bool canceled = false;
    };
    auto context = m_context;
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Outcome outcome = watcher->result();
        m_busy = false;
        m_context.reset();
        if (outcome.canceled) {
            Q_EMIT finished(false, tr("%1: cancelled").arg(m_title));
            return;
        }
        if (!outcome.error.isEmpty()) {
            Q_EMIT finished(false, outcome.error);
            return;
        }
        QString error;
        try {
            if (outcome.apply) outcome.apply();
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        Q_EMIT finished(error.isEmpty(), error.isEmpty() ? tr("%1: done").arg(m_title) : error);
    });
    Q_EMIT started(title);
    // Exceptions must not cross QtConcurrent: the worker turns them into text.
    auto future = QtConcurrent::run([work = std::move(work), context]() -> Outcome {
        try {
            return {work(*context), {}, false};
        } catch (const CanceledError&) {
            return {{}, {}, true};
        } catch (const std::exception& e) {
            if (context->canceled) return {{}, {}, true};
            return {{}, QString::fromStdString(e.what()), false};
        }
    });
    m_future = QFuture<void>(future);
    watcher->setFuture(future);
    return true;
}

void JobRunner::cancel() {
    if (m_context) m_context->canceled = true;
}

void JobRunner::waitForIdle() {
    while (m_busy) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

} // namespace atomlens::gui
