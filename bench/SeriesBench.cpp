// Bench suite "series": the time-series pipeline on simulated MoS2 movies (frames per second, drift
// error, identities kept, vacancy-line events recovered against the simulator's truth).
#include "bench/Benchmark.h"
#include "core/analysis/SeriesAnalysis.h"
#include "core/job/ThreadPool.h"
#include "core/simulate/Simulator.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

namespace atomlens {

std::vector<BenchResult> runSeriesBench(bool quick) {
    std::vector<BenchResult> out;
    const std::vector<int> sizes = quick ? std::vector<int>{128} : std::vector<int>{256, 512};
    const int frames = quick ? 5 : 50;
    for (int size : sizes) {
        SimulationParams p;
        p.width = p.height = size;
        p.frames = frames;
        p.seed = 11;
        const SimulationResult sim = simulate(p);
        PooledJobContext job; // every core, as the CLI's pool
        const auto t0 = std::chrono::steady_clock::now();
        const SeriesAnalysis a = analyseSeries(sim.micrograph, {}, job);
        const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const std::string tag =
            std::to_string(frames) + " frames " + std::to_string(size) + "x" + std::to_string(size);
        out.push_back({"series", "analyseSeries " + tag, double(frames) / t, "frames/s",
                       std::to_string(a.sites.siteCount()) + " sites, " + std::to_string(a.events.size()) +
                           " line events"});
        // Drift error against the truth (mean shift of persistent ids relative to frame 0).
        std::map<int, std::pair<double, double>> first;
        std::vector<double> sx(std::size_t(frames), 0), sy(std::size_t(frames), 0);
        std::vector<int> n(std::size_t(frames), 0);
        for (const auto& c : sim.truth)
            if (c.frame == 0) first[c.id] = {c.x, c.y};
        for (const auto& c : sim.truth)
            if (const auto it = first.find(c.id); it != first.end())
                sx[std::size_t(c.frame)] += c.x - it->second.first,
                    sy[std::size_t(c.frame)] += c.y - it->second.second, ++n[std::size_t(c.frame)];
        double worst = 0;
        for (int f = 0; f < frames; ++f)
            worst = std::max(worst,
                             std::hypot(a.drift[std::size_t(f)].dx - sx[std::size_t(f)] / n[std::size_t(f)],
                                        a.drift[std::size_t(f)].dy - sy[std::size_t(f)] / n[std::size_t(f)]));
        out.push_back({"series", "worst accumulated drift error, " + tag, worst, "px",
                       "phase correlation + atom refinement"});
    }
    return out;
}

} // namespace atomlens
