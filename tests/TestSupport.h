#pragma once
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace atomlens::test {

/// Path of a file under ../shared/data, or "" when it is absent, so the calling test can return early.
/// It then prints "ATOMLENS-SKIP: ..." on stdout, which ctest's SKIP_REGULAR_EXPRESSION (set on every
/// test in tests/CMakeLists.txt) turns into a visible SKIP: a test without its data never counts as passed.
inline std::string sharedData(const std::string& relative) {
    const std::filesystem::path p = std::filesystem::path(ATOMLENS_SHARED_DATA) / relative;
    if (!std::filesystem::exists(p)) {
        std::printf("ATOMLENS-SKIP: %s is absent (../shared/data not available)\n", p.string().c_str());
        std::fflush(stdout);
        WARN("skipped: " << p.string() << " is absent (../shared/data not available)");
        return {};
    }
    return p.string();
}

/// A fresh temporary folder for one test, removed at the end of the scope.
class TempDir {
public:
    TempDir() {
        const auto base = std::filesystem::temp_directory_path();
        for (int i = 0;; ++i) {
            m_path = base / ("atomlens_test_" + std::to_string(::getpid()) + "_" + std::to_string(i) + "_" +
                             std::to_string(std::rand()));
            if (std::filesystem::create_directory(m_path)) break;
        }
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace atomlens::test
