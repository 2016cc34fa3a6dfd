#pragma once
#include <atomic>
#include <cstdint>
#include <string>

namespace atomlens {

class ThreadPool;

/// How long-running core code talks to whoever runs it (GUI worker, CLI, test): progress, cancellation
/// and log messages. Qt-free; implementations must be callable from worker threads.
class JobContext {
public:
    enum class LogLevel { Info, Warning, Error };
    virtual ~JobContext() = default;
    /// True once the user asked to stop; loops check it every few thousand items.
    virtual bool isCanceled() const { return false; }
    /// Reports progress: `done` of `total` units, with a short message of what is happening.
    virtual void setProgress(std::int64_t done, std::int64_t total, const std::string& message) {
        (void)done, (void)total, (void)message;
    }
    /// A message for the user (warnings such as "no lattice found" must reach the GUI's log and status bar).
    virtual void log(LogLevel level, const std::string& message) { (void)level, (void)message; }
    /// Throws CanceledError when canceled.
    void throwIfCanceled() const;
    /// The program's thread pool that parallel loops of this job share (parallelFor); nullptr runs
    /// them on the calling thread. Contexts that wrap another one return their parent's pool.
    virtual ThreadPool* threadPool() const { return m_pool; }
    /// Sets the pool this context hands to parallel loops (not owned; must outlive the job).
    void setThreadPool(ThreadPool* pool) { m_pool = pool; }

private:
    ThreadPool* m_pool = nullptr;
};

/// A part of a larger job (one image of a batch, an internal probe): forwards cancellation, the thread
/// pool and log lines to the parent, and drops progress (the parent reports its own). `forwardInfo`
/// false keeps only warnings and errors (for helper passes whose info lines would only be noise).
class SubJob : public JobContext {
public:
    explicit SubJob(JobContext& parent, bool forwardInfo = true)
        : m_parent(parent), m_forwardInfo(forwardInfo) {}
    bool isCanceled() const override { return m_parent.isCanceled(); }
    void log(LogLevel level, const std::string& message) override {
        if (m_forwardInfo || level != LogLevel::Info) m_parent.log(level, message);
    }
    ThreadPool* threadPool() const override { return m_parent.threadPool(); }

private:
    JobContext& m_parent;
    bool m_forwardInfo;
};

/// A context with a thread-safe cancel flag and the last progress kept (tests, simple callers).
class BasicJobContext : public JobContext {
public:
    bool isCanceled() const override { return m_canceled.load(); }
    void cancel() { m_canceled.store(true); }
    void setProgress(std::int64_t done, std::int64_t total, const std::string& message) override;
    std::int64_t lastDone() const { return m_done.load(); }
    std::int64_t lastTotal() const { return m_total.load(); }
    int progressCalls() const { return m_calls.load(); }

private:
    std::atomic<bool> m_canceled{false};
    std::atomic<std::int64_t> m_done{0}, m_total{0};
    std::atomic<int> m_calls{0};
};

/// A context that cancels itself once progress reaches `limit` (tests and benchmarks of cancellation
/// and resume: a stand-in for a user pressing Cancel, or a kill, halfway).
class CancelAfterProgress : public BasicJobContext {
public:
    explicit CancelAfterProgress(std::int64_t limit) : m_limit(limit) {}
    void setProgress(std::int64_t done, std::int64_t total, const std::string& message) override {
        BasicJobContext::setProgress(done, total, message);
        if (done >= m_limit) cancel();
    }

private:
    std::int64_t m_limit;
};

/// A do-nothing context for callers that need no progress: no cancellation, no log, no thread pool
/// (its parallel loops run on the calling thread).
JobContext& nullJobContext();

} // namespace atomlens
