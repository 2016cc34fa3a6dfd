#include "core/data/DataPaths.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace atomlens {

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

void add(std::vector<std::string>& out, const fs::path& p) {
    if (p.empty()) return;
    const std::string s = p.lexically_normal().string();
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
}

} // namespace

std::string executableDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.parent_path().string();
}

std::vector<std::string> dataSearchCandidates(const std::string& sub) {
    std::vector<std::string> out;
    if (sub == "models" && !env("ATOMLENS_MODELS").empty()) add(out, env("ATOMLENS_MODELS"));
    if (const std::string d = env("ATOMLENS_DATA_DIR"); !d.empty()) add(out, fs::path(d) / sub);
    if (const std::string exe = executableDir(); !exe.empty()) {
        fs::path up = exe;
        for (int level = 0; level < 3; ++level) {
            up = up.parent_path();
            add(out, up / "share" / "atomlens" / sub);
            if (up == up.root_path()) break;
        }
    }
    std::string home = env("XDG_DATA_HOME");
    if (home.empty() && !env("HOME").empty()) home = env("HOME") + "/.local/share";
    if (!home.empty()) add(out, fs::path(home) / "atomlens" / sub);
    std::string dirs = env("XDG_DATA_DIRS");
    if (dirs.empty()) dirs = "/usr/local/share:/usr/share";
    for (std::size_t start = 0; start <= dirs.size();) {
        const std::size_t colon = std::min(dirs.find(':', start), dirs.size());
        if (colon > start) add(out, fs::path(dirs.substr(start, colon - start)) / "atomlens" / sub);
        start = colon + 1;
    }
    return out;
}

std::vector<std::string> dataSearchPaths(const std::string& sub) {
    std::vector<std::string> out;
    for (const auto& dir : dataSearchCandidates(sub)) {
        std::error_code ec;
        if (fs::is_directory(dir, ec)) out.push_back(dir);
    }
    return out;
}

std::string findDataFile(const std::string& sub, const std::string& name) {
    for (const auto& dir : dataSearchPaths(sub)) {
        const fs::path p = fs::path(dir) / name;
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p.string();
    }
    return {};
}

} // namespace atomlens
