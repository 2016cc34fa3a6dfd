#include "app/cli/DeviceOption.h"

#ifdef ATOMLENS_WITH_NN
#include "core/nn/ComputeDevice.h"
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

} // namespace atomlens::cli
