#include "core/job/ThreadPool.h"

#include <algorithm>
#include <cstdlib>

namespace atomlens {

ThreadPool::ThreadPool(int threads) {
    const int workers = std::clamp(threads, 1, 256) - 1;
    m_workers.reserve(std::size_t(workers));
    for (int i = 0; i < workers; ++i) m_workers.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& t : m_workers) t.join();
}

void ThreadPool::submit(std::function<void()> task) {
    if (m_workers.empty()) {
        task();
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void ThreadPool::workerLoop() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty()) return; // stopping, and every queued task ran
            task = std::move(m_queue.front());
            m_queue.pop_front();
        }
        task();
    }
}

int ThreadPool::defaultSize() {
    if (const char* env = std::getenv("ATOMLENS_THREADS")) {
        const int n = std::atoi(env);
        if (n > 0) return std::min(n, 256);
    }
    return std::max(1, int(std::thread::hardware_concurrency()));
}

} // namespace atomlens
