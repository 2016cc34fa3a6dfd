#pragma once
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace atomlens {

/// Wall time, process CPU time (all threads) and the calling thread's CPU time of consecutive named
/// stages, for the log. A stage whose process CPU is near the calling thread's ran on that thread alone;
/// on an idle machine its wall time is about max(calling thread, process / threads). Marks are cheap.
class StageTimer {
public:
    StageTimer() : m_wall(Clock::now()), m_cpu(std::clock()), m_thread(threadCpu()) {}
    /// Ends the current stage under `name` and starts the next.
    void mark(const char* name) {
        const auto wall = Clock::now();
        const std::clock_t cpu = std::clock();
        const double thread = threadCpu();
        m_stages.push_back({name, std::chrono::duration<double>(wall - m_wall).count(),
                            double(cpu - m_cpu) / CLOCKS_PER_SEC, thread - m_thread});
        m_wall = wall, m_cpu = cpu, m_thread = thread;
    }
    /// "name wall/cpu/thread s, ..." for every stage so far.
    std::string summary() const {
        std::string out;
        for (const auto& s : m_stages) {
            char part[112];
            std::snprintf(part, sizeof part, "%s%s %.3f/%.3f/%.3f s", out.empty() ? "" : ", ", s.name, s.wall,
                          s.cpu, s.thread);
            out += part;
        }
        return out;
    }

private:
    using Clock = std::chrono::steady_clock;
    struct Stage {
        const char* name;
        double wall, cpu, thread;
    };
    static double threadCpu() {
#ifdef CLOCK_THREAD_CPUTIME_ID
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
#else
        return 0;
#endif
    }
    Clock::time_point m_wall;
    std::clock_t m_cpu;
    double m_thread;
    std::vector<Stage> m_stages;
};

} // namespace atomlens
