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
    static JobContext context;
    return context;
}

} // namespace atomlens
