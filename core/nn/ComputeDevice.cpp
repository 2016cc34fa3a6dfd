#include "core/nn/ComputeDevice.h"

#include "core/nn/EgnnNetwork.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <atomic>
#include <stdexcept>

namespace atomlens {

namespace {

std::atomic<DeviceChoice>& choiceStore() {
    static std::atomic<DeviceChoice> choice{DeviceChoice::Auto};
    return choice;
}

std::string torchVersion() {
    return "LibTorch " + std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) +
           "." + std::to_string(TORCH_VERSION_PATCH);
}

} // namespace

DeviceChoice parseDeviceChoice(const std::string& text) {
    if (text == "auto") return DeviceChoice::Auto;
    if (text == "cpu") return DeviceChoice::Cpu;
    if (text == "cuda" || text == "gpu") return DeviceChoice::Cuda;
    throw std::invalid_argument("unknown --device '" + text + "' (use auto, cpu or cuda)");
}

const char* deviceChoiceName(DeviceChoice choice) {
    switch (choice) {
    case DeviceChoice::Auto:
        return "auto";
    case DeviceChoice::Cpu:
        return "cpu";
    case DeviceChoice::Cuda:
        return "cuda";
    }
    return "auto";
}

void setTorchThreads(int threads) {
    if (threads > 0 && torch::get_num_threads() != threads) torch::set_num_threads(threads);
}

bool torchHasCuda() {
#ifdef ATOMLENS_TORCH_HAS_CUDA // set by core/nn/CMakeLists.txt from the LibTorch CMake package
    return true;
#else
    return cudaAvailable();
#endif
}

bool cudaAvailable() {
    return torch::cuda::is_available();
}

void setDeviceChoice(DeviceChoice choice) {
    if (choice == DeviceChoice::Cuda && !cudaAvailable()) {
        if (!torchHasCuda())
            throw std::runtime_error(
                "device cuda: this AtomLens was built against a CPU-only " + torchVersion() +
                "; rebuild it with a CUDA LibTorch (README, section \"GPU build\") or use "
                "--device cpu");
        throw std::runtime_error("device cuda: " + torchVersion() +
                                 " has CUDA, but no GPU is visible (check nvidia-smi and "
                                 "CUDA_VISIBLE_DEVICES) - use --device cpu");
    }
    choiceStore().store(choice);
}

DeviceChoice deviceChoice() {
    return choiceStore().load();
}

torch::Device preferredDevice() {
    switch (deviceChoice()) {
    case DeviceChoice::Cpu:
        return torch::Device(torch::kCPU);
    case DeviceChoice::Cuda:
        return torch::Device(torch::kCUDA);
    case DeviceChoice::Auto:
        break;
    }
    return cudaAvailable() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

std::string activeDeviceName() {
    return preferredDevice().is_cuda() ? "cuda" : "cpu";
}

std::string activeDeviceDescription() {
    if (preferredDevice().is_cuda()) {
        const auto n = torch::cuda::device_count();
        return "cuda:0 (" + std::to_string(n) + " GPU" + (n == 1 ? "" : "s") + ", " + torchVersion() + ")";
    }
    const int threads = torch::get_num_threads();
    return "cpu (" + std::to_string(threads) + " thread" + (threads == 1 ? "" : "s") + ", " + torchVersion() +
           ")";
}

} // namespace atomlens
