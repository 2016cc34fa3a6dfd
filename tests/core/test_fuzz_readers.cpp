// Randomised-mutation fuzzing of every native reader: flip, insert, delete and overwrite bytes,
// truncate, and forge huge 32/64-bit sizes, then read through readMicrograph. A mutant must either
// read as a valid Micrograph or throw InputError: no crash, no hang, no other exception, and no
// single allocation larger than the file justifies (checked by counting operator new).
#include "tests/TestSupport.h"
#include "tests/core/ReaderTestSupport.h"

#include "core/data/Errors.h"
#include "core/io/DmReader.h"
#include "core/io/DmWriter.h"
#include "core/io/MicrographReader.h"
#include "core/io/MrcReader.h"
#include "core/io/SerReader.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <new>
#include <random>

using namespace atomlens;
using namespace atomlens::test;

namespace {
std::atomic<std::size_t> g_largestAllocation{0};
std::atomic<bool> g_tracking{false};
} // namespace

void* operator new(std::size_t size) {
    if (g_tracking.load(std::memory_order_relaxed)) {
        std::size_t prev = g_largestAllocation.load(std::memory_order_relaxed);
        while (size > prev && !g_largestAllocation.compare_exchange_weak(prev, size)) {
        }
    }
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}

namespace {

std::vector<std::uint8_t> mutate(std::vector<std::uint8_t> b, std::mt19937_64& rng) {
    auto pick = [&](std::size_t n) { return n ? std::size_t(rng() % n) : 0; };
    const int edits = 1 + int(rng() % 4);
    for (int e = 0; e < edits && !b.empty(); ++e) {
        switch (rng() % 7) {
        case 0:
            b[pick(b.size())] ^= std::uint8_t(1u << (rng() % 8));
            break;
        case 1:
            b[pick(b.size())] = std::uint8_t(rng());
            break;
        case 2:
            b.insert(b.begin() + std::ptrdiff_t(pick(b.size())), std::uint8_t(rng()));
            break;
        case 3:
            b.erase(b.begin() + std::ptrdiff_t(pick(b.size())));
            break;
        case 4:
            b.resize(pick(b.size()) + 1);
            break;
        case 5: { // forge a huge size: 0xFF.. or 0x7F.. over 4 or 8 bytes
            const std::size_t at = pick(b.size()), len = rng() % 2 ? 4 : 8;
            for (std::size_t i = 0; i < len && at + i < b.size(); ++i)
                b[at + i] = i == 0 && rng() % 2 ? 0x7F : 0xFF;
            break;
        }
        default: { // duplicate a block (repeated / recursive structures)
            const std::size_t at = pick(b.size()), len = std::min<std::size_t>(1 + rng() % 64, b.size() - at);
            std::vector<std::uint8_t> block(b.begin() + std::ptrdiff_t(at),
                                            b.begin() + std::ptrdiff_t(at + len));
            b.insert(b.begin() + std::ptrdiff_t(pick(b.size())), block.begin(), block.end());
        }
        }
    }
    return b;
}

/// Reads a mutant from memory with the format's own parser, or "" to go through a file.
Micrograph readInMemory(const std::string& name, std::vector<std::uint8_t> bytes) {
    ByteSource src(std::move(bytes), name);
    const std::string ext = name.substr(name.rfind('.'));
    if (ext == ".dm3" || ext == ".dm4") return readDm(src);
    if (ext == ".mrc") return readMrc(src);
    return readSer(src, {}, "");
}

/// Runs `count` mutants of `seed` (named NAME) through the reader (in memory for our own parsers,
/// every 10th and every EMD through a file and readMicrograph); returns how many read.
int fuzz(const std::vector<std::uint8_t>& seed, const std::string& name, int count, std::uint64_t rngSeed) {
    TempDir dir;
    std::mt19937_64 rng(rngSeed);
    const std::string path = dir.file(name);
    const bool viaFile = name.find(".emd") != std::string::npos;
    int readOk = 0;
    for (int i = 0; i < count; ++i) {
        const auto bytes = mutate(seed, rng);
        const bool useFile = viaFile || i % 10 == 0;
        if (useFile) writeFileBytes(path, bytes);
        g_largestAllocation = 0;
        g_tracking = true;
        try {
            const Micrograph m = useFile ? readMicrograph(path) : readInMemory(name, bytes);
            g_tracking = false;
            m.validate();
            ++readOk;
        } catch (const InputError&) {
            g_tracking = false;
        } catch (const std::exception& e) {
            g_tracking = false;
            FAIL(name << " mutant " << i << " threw a non-InputError: " << e.what());
        }
        const std::size_t limit = 16 * bytes.size() + (4u << 20);
        if (g_largestAllocation > limit)
            FAIL(name << " mutant " << i << " allocated " << g_largestAllocation << " bytes for a "
                      << bytes.size() << "-byte file");
    }
    return readOk;
}

std::vector<std::uint8_t> dmSeed(int version) {
    DmImageSpec spec;
    spec.dataType = 1;
    spec.dimensions = {6, 4, 2};
    std::vector<std::int16_t> px(48);
    for (std::size_t i = 0; i < px.size(); ++i) px[i] = std::int16_t(i * 7);
    spec.pixels = rawBytes(px);
    spec.axes = {{1, 0.1, "nm"}, {1, 0.1, "nm"}, {0, 1, "s"}};
    return encodeDm(dmImageDocument(spec), version);
}

std::vector<std::uint8_t> mrcSeed() {
    std::vector<std::uint8_t> b(1024 + 1024 + 8 * 8 * 2, 0);
    auto put = [&](std::size_t at, std::int32_t v) { std::memcpy(b.data() + at, &v, 4); };
    put(0, 8), put(4, 8), put(8, 1), put(12, 6), put(28, 8), put(32, 8), put(36, 1), put(92, 1024);
    const float cell = 80.0f;
    std::memcpy(b.data() + 40, &cell, 4);
    std::memcpy(b.data() + 44, &cell, 4);
    std::memcpy(b.data() + 104, "FEI2", 4);
    std::memcpy(b.data() + 208, "MAP ", 4);
    b[212] = 0x44, b[213] = 0x44;
    put(1024, 888);
    return b;
}

} // namespace

TEST_CASE("Fuzzed DM3 and DM4 files never crash, hang or over-allocate", "[io][fuzz]") {
    CHECK(fuzz(dmSeed(3), "seed.dm3", 1500, 1) > 0);
    CHECK(fuzz(dmSeed(4), "seed.dm4", 1500, 2) > 0);
}

TEST_CASE("Fuzzed MRC files never crash, hang or over-allocate", "[io][fuzz]") {
    CHECK(fuzz(mrcSeed(), "seed.mrc", 1500, 3) > 0);
}

TEST_CASE("Fuzzed real DM, SER and EMD files never crash, hang or over-allocate", "[io][fuzz][shared]") {
    for (const auto& [name, count] :
         std::vector<std::pair<std::string, int>>{{"2D_test-3.dm3", 500},
                                                  {"3D_test-1.dm4", 500},
                                                  {"64x64x5_TEM_preview_1.ser", 800},
                                                  {"example_image.emd", 400},
                                                  {"Si100_3D.emd", 150}}) {
        const std::string path = sharedData("formats/" + name);
        if (path.empty()) return;
        INFO(name);
        fuzz(fileBytes(path), name, count, std::hash<std::string>{}(name));
    }
}
