#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/DeviceOption.h"
#include "app/cli/SignalOption.h"
#include "app/cli/TerminalJob.h"

#include "core/chain/TaskChain.h"
#include "core/detect/DetectionOverlay.h"
#include "core/detect/Detector.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/MicrographReader.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace atomlens::cli {

int cmdDetect(const std::vector<std::string>& argv) {
    const CliArgs args(argv,
                       {"method", "model", "frame", "overlay", "o", "output", "spacing", "sigma",
                        "min-separation", "threshold", "overlay-size", "device", "likelihood", "gain",
                        "read-noise", "pixel-size", "unit", "signal"},
                       {"no-refine", "no-lattice-search", "verbose"});
    if (args.positional().size() != 1)
        throw std::invalid_argument(args.positional().empty() ? "missing input image"
                                                              : "expected one image, got " +
                                                                    std::to_string(args.positional().size()));
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output table: -o ATOMS.csv");
    DetectParams p;
    p.method = args.get("method", "auto");
    if (p.method != "auto" && p.method != "classical" && p.method != "fcn")
        throw std::invalid_argument("unknown --method '" + p.method + "' (use auto, classical or fcn)");
    if (p.method == "fcn" || args.has("device")) applyDeviceOption(args, "detect");
    p.model = args.get("model", p.model);
    p.spacing = args.number("spacing", 0);
    p.sigma = args.number("sigma", 0);
    p.minSeparation = args.number("min-separation", 0);
    p.threshold = args.number("threshold", p.threshold);
    p.refine = !args.has("no-refine");
    p.latticeSearch = !args.has("no-lattice-search");
    if (p.spacing < 0 || p.sigma < 0 || p.minSeparation < 0 || !(p.threshold >= 0))
        throw std::invalid_argument(
            "--spacing, --sigma, --min-separation and --threshold must not be negative");

    p.likelihood = args.get("likelihood", p.likelihood);
    if (p.likelihood != "poisson" && p.likelihood != "least-squares")
        throw std::invalid_argument("unknown --likelihood '" + p.likelihood +
                                    "' (use poisson or least-squares)");

    Micrograph m = readInputMicrograph(args, args.positional()[0]);
    // Detector gain and read noise: the options, else the file's metadata (Detector/Gain in image units
    // per electron, Detector/ReadNoise in image units), else estimated from the image by refinement.
    const std::string metaGain = m.metadata.get("Detector/Gain"),
                      metaRead = m.metadata.get("Detector/ReadNoise");
    p.gain = args.number("gain", metaGain.empty() ? 0.0 : std::atof(metaGain.c_str()));
    p.readNoise = args.number("read-noise", metaRead.empty() ? 0.0 : std::atof(metaRead.c_str()));
    if (!(p.gain >= 0) || !(p.readNoise >= 0))
        throw std::invalid_argument("--gain and --read-noise must not be negative (gain 0 = estimate)");
    const long long frame = args.integer("frame", 0);
    if (frame < 0 || frame >= m.frameCount())
        throw std::invalid_argument("--frame " + std::to_string(frame) + " is out of range (the file has " +
                                    std::to_string(m.frameCount()) + " frame" +
                                    (m.frameCount() == 1 ? "" : "s") + ")");
    // The command is the "detect" step on one frame (the same step chains, batch and the GUI run).
    ChainState state;
    state.micrograph = std::make_shared<const Micrograph>(std::move(m));
    state.frame = int(frame);
    TerminalJob job;
    runChainStep(state, ChainStep{"detect", toParamValues(p, DetectParams::fields())}, job);
    const Image& image = state.image();
    writeAtomsCsv(state.atoms, state.micrograph->calibration, out);
    if (args.has("overlay")) {
        OverlayStyle style;
        style.maxSize = int(args.integer("overlay-size", 0));
        writeDetectionOverlay(image, state.atoms, args.get("overlay"), style);
    }
    for (const auto& line : state.log) std::fprintf(stderr, "%s\n", line.c_str());
    std::fprintf(stderr, "wrote %s: %zu atoms\n", out.c_str(), state.atoms.size());
    return 0;
}

} // namespace atomlens::cli
