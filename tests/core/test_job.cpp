// The thread pool and parallelFor against known answers: every item once, exceptions and cancellation
// reach the caller, nested loops share the pool (never more threads running bodies than the pool has,
// no deadlock), and a context without a pool runs on the calling thread.
#include "tests/TestSupport.h"

#include "core/data/Errors.h"
#include "core/job/ParallelFor.h"
#include "core/job/ThreadPool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

using namespace atomlens;

namespace {
/// A context with its own pool (what the CLI and GUI hand to core).
struct PooledJob : BasicJobContext {
    explicit PooledJob(int threads) : pool(threads) { setThreadPool(&pool); }
    ThreadPool pool;
};

/// Counts bodies running at the same time and the threads they ran on.
struct Concurrency {
    std::atomic<int> now{0}, peak{0};
    std::mutex mutex;
    std::set<std::thread::id> threads;
    void enter() {
        const int n = ++now;
        int p = peak.load();
        while (n > p && !peak.compare_exchange_weak(p, n)) {
        }
        std::lock_guard<std::mutex> lock(mutex);
        threads.insert(std::this_thread::get_id());
    }
    void leave() { --now; }
};
} // namespace

TEST_CASE("parallelFor covers every item once on pools of 1, 2 and 4 threads and without one", "[job]") {
    for (int threads : {0, 1, 2, 4}) {
        PooledJob job(std::max(threads, 1));
        if (threads == 0) job.setThreadPool(nullptr);
        std::vector<int> hits(10007, 0);
        parallelFor(
            hits.size(), 100,
            [&](std::size_t b, std::size_t e) {
                for (std::size_t i = b; i < e; ++i) ++hits[i];
            },
            job, "counting");
        CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
        CHECK(job.lastDone() == 10007);
        CHECK(job.lastTotal() == 10007);
    }
}

TEST_CASE("parallelFor rethrows the body's exception on the caller and the pool stays usable", "[job]") {
    PooledJob job(4);
    std::atomic<int> after{0};
    CHECK_THROWS_WITH(parallelFor(
                          100, 1,
                          [](std::size_t b, std::size_t) {
                              if (b == 37) throw std::runtime_error("item 37");
                          },
                          job),
                      "item 37");
    parallelFor(
        100, 1, [&](std::size_t, std::size_t) { ++after; }, job);
    CHECK(after == 100);
}

TEST_CASE("cancelling the job stops a parallel loop and throws CanceledError", "[job]") {
    PooledJob job(4);
    std::atomic<int> done{0};
    CHECK_THROWS_AS(parallelFor(
                        1000, 1,
                        [&](std::size_t, std::size_t) {
                            std::this_thread::sleep_for(std::chrono::microseconds(200));
                            if (++done == 10) job.cancel();
                        },
                        job),
                    CanceledError);
    // Chunks that had started when the flag was set finish; no new one starts (at most one per thread).
    CHECK(done >= 10);
    CHECK(done <= 10 + job.pool.size());
}

TEST_CASE("nested parallel loops share the pool: no deadlock, never more threads than the pool", "[job]") {
    for (int threads : {1, 2, 4}) {
        PooledJob job(threads);
        Concurrency c;
        std::atomic<long> sum{0};
        // Outer loop of 16 items, each running an inner loop of 64 items that sleeps a little, so every
        // worker is busy in an inner loop while other outer items are still queued.
        parallelFor(
            16, 1,
            [&](std::size_t ob, std::size_t) {
                parallelFor(
                    64, 4,
                    [&](std::size_t b, std::size_t e) {
                        c.enter();
                        std::this_thread::sleep_for(std::chrono::microseconds(300));
                        for (std::size_t i = b; i < e; ++i) sum += long(ob * 64 + i);
                        c.leave();
                    },
                    job);
            },
            job);
        INFO(threads << " threads: peak " << c.peak << " bodies at once on " << c.threads.size()
                     << " threads");
        CHECK(sum == 16L * 64 * (16 * 64 - 1) / 2);
        CHECK(c.peak <= threads);
        CHECK(int(c.threads.size()) <= threads);
        if (threads > 1) CHECK(c.peak >= 2); // the pool was used at all
    }
}

TEST_CASE("maxThreads caps a loop's threads and a pool-less context runs on the caller", "[job]") {
    PooledJob job(4);
    Concurrency c;
    parallelFor(
        40, 1,
        [&](std::size_t, std::size_t) {
            c.enter();
            std::this_thread::sleep_for(std::chrono::microseconds(500));
            c.leave();
        },
        job, {}, 2);
    CHECK(c.peak <= 2);
    Concurrency alone;
    parallelFor(
        40, 1,
        [&](std::size_t, std::size_t) {
            alone.enter();
            alone.leave();
        },
        nullJobContext());
    CHECK(alone.threads == std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST_CASE("sub-jobs forward cancellation, the pool and warnings, and drop progress", "[job]") {
    struct Recorder : BasicJobContext {
        std::vector<std::pair<LogLevel, std::string>> lines;
        void log(LogLevel level, const std::string& message) override { lines.push_back({level, message}); }
    } parent;
    ThreadPool pool(2);
    parent.setThreadPool(&pool);
    SubJob quiet(parent, false), loud(parent);
    CHECK(quiet.threadPool() == &pool);
    quiet.log(JobContext::LogLevel::Info, "dropped");
    quiet.log(JobContext::LogLevel::Warning, "no lattice found");
    loud.log(JobContext::LogLevel::Info, "kept");
    loud.setProgress(1, 2, "not shown");
    REQUIRE(parent.lines.size() == 2);
    CHECK(parent.lines[0].second == "no lattice found");
    CHECK(parent.lines[1].second == "kept");
    CHECK(parent.progressCalls() == 0);
    CHECK_FALSE(quiet.isCanceled());
    parent.cancel();
    CHECK(quiet.isCanceled());
    // nullJobContext never carries a pool, whatever is done to it.
    nullJobContext().setThreadPool(&pool);
    CHECK(nullJobContext().threadPool() == nullptr);
}
