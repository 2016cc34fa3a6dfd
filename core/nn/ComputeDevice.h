#pragma once
// Torch-free: the CLI and the GUI choose where the networks run without including LibTorch.
#include <string>

namespace atomlens {

/// Where the networks (FCN detector, EGNN sub-models, fine-tuning, training) run.
/// Auto: a CUDA GPU when this LibTorch has CUDA and one is visible, else the CPU.
enum class DeviceChoice { Auto, Cpu, Cuda };

/// "auto", "cpu" or "cuda" (also "gpu") -> choice; throws std::invalid_argument for anything else.
DeviceChoice parseDeviceChoice(const std::string& text);
const char* deviceChoiceName(DeviceChoice choice);

/// Sets the device for every network loaded or created afterwards (models keep the device they were
/// made on). Cuda when it cannot be used throws std::runtime_error saying why (a CPU-only LibTorch, or
/// no GPU visible) and what to do; the choice is then unchanged.
void setDeviceChoice(DeviceChoice choice);
DeviceChoice deviceChoice();

/// True when this build's LibTorch was compiled with CUDA (a GPU may still be missing).
bool torchHasCuda();
/// LibTorch's intra-op threads for the whole program, set once at start-up from the same setting as the
/// program's thread pool (atomlens-cli --threads, the GUI's pool); the only place that sets it.
void setTorchThreads(int threads);
/// True when a CUDA GPU can be used now.
bool cudaAvailable();
/// "cuda" or "cpu": what the current choice resolves to.
std::string activeDeviceName();
/// For logs and benches: e.g. "cuda:0 (1 GPU, LibTorch 2.11.0)" or "cpu (2 threads, LibTorch 1.13.1)".
std::string activeDeviceDescription();

} // namespace atomlens
