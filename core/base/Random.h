#pragma once
#include <cstdint>

namespace atomlens {

/// A small deterministic random generator (xoshiro256**, seeded through splitmix64) with our own
/// normal and Poisson samplers, so a seed gives the same image with any standard library.
class Random {
public:
    explicit Random(std::uint64_t seed);
    std::uint64_t next();
    /// Uniform in [0, 1).
    double uniform();
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [0, n); n must be > 0.
    std::uint64_t below(std::uint64_t n);
    /// Standard normal (Box-Muller, cached pair).
    double normal();
    double normal(double mean, double sd) { return mean + sd * normal(); }
    /// Poisson with the given mean (Knuth below 10, Hoermann's PTRS above); 0 for mean <= 0.
    std::int64_t poisson(double mean);
    /// An independent generator for a sub-stream (frames, augmentations).
    Random split(std::uint64_t stream);

private:
    std::uint64_t m_s[4];
    bool m_hasSpare = false;
    double m_spare = 0;
};

} // namespace atomlens
