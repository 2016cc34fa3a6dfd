#pragma once
#include "core/job/JobContext.h"

#include <cstddef>
#include <functional>
#include <string>

namespace atomlens {

/// Runs body(begin, end) over [0, count) in chunks of `grain` items on the job's thread pool
/// (JobContext::threadPool(); without one, on the calling thread only). The calling thread works too,
/// and at most `maxThreads` threads (0: the pool's size) run bodies at once. A body may itself call
/// parallelFor with the same job: the nested loop shares the pool's workers and never adds threads or
/// waits for a queued task, so nesting cannot deadlock. Chunk boundaries depend only on count and grain,
/// never on the number of threads. Between chunks it checks job.isCanceled(); once canceled no new chunk
/// starts and, after every running chunk finished, CanceledError is thrown. The first exception thrown
/// by a body is rethrown on the calling thread. When `progressMessage` is not empty the calling thread
/// reports job.setProgress(done, count, message) as chunks complete. Bodies must only write to data
/// owned by their own items.
void parallelFor(std::size_t count, std::size_t grain,
                 const std::function<void(std::size_t, std::size_t)>& body, JobContext& job,
                 const std::string& progressMessage = {}, int maxThreads = 0);

} // namespace atomlens
