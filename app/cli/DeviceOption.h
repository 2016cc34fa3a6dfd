#pragma once
#include "app/cli/CliArgs.h"

#include <string>

namespace atomlens::cli {

/// The `--device auto|cpu|cuda` option every network command takes (add "device" to its valued options).
/// Sets the process-wide device before any model is loaded and prints "COMMAND: networks on DEVICE" on
/// stderr. --device cuda on a CPU-only LibTorch (or without a visible GPU, or in a build without LibTorch)
/// throws std::runtime_error saying why. Returns the device's description.
std::string applyDeviceOption(const CliArgs& args, const char* command);

/// The device text for logs without changing anything (e.g. "cpu (2 threads, LibTorch 1.13.0)").
std::string currentDeviceDescription();

/// True when the networks run on a CUDA device (after applyDeviceOption).
bool networksOnGpu();

/// `--batch-inference auto|on|off` of `batch`: sub-model passes of items processed at the same time
/// (--workers) shared in one forward pass (auto: on a GPU only). Throws std::invalid_argument on a bad
/// value.
void applyBatchInferenceOption(const CliArgs& args);
/// "batched inference: G graphs in P passes (at most L per pass)", or "" when nothing was batched.
std::string batchInferenceReport();

} // namespace atomlens::cli
