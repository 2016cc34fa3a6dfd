#pragma once
#include <string>
#include <vector>

namespace atomlens {
class ThreadPool;
}

namespace atomlens::cli {

/// Takes "--threads N" (or "--threads=N") out of a command's arguments, for every command: N threads
/// for the program's one pool and LibTorch's intra-op threads. Without it: ATOMLENS_THREADS, else the
/// hardware's thread count, except `fallback` > 0 (training commands pass 2 so their recipes stay
/// reproducible). Throws std::invalid_argument for N outside 1..256. main calls it once, before dispatch.
void takeThreadsOption(std::vector<std::string>& args, int fallback = 0);
/// The thread count chosen by takeThreadsOption.
int programThreads();
/// True when the command line gave --threads (not the environment or the default).
bool threadsOptionGiven();
/// The program's one thread pool (made on first use with programThreads() threads); TerminalJob hands
/// it to core through JobContext::threadPool().
ThreadPool& programPool();

} // namespace atomlens::cli
