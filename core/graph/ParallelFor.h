#pragma once
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace atomlens {

/// Runs f(begin, end) over [0, n) split into contiguous chunks on up to hardware_concurrency threads
/// (the calling thread takes one chunk). Small n runs inline. f must be safe to call concurrently on
/// disjoint ranges; exceptions from workers are not propagated, so f must not throw.
template <class F> void parallelFor(std::size_t n, F f, std::size_t minChunk = 2048) {
    const std::size_t hw = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t chunks = std::min(hw, std::max<std::size_t>(1, n / std::max<std::size_t>(1, minChunk)));
    if (chunks <= 1) {
        f(std::size_t(0), n);
        return;
    }
    std::vector<std::thread> workers;
    const std::size_t step = (n + chunks - 1) / chunks;
    for (std::size_t c = 1; c < chunks; ++c) {
        const std::size_t b = c * step, e = std::min(n, b + step);
        if (b < e) workers.emplace_back([=] { f(b, e); });
    }
    f(std::size_t(0), std::min(n, step));
    for (auto& w : workers) w.join();
}

} // namespace atomlens
