#include "core/job/ParallelFor.h"

#include "core/data/Errors.h"
#include "core/job/ThreadPool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>

namespace atomlens {
namespace {

/// One loop's shared state. Helpers queued on the pool hold it by shared_ptr: a helper that starts
/// after the loop ended finds no chunk left and returns without touching the body or the job.
struct Loop {
    std::size_t count = 0, grain = 1, chunks = 0;
    const std::function<void(std::size_t, std::size_t)>* body = nullptr;
    JobContext* job = nullptr;
    std::atomic<std::size_t> nextChunk{0}, finishedChunks{0}, doneItems{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex mutex;
    std::condition_variable allFinished;

    /// Claims and runs chunks until none is left. Every claimed chunk is counted as finished (run or,
    /// after a failure or cancel, skipped), so the caller's wait ends once the running ones return.
    void work(const std::string* progressMessage) {
        for (;;) {
            const std::size_t c = nextChunk.fetch_add(1);
            if (c >= chunks) return;
            const std::size_t begin = c * grain, end = std::min(count, begin + grain);
            bool run = !stop.load(std::memory_order_relaxed);
            if (run && job->isCanceled()) stop.store(true), run = false;
            if (run) {
                try {
                    (*body)(begin, end);
                    const std::size_t done = doneItems.fetch_add(end - begin) + (end - begin);
                    if (progressMessage && !progressMessage->empty())
                        job->setProgress(std::int64_t(done), std::int64_t(count), *progressMessage);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(mutex);
                    if (!failure) failure = std::current_exception();
                    stop.store(true);
                }
            }
            if (finishedChunks.fetch_add(1) + 1 == chunks) {
                std::lock_guard<std::mutex> lock(mutex);
                allFinished.notify_all();
            }
        }
    }
};

} // namespace

void parallelFor(std::size_t count, std::size_t grain,
                 const std::function<void(std::size_t, std::size_t)>& body, JobContext& job,
                 const std::string& progressMessage, int maxThreads) {
    if (count == 0) return;
    auto loop = std::make_shared<Loop>();
    loop->count = count;
    loop->grain = std::max<std::size_t>(1, grain);
    loop->chunks = (count + loop->grain - 1) / loop->grain;
    loop->body = &body;
    loop->job = &job;
    ThreadPool* pool = job.threadPool();
    std::size_t threads = pool ? std::size_t(pool->size()) : 1;
    if (maxThreads > 0) threads = std::min(threads, std::size_t(maxThreads));
    threads = std::min(threads, loop->chunks);
    for (std::size_t t = 1; t < threads; ++t) pool->submit([loop] { loop->work(nullptr); });
    loop->work(&progressMessage);
    {
        std::unique_lock<std::mutex> lock(loop->mutex);
        loop->allFinished.wait(lock, [&] { return loop->finishedChunks.load() == loop->chunks; });
    }
    if (loop->failure) std::rethrow_exception(loop->failure);
    if (job.isCanceled()) throw CanceledError();
    if (!progressMessage.empty()) job.setProgress(std::int64_t(count), std::int64_t(count), progressMessage);
}

} // namespace atomlens
