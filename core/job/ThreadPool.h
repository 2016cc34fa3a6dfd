#pragma once
#include "core/job/JobContext.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace atomlens {

/// A fixed set of worker threads that parallel loops (parallelFor) share. One pool per program: the
/// CLI makes it from --threads, the GUI from its setting, tests and benchmarks make their own; it
/// reaches the code through JobContext::threadPool(). A loop running on a pool worker that starts
/// another loop shares the same workers (the nested loop's caller works on it inline), so nesting
/// never adds threads: at most size() threads run loop bodies for one outside caller.
class ThreadPool {
public:
    /// `threads` counts the caller of a loop too: a pool of n has n - 1 worker threads (n < 1 means 1).
    explicit ThreadPool(int threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    /// Threads that run a loop at the same time, the caller included.
    int size() const { return int(m_workers.size()) + 1; }
    /// Queues a task for a worker thread. Tasks must not throw (parallelFor catches for them) and must
    /// not wait for other queued tasks. With no worker threads the task runs at once on the caller.
    void submit(std::function<void()> task);

    /// The default size: the ATOMLENS_THREADS environment variable when set (1..256), else the number
    /// of hardware threads. Read once by whoever makes the program's pool, never behind its back.
    static int defaultSize();

private:
    void workerLoop();

    std::vector<std::thread> m_workers;
    std::deque<std::function<void()>> m_queue;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

/// A BasicJobContext with a pool of its own (tests, benchmarks and simple programs that are their own
/// top level; the CLI and GUI hand their one pool to their contexts instead).
class PooledJobContext : public BasicJobContext {
public:
    explicit PooledJobContext(int threads = ThreadPool::defaultSize()) : m_pool(threads) {
        setThreadPool(&m_pool);
    }

private:
    ThreadPool m_pool;
};

} // namespace atomlens
