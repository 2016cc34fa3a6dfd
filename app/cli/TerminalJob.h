#pragma once
#include "core/job/JobContext.h"

#include <chrono>
#include <mutex>

namespace atomlens::cli {

/// A JobContext that draws a progress bar on stderr (only when stderr is a terminal, else a line
/// every few seconds), cancels on SIGINT so partial work is left consistent, and hands core the
/// program's one thread pool (programPool(), sized by --threads).
class TerminalJob : public JobContext {
public:
    TerminalJob();
    ~TerminalJob() override;
    bool isCanceled() const override;
    void setProgress(std::int64_t done, std::int64_t total, const std::string& message) override;
    void log(LogLevel level, const std::string& message) override;

private:
    bool m_tty = false;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_last;
    bool m_drawn = false;
};

} // namespace atomlens::cli
