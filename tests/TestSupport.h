#pragma once
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace atomlens::test {

/// The source tree (models/, resources/), taken at run time, never compiled in: $ATOMLENS_SOURCE_TREE, else
/// the working directory when it is the source tree (ctest runs every test there), else the test fails.
inline std::string sourceDir() {
    if (const char* env = std::getenv("ATOMLENS_SOURCE_TREE"); env && *env) return env;
    std::error_code ec;
    const std::filesystem::path here = std::filesystem::current_path(ec);
    if (std::filesystem::is_directory(here / "resources" / "chains", ec)) return here.string();
    FAIL("run the tests from the source tree (ctest does) or set ATOMLENS_SOURCE_TREE");
    return {};
}

/// ../shared/data beside the source tree, or $ATOMLENS_SHARED_DATA.
inline std::filesystem::path sharedDataDir() {
    if (const char* env = std::getenv("ATOMLENS_SHARED_DATA"); env && *env) return env;
    return std::filesystem::path(sourceDir()).parent_path() / "shared" / "data";
}

/// Path of a file under ../shared/data, or "" when it is absent, so the calling test can return early.
/// It then prints "ATOMLENS-SKIP: ..." on stdout, which ctest's SKIP_REGULAR_EXPRESSION (set on every
/// test in tests/CMakeLists.txt) turns into a visible SKIP: a test without its data never counts as passed.
inline std::string sharedData(const std::string& relative) {
    const std::filesystem::path p = sharedDataDir() / relative;
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
