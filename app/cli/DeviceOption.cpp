#include "app/cli/DeviceOption.h"

#ifdef ATOMLENS_WITH_NN
#include "core/nn/ComputeDevice.h"
#include "core/nn/InferenceBatcher.h"
#endif

#include <cstdio>
#include <stdexcept>

namespace atomlens::cli {

std::string currentDeviceDescription() {
#ifdef ATOMLENS_WITH_NN
    return activeDeviceDescription();
#else
    return "cpu (built without LibTorch)";
#endif
}

std::string applyDeviceOption(const CliArgs& args, const char* command) {
    const std::string text = args.get("device", "auto");
#ifdef ATOMLENS_WITH_NN
    setDeviceChoice(parseDeviceChoice(text));
#else
    if (text == "cuda" || text == "gpu")
        throw std::runtime_error("device cuda: this AtomLens was built without LibTorch "
                                 "(-DATOMLENS_WITH_TORCH=OFF); use --device cpu");
    if (text != "auto" && text != "cpu")
        throw std::invalid_argument("unknown --device '" + text + "' (use auto, cpu or cuda)");
#endif
    const std::string description = currentDeviceDescription();
    std::fprintf(stderr, "%s: networks on %s\n", command, description.c_str());
    return description;
}

bool networksOnGpu() {
#ifdef ATOMLENS_WITH_NN
    return activeDeviceName().rfind("cuda", 0) == 0;
#else
    return false;
#endif
}

void applyBatchInferenceOption(const CliArgs& args) {
    const std::string text = args.get("batch-inference", "auto");
    if (text != "auto" && text != "on" && text != "off")
        throw std::invalid_argument("unknown --batch-inference '" + text + "' (use auto, on or off)");
#ifdef ATOMLENS_WITH_NN
    InferenceBatcher::instance().setMode(text == "on"    ? InferenceBatcher::Mode::On
                                         : text == "off" ? InferenceBatcher::Mode::Off
                                                         : InferenceBatcher::Mode::Auto);
#endif
}

std::string batchInferenceReport() {
#ifdef ATOMLENS_WITH_NN
    const auto s = InferenceBatcher::instance().stats();
    if (s.graphs == 0) return {};
    return "batched inference: " + std::to_string(s.graphs) + " graphs in " + std::to_string(s.passes) +
           " passes (at most " + std::to_string(s.largest) + " per pass)";
#else
    return {};
#endif
}

} // namespace atomlens::cli
