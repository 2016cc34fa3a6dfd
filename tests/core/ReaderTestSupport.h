#pragma once
#include "core/data/Micrograph.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace atomlens::test {

/// Raw little-endian bytes of a vector of numbers (pixels for the DM writer).
template <class T> std::vector<std::uint8_t> rawBytes(const std::vector<T>& values) {
    std::vector<std::uint8_t> out(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(out.data(), values.data(), out.size());
    return out;
}

inline std::vector<std::uint8_t> fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline void writeFileBytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

/// Sum, min and max over all frames of a micrograph.
struct StackStats {
    double sum = 0, min = 1e300, max = -1e300;
};
inline StackStats stackStats(const Micrograph& m) {
    StackStats s;
    for (const auto& f : m.frames) {
        const auto st = imageStats(f);
        s.sum += st.sum;
        s.min = std::min(s.min, st.min);
        s.max = std::max(s.max, st.max);
    }
    return s;
}

} // namespace atomlens::test
