#include "core/base/Random.h"

#include <cmath>

namespace atomlens {
namespace {
std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}
constexpr double kPi = 3.14159265358979323846;
} // namespace

Random::Random(std::uint64_t seed) {
    for (auto& s : m_s) s = splitmix(seed);
}

std::uint64_t Random::next() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0], m_s[3] ^= m_s[1], m_s[1] ^= m_s[2], m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double Random::uniform() {
    return double(next() >> 11) * 0x1.0p-53;
}

std::uint64_t Random::below(std::uint64_t n) {
    return n == 0 ? 0 : next() % n;
}

double Random::normal() {
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    double u = 0;
    while (u <= 0) u = uniform();
    const double v = uniform();
    const double r = std::sqrt(-2.0 * std::log(u));
    m_spare = r * std::sin(2 * kPi * v);
    m_hasSpare = true;
    return r * std::cos(2 * kPi * v);
}

std::int64_t Random::poisson(double lambda) {
    if (!(lambda > 0)) return 0;
    if (lambda < 10) {
        const double limit = std::exp(-lambda);
        double prod = uniform();
        std::int64_t k = 0;
        while (prod > limit) prod *= uniform(), ++k;
        return k;
    }
    // PTRS: Hoermann, "The transformed rejection method for generating Poisson random variables" (1993).
    const double slam = std::sqrt(lambda), loglam = std::log(lambda);
    const double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
    const double invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
        const double u = uniform() - 0.5, v = uniform();
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2 * a / us + b) * u + lambda + 0.43);
        if (us >= 0.07 && v <= vr) return std::int64_t(k);
        if (k < 0 || (us < 0.013 && v > us)) continue;
        if (std::log(v) + std::log(invAlpha) - std::log(a / (us * us) + b) <=
            -lambda + k * loglam - std::lgamma(k + 1))
            return std::int64_t(k);
    }
}

Random Random::split(std::uint64_t stream) {
    return Random(next() ^ (stream * 0xD1B54A32D192ED03ull));
}

} // namespace atomlens
