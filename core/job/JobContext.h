#pragma once
#include <atomic>
#include <cstdint>
#include <string>

namespace atomlens {

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
    virtual void log(LogLevel level, const std::string& message) { (void)level, (void)message; }
    /// Throws CanceledError when canceled.
    void throwIfCanceled() const;
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

/// A do-nothing context for callers that need no progress.
JobContext& nullJobContext();

} // namespace atomlens
