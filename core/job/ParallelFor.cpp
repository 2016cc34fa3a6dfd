#include "core/job/ParallelFor.h"

#include "core/data/Errors.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace atomlens {
namespace {
std::atomic<int> g_threadOverride{0};
} // namespace

int parallelThreads() {
    if (const int n = g_threadOverride.load(); n > 0) return n;
    if (const char* env = std::getenv("ATOMLENS_THREADS")) {
        const int n = std::atoi(env);
        if (n > 0) return std::min(n, 256);
    }
    return std::max(1, int(std::thread::hardware_concurrency()));
}

void setParallelThreads(int threads) {
    g_threadOverride.store(std::max(0, threads));
}

void parallelFor(std::size_t count, std::size_t grain,
                 const std::function<void(std::size_t, std::size_t)>& body, JobContext& job,
                 const std::string& progressMessage) {
    if (count == 0) return;
    grain = std::max<std::size_t>(1, grain);
    const std::size_t chunks = (count + grain - 1) / grain;
    const int threads = int(std::min<std::size_t>(std::size_t(parallelThreads()), chunks));
    std::atomic<std::size_t> nextChunk{0}, doneItems{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;

    auto work = [&](bool reportProgress) {
        for (;;) {
            if (stop.load(std::memory_order_relaxed)) return;
            if (job.isCanceled()) {
                stop.store(true);
                return;
            }
            const std::size_t c = nextChunk.fetch_add(1);
            if (c >= chunks) return;
            const std::size_t begin = c * grain, end = std::min(count, begin + grain);
            try {
                body(begin, end);
            } catch (...) {
                std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure) failure = std::current_exception();
                stop.store(true);
                return;
            }
            const std::size_t done = doneItems.fetch_add(end - begin) + (end - begin);
            if (reportProgress && !progressMessage.empty())
                job.setProgress(std::int64_t(done), std::int64_t(count), progressMessage);
        }
    };

    std::vector<std::thread> pool;
    pool.reserve(std::size_t(threads > 1 ? threads - 1 : 0));
    try {
        for (int t = 1; t < threads; ++t) pool.emplace_back(work, false);
    } catch (...) {
        stop.store(true); // could not start a thread: finish with those we have
        for (auto& th : pool) th.join();
        throw;
    }
    work(true);
    for (auto& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);
    if (job.isCanceled()) throw CanceledError();
    if (!progressMessage.empty()) job.setProgress(std::int64_t(count), std::int64_t(count), progressMessage);
}

} // namespace atomlens
