#include "bench/Benchmark.h"
#include "core/data/Image.h"
#include "core/io/DmWriter.h"
#include "core/io/MicrographReader.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace atomlens {

/// The "io" suite: time to open a float32 DM4 image (4096x4096, or 512x512 when quick), written
/// with the minimal DM4 writer to a temporary file first.
std::vector<BenchResult> runIoBench(bool quick) {
    const int n = quick ? 512 : 4096;
    DmImageSpec spec;
    spec.dataType = 2;
    spec.dimensions = {n, n};
    spec.pixels.resize(std::size_t(n) * n * 4);
    for (std::size_t i = 0; i < std::size_t(n) * n; ++i) {
        const float v = float(i % 65521);
        std::memcpy(spec.pixels.data() + 4 * i, &v, 4);
    }
    spec.axes = {{0, 0.01, "nm"}, {0, 0.01, "nm"}};
    const auto dir = std::filesystem::temp_directory_path();
    const std::string path = (dir / ("atomlens_io_bench_" + std::to_string(::getpid()) + ".dm4")).string();
    writeDm(path, spec, 4);
    spec.pixels.clear();
    spec.pixels.shrink_to_fit();
    std::fprintf(stderr, "io: opening a %dx%d float32 DM4 (%.0f MiB)\n", n, n, double(n) * n * 4 / (1 << 20));
    double checksum = 0;
    const double seconds = timeBestOf(quick ? 1 : 3, [&] {
        const Micrograph m = readMicrograph(path);
        checksum = m.frame(0).at(n - 1, n - 1);
    });
    std::filesystem::remove(path);
    if (checksum != float((std::size_t(n) * n - 1) % 65521))
        throw std::runtime_error("io bench: wrong pixel value read back");
    const std::string what = "open " + std::to_string(n) + "x" + std::to_string(n) + " float32 DM4";
    return {{"io", what, seconds, "s", quick ? "quick run" : "target < 0.5 s"}};
}

} // namespace atomlens
