#include "core/base/AtomicFile.h"

#include "core/data/Errors.h"

#include <atomic>
#include <filesystem>
#include <unistd.h>

namespace atomlens {
namespace fs = std::filesystem;

void writeFileAtomically(const std::string& path, const std::function<void(const std::string&)>& write) {
    static std::atomic<int> counter{0};
    const fs::path target(path);
    const fs::path tmp =
        target.parent_path() / ("." + target.filename().string() + ".tmp" + std::to_string(::getpid()) + "_" +
                                std::to_string(counter++));
    try {
        write(tmp.string());
        std::error_code ec;
        fs::rename(tmp, target, ec);
        if (ec) throw InputError(path, "cannot replace the file (" + ec.message() + ")");
    } catch (...) {
        std::error_code ignore;
        fs::remove(tmp, ignore);
        throw;
    }
}

} // namespace atomlens
