#pragma once
// Runs atomlens-cli (the path is compiled in as ATOMLENS_CLI) for end-to-end tests.
#include "tests/TestSupport.h"

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace atomlens::test {

/// Exit code, standard output and standard error of one atomlens-cli run.
struct RunResult {
    int code = -1;
    std::string out, err;
};

/// Runs atomlens-cli with the arguments (each shell-quoted), capturing stdout and stderr (stderr goes
/// through a file in `dir`); `prefix` runs it under another command, e.g. `timeout -s KILL 2`.
inline RunResult runCli(const std::vector<std::string>& args, const TempDir& dir, const std::string& prefix = "") {
    std::string cmd = (prefix.empty() ? "" : prefix + " ") + "'" ATOMLENS_CLI "'";
    for (const auto& a : args) cmd += " '" + a + "'";
    const std::string errFile = dir.file("stderr.txt");
    cmd += " 2>'" + errFile + "'";
    RunResult r;
    FILE* pipe = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    FILE* e = fopen(errFile.c_str(), "r");
    while (e && (n = fread(buf.data(), 1, buf.size(), e)) > 0) r.err.append(buf.data(), n);
    if (e) fclose(e);
    return r;
}

} // namespace atomlens::test
