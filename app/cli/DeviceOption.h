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

} // namespace atomlens::cli
