#include "app/cli/ProgramThreads.h"

#include "core/job/ThreadPool.h"

#include <memory>
#include <stdexcept>

namespace atomlens::cli {
namespace {
int& chosenThreads() {
    static int n = 0;
    return n;
}
bool& givenOnCommandLine() {
    static bool given = false;
    return given;
}
} // namespace

void takeThreadsOption(std::vector<std::string>& args, int fallback) {
    int n = 0;
    for (std::size_t i = 0; i < args.size();) {
        std::string value;
        if (args[i] == "--threads") {
            if (i + 1 >= args.size()) throw std::invalid_argument("--threads needs a value");
            value = args[i + 1];
            args.erase(args.begin() + long(i), args.begin() + long(i) + 2);
        } else if (args[i].rfind("--threads=", 0) == 0) {
            value = args[i].substr(10);
            args.erase(args.begin() + long(i));
        } else {
            ++i;
            continue;
        }
        std::size_t used = 0;
        long long v = 0;
        try {
            v = std::stoll(value, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != value.size() || v < 1 || v > 256)
            throw std::invalid_argument("--threads must be a whole number between 1 and 256, not '" + value +
                                        "'");
        n = int(v);
        givenOnCommandLine() = true;
    }
    chosenThreads() = n > 0 ? n : fallback > 0 ? fallback : ThreadPool::defaultSize();
}

int programThreads() {
    if (chosenThreads() <= 0) chosenThreads() = ThreadPool::defaultSize();
    return chosenThreads();
}

bool threadsOptionGiven() {
    return givenOnCommandLine();
}

ThreadPool& programPool() {
    static ThreadPool pool(programThreads());
    return pool;
}

} // namespace atomlens::cli
