#include "core/job/JobContext.h"

#include "core/data/Errors.h"

namespace atomlens {

void JobContext::throwIfCanceled() const {
    if (isCanceled()) throw CanceledError();
}

void BasicJobContext::setProgress(std::int64_t done, std::int64_t total, const std::string& message) {
    (void)message;
    m_done.store(done);
    m_total.store(total);
    ++m_calls;
}

JobContext& nullJobContext() {
    // Shared by every thread: it never holds a pool, even if someone calls setThreadPool on it.
    struct NullJob : JobContext {
        ThreadPool* threadPool() const override { return nullptr; }
    };
    static NullJob context;
    return context;
}

} // namespace atomlens
