#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/DeviceOption.h"
#include "app/cli/SignalOption.h"
#include "app/cli/TerminalJob.h"

#include "core/analysis/ChainOutputs.h"
#include "core/chain/TaskChain.h"
#include "core/io/MicrographReader.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <utility>

namespace atomlens::cli {

int cmdRun(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"chain", "o", "output", "frame", "device", "pixel-size", "unit", "signal"},
                       {"all-frames"});
    applyDeviceOption(args, "run");
    if (args.positional().empty()) throw std::invalid_argument("expects at least one IMAGE");
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output folder: -o OUTDIR");
    const TaskChain chain = TaskChain::load(args.require("chain"));
    TerminalJob job;
    const bool several = args.positional().size() > 1;
    for (const auto& input : args.positional()) {
        Micrograph read = readInputMicrograph(args, input);
        auto micrograph = std::make_shared<const Micrograph>(std::move(read));
        std::vector<int> frames;
        if (args.has("all-frames"))
            for (int f = 0; f < micrograph->frameCount(); ++f) frames.push_back(f);
        else
            frames.push_back(int(args.integer("frame", 0)));
        for (int f : frames) {
            if (f < 0 || f >= micrograph->frameCount())
                throw std::invalid_argument(input + " has " + std::to_string(micrograph->frameCount()) +
                                            " frame(s); no frame " + std::to_string(f));
            std::filesystem::path folder(out);
            if (several) folder /= std::filesystem::path(input).stem();
            if (frames.size() > 1) folder /= "frame" + std::to_string(f);
            const ChainState state = runChain(chain, micrograph, f, job);
            writeChainOutputs(state, folder.string());
            std::fprintf(stderr, "%s%s: %zu atoms -> %s\n", input.c_str(),
                         frames.size() > 1 ? (" frame " + std::to_string(f)).c_str() : "", state.atoms.size(),
                         folder.string().c_str());
        }
    }
    return 0;
}

} // namespace atomlens::cli
