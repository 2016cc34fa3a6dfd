#include "bench/Benchmark.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <mutex>
#include <thread>

namespace atomlens {

namespace {
// Suites registered at start-up by other objects of this target (`real`).
std::vector<BenchSuite>& registeredSuites() {
    static std::vector<BenchSuite> suites;
    return suites;
}
std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}
} // namespace

void registerBenchSuite(BenchSuite suite) {
    std::lock_guard<std::mutex> lock(registryMutex());
    auto& suites = registeredSuites();
    suites.erase(std::remove_if(suites.begin(), suites.end(),
                                [&](const BenchSuite& s) { return s.name == suite.name; }),
                 suites.end());
    suites.push_back(std::move(suite));
}

// Each suite lives beside the code it measures; this list names them.
std::vector<BenchResult> runSimulateBench(bool quick);
std::vector<BenchResult> runDetectBench(bool quick);
std::vector<BenchResult> runGraphBench(bool quick);
std::vector<BenchResult> runIoBench(bool quick);
std::vector<BenchResult> runSeriesBench(bool quick);
std::vector<BenchResult> runBatchBench(bool quick);
#ifdef ATOMLENS_WITH_NN
std::vector<BenchResult> runFcnBench(bool quick);
std::vector<BenchResult> runEgnnBench(bool quick);
#endif

std::vector<BenchSuite> benchSuites() {
    static const std::vector<BenchSuite> suites = {
        {"simulate", "simulator speed (512x512 and 4096x4096 MoS2)", runSimulateBench},
        {"detect",
         "classical detection: F1/RMS/Cramer-Rao on MoS2 at 3 doses, Poisson vs least-squares refinement "
         "against per-column bounds, real labels, 4096^2 speed",
         runDetectBench},
        {"graph", "lattice graph, ideal sites, strain and descriptors for ~100k atoms", runGraphBench},
        {"io", "micrograph reading speed (4096x4096 float32 DM4)", runIoBench},
        {"series", "time series: drift, tracking, vacancy-line events on simulated 50-frame MoS2 movies",
         runSeriesBench},
        {"batch", "1000 512x512 images through detect + graph with BatchRunner; resume after a cancel",
         runBatchBench},
#ifdef ATOMLENS_WITH_NN
        {"fcn", "FCN atom finder: 4096x4096 time, F1 on simulated MoS2 and real Pt atoms", runFcnBench},
        {"egnn",
         "EGNN sub-models: parameters, invariance, pipeline accuracy, few-shot on a new domain, speed",
         runEgnnBench},
#endif
    };
    // Built-in suites, then the registered ones.
    std::vector<BenchSuite> all = suites;
    std::lock_guard<std::mutex> lock(registryMutex());
    all.insert(all.end(), registeredSuites().begin(), registeredSuites().end());
    return all;
}

std::string benchMachineDescription() {
    std::string cpu = "unknown CPU";
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("model name", 0) == 0) {
            cpu = line.substr(line.find(':') + 2);
            break;
        }
    long memKb = 0;
    std::ifstream mem("/proc/meminfo");
    for (std::string line; std::getline(mem, line);)
        if (line.rfind("MemTotal:", 0) == 0) memKb = std::atol(line.c_str() + 9);
    char date[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
    return cpu + ", " + std::to_string(std::thread::hardware_concurrency()) + " cores, " +
           std::to_string((memKb + 512 * 1024) / (1024 * 1024)) + " GiB, " + date;
}

double timeBestOf(int repeats, const std::function<void()>& f) {
    double best = 1e300;
    for (int i = 0; i < std::max(1, repeats); ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

} // namespace atomlens
