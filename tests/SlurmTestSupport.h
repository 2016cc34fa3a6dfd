#pragma once
// Test helpers for the Slurm batch without a cluster (core and GUI tests): text files, shell scripts,
// and a fake sbatch that logs its arguments and prints job ids 101, 102, ... (--parsable style).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace atomlens::test {

inline std::string readText(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void writeText(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

/// An executable /bin/sh script at `p` with `body`; returns its path.
inline std::string writeScript(const std::filesystem::path& p, const std::string& body) {
    writeText(p, "#!/bin/sh\n" + body);
    std::filesystem::permissions(p, std::filesystem::perms::owner_all);
    return p.string();
}

/// A fake sbatch in `dir`: appends its arguments to DIR/sbatch.log and prints job ids 101, 102, ...
inline std::string fakeSbatch(const std::filesystem::path& dir) {
    return writeScript(dir / "sbatch", "n=$(cat \"$0.count\" 2>/dev/null || echo 100); n=$((n+1)); echo $n > "
                                       "\"$0.count\"; echo \"$@\" >> \"$0.log\"; echo $n\n");
}

} // namespace atomlens::test
