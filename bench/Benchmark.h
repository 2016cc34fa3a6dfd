#pragma once
#include <functional>
#include <string>
#include <vector>

namespace atomlens {

/// One measured number of a benchmark suite.
struct BenchResult {
    std::string suite;
    std::string name; ///< what was measured ("open 4096x4096 float32 DM4")
    double value = 0;
    std::string unit; ///< "s", "ms", "images/s", "F1", ...
    std::string note; ///< target or comparison ("target < 0.5 s")
};

/// A benchmark suite: runs, prints progress to stderr, returns its measurements. `quick` asks for a
/// smaller run (used by tests to check the suite works, never for the numbers in BENCHMARKS.md).
struct BenchSuite {
    std::string name;
    std::string description;
    std::function<std::vector<BenchResult>(bool quick)> run;
};

/// All suites (`atomlens-cli bench` runs them all, `bench NAME` one).
/// A copy, so registrations from other threads cannot invalidate what a caller iterates.
std::vector<BenchSuite> benchSuites();

/// Adds (or replaces, by name) a suite at start-up (bench/RealBench.cpp registers "real"). Call before
/// benchSuites() is iterated. Thread-safe (a mutex guards the list).
void registerBenchSuite(BenchSuite suite);

/// Machine description for the results file: CPU model, cores, memory, date.
std::string benchMachineDescription();

/// Seconds of wall time of f (best of `repeats`).
double timeBestOf(int repeats, const std::function<void()>& f);

} // namespace atomlens
