#include "bench/Benchmark.h"
#include "core/simulate/Simulator.h"

namespace atomlens {

std::vector<BenchResult> runSimulateBench(bool quick) {
    std::vector<BenchResult> out;
    SimulationParams p;
    p.seed = 1;
    const double t512 = timeBestOf(quick ? 1 : 5, [&] { simulate(p); });
    out.push_back({"simulate", "simulate 512x512 MoS2 (mos2 preset)", t512, "s", "target well under 1 s"});
    if (!quick) {
        p.width = p.height = 4096;
        std::size_t columns = 0;
        const double t4k = timeBestOf(1, [&] { columns = simulate(p).truth.size(); });
        out.push_back(
            {"simulate", "simulate 4096x4096 MoS2 (" + std::to_string(columns) + " columns)", t4k, "s", ""});
    }
    return out;
}

} // namespace atomlens
