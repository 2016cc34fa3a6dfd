#pragma once
#include "core/job/JobContext.h"

#include <cstddef>
#include <functional>
#include <string>

namespace atomlens {

/// Number of worker threads parallelFor uses: setParallelThreads(n) when n > 0 was called, else the
/// ATOMLENS_THREADS environment variable when set, else std::thread::hardware_concurrency().
int parallelThreads();
/// Overrides the thread count for the whole process (0 restores the default). Benchmarks use it to
/// measure "on N cores"; tests use it to check results do not depend on the thread count.
void setParallelThreads(int threads);

/// Runs body(begin, end) over [0, count) in chunks of `grain` items on up to parallelThreads()
/// threads (the calling thread works too). Between chunks it checks job.isCanceled(); once canceled
/// no new chunk starts and, after every worker stopped, CanceledError is thrown. The first exception
/// thrown by a body is rethrown on the calling thread. When `progressMessage` is not empty the calling
/// thread reports job.setProgress(done, count, message) as chunks complete. Bodies must only write
/// to data owned by their own items.
void parallelFor(std::size_t count, std::size_t grain,
                 const std::function<void(std::size_t, std::size_t)>& body, JobContext& job,
                 const std::string& progressMessage = {});

} // namespace atomlens
