// Bench suite "batch": a folder of simulated 512x512 MoS2 images through a detect + graph chain with
// BatchRunner (images per second), a resume after a cancel halfway, and a resume with nothing left.
#include "bench/Benchmark.h"
#include "core/analysis/BatchRunner.h"
#include "core/io/CsvTable.h"
#include "core/io/TiffWriter.h"
#include "core/job/ThreadPool.h"
#include "core/simulate/Simulator.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace atomlens {
namespace {

double seconds(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

std::vector<BenchResult> runBatchBench(bool quick) {
    const int count = quick ? 8 : 1000, size = quick ? 256 : 512;
    const int workers = ThreadPool::defaultSize();
    const fs::path root = fs::temp_directory_path() / ("atomlens_batch_bench_" + std::to_string(::getpid()));
    fs::create_directories(root / "images");
    std::vector<BenchResult> out;
    const std::string tag =
        std::to_string(count) + " images " + std::to_string(size) + "x" + std::to_string(size);
    try {
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < count; ++i) {
            SimulationParams p;
            p.width = p.height = size;
            p.seed = std::uint64_t(1000 + i);
            char name[32];
            std::snprintf(name, sizeof name, "img%04d.tif", i);
            writeTiff(simulate(p).micrograph, (root / "images" / name).string());
        }
        std::fprintf(stderr, "batch: %d images written in %.1f s\n", count, seconds(t0));
        const TaskChain chain =
            TaskChain::parse("name: detect+graph\nsteps:\n  - step: detect\n  - step: graph\n", "bench");
        const auto items = collectBatchItems({(root / "images").string()});

        // Full run, every core on items.
        BatchRunner full(chain, items, (root / "full").string());
        full.setWorkers(workers);
        ThreadPool pool(workers); // items and their loops share it
        BasicJobContext job;
        job.setThreadPool(&pool);
        t0 = std::chrono::steady_clock::now();
        const BatchSummary s = full.run(job);
        const double t = seconds(t0);
        std::fprintf(stderr, "batch: %zu done, %zu failed in %.1f s\n", s.done, s.failed, t);
        out.push_back({"batch",
                       "detect + graph, " + tag + ", " + std::to_string(workers) + " items at a time",
                       double(s.done) / t, "images/s",
                       std::to_string(s.failed) + " failed; " + formatNumber(t, 4) + " s"});

        // Cancel halfway, then resume: only the rest is done.
        BatchRunner half(chain, items, (root / "resume").string());
        half.setWorkers(workers);
        CancelAfterProgress stopper(count / 2);
        stopper.setThreadPool(&pool);
        const BatchSummary first = half.run(stopper);
        BasicJobContext job2;
        job2.setThreadPool(&pool);
        t0 = std::chrono::steady_clock::now();
        const BatchSummary second = half.run(job2);
        const double tr = seconds(t0);
        out.push_back(
            {"batch", "resume after cancel at " + std::to_string(first.done) + " of " + std::to_string(count),
             double(second.done), "images redone",
             std::to_string(second.skipped) + " skipped, expected " + std::to_string(count - first.done) +
                 " redone; " + formatNumber(tr, 4) + " s"});

        // Resume with everything done: only markers are checked and the merged table rewritten.
        BasicJobContext job3;
        job3.setThreadPool(&pool);
        t0 = std::chrono::steady_clock::now();
        const BatchSummary third = full.run(job3);
        out.push_back({"batch", "resume of a finished batch (" + std::to_string(third.skipped) + " skipped)",
                       seconds(t0), "s", "markers checked, merged table rewritten"});
    } catch (...) {
        std::error_code ec;
        fs::remove_all(root, ec);
        throw;
    }
    std::error_code ec;
    fs::remove_all(root, ec);
    return out;
}

} // namespace atomlens
