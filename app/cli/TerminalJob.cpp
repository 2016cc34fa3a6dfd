#include "app/cli/TerminalJob.h"

#include "app/cli/ProgramThreads.h"

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace atomlens::cli {
namespace {
volatile std::sig_atomic_t g_interrupted = 0;
void onSigint(int) {
    g_interrupted = 1;
}
} // namespace

TerminalJob::TerminalJob() : m_tty(::isatty(2) != 0), m_last(std::chrono::steady_clock::now()) {
    std::signal(SIGINT, onSigint);
    setThreadPool(&programPool()); // the program's one pool (--threads)
}

TerminalJob::~TerminalJob() {
    if (m_drawn) std::fputs("\n", stderr);
}

bool TerminalJob::isCanceled() const {
    return g_interrupted != 0;
}

void TerminalJob::setProgress(std::int64_t done, std::int64_t total, const std::string& message) {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto now = std::chrono::steady_clock::now();
    const bool finished = total > 0 && done >= total;
    const auto interval = m_tty ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
    if (!finished && now - m_last < interval) return;
    m_last = now;
    const double f = total > 0 ? double(done) / double(total) : 0.0;
    if (m_tty) {
        const int width = 30, filled = int(f * width + 0.5);
        std::fprintf(stderr, "\r[%.*s%*s] %3d%% %-50.50s", filled, "##############################",
                     width - filled, "", int(f * 100 + 0.5), message.c_str());
        m_drawn = true;
    } else if (total > 0) {
        std::fprintf(stderr, "%3d%% %s\n", int(f * 100 + 0.5), message.c_str());
    }
    std::fflush(stderr);
}

void TerminalJob::log(LogLevel level, const std::string& message) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_drawn) std::fputs("\n", stderr), m_drawn = false;
    std::fprintf(stderr, "%s%s\n",
                 level == LogLevel::Warning ? "warning: "
                 : level == LogLevel::Error ? "error: "
                                            : "",
                 message.c_str());
}

} // namespace atomlens::cli
