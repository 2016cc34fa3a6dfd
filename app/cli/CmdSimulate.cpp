#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/TerminalJob.h"

#include "core/io/TiffWriter.h"
#include "core/simulate/Simulator.h"

#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace atomlens::cli {

int cmdSimulate(const std::vector<std::string>& argv) {
    const CliArgs args(argv,
                       {"preset",     "size",        "width",       "height",    "seed",         "dose",
                        "pixel-size", "probe-sigma", "rotation",    "strain",    "drift",        "jitter",
                        "read-noise", "background",  "frames",      "o",         "output",       "truth",
                        "tilt",       "hop",         "aggregation", "si-switch", "contamination"},
                       {"si-relaxed"});
    if (!args.positional().empty())
        throw std::invalid_argument("unexpected argument '" + args.positional()[0] + "'");
    SimulationParams p;
    p.preset = args.get("preset", "mos2");
    const long long size = args.integer("size", 512);
    p.width = int(args.integer("width", size));
    p.height = int(args.integer("height", size));
    p.seed = std::uint64_t(args.integer("seed", 1));
    p.dose = args.number("dose", p.dose);
    p.pixelSize = args.number("pixel-size", 0);
    p.probeSigma = args.number("probe-sigma", 0);
    p.rotationDeg = args.number("rotation", p.rotationDeg);
    p.tiltDeg = args.number("tilt", p.tiltDeg);
    p.drift = args.number("drift", p.drift);
    p.jitter = args.number("jitter", p.jitter);
    p.readNoise = args.number("read-noise", p.readNoise);
    p.background = args.number("background", p.background);
    p.frames = int(args.integer("frames", 1));
    p.hopProbability = args.number("hop", p.hopProbability);
    p.aggregation = args.number("aggregation", p.aggregation);
    p.siSwitchProbability = args.number("si-switch", p.siSwitchProbability);
    p.contamination = args.number("contamination", p.contamination);
    p.siRelaxed = args.has("si-relaxed");
    if (args.has("strain")) {
        std::istringstream in(args.get("strain"));
        char c1 = 0, c2 = 0;
        if (!(in >> p.strainXX >> c1 >> p.strainYY >> c2 >> p.strainXY) || c1 != ',' || c2 != ',')
            throw std::invalid_argument("--strain expects EXX,EYY,EXY (fractions, e.g. 0.01,0,0)");
    }
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output image: -o IMAGE.tif");

    TerminalJob job;
    const SimulationResult r = simulate(p, job);
    writeTiff(r.micrograph, out);
    std::size_t truthRows = r.truth.size();
    if (args.has("truth")) writeTruthCsv(r.truth, args.get("truth"));
    std::fprintf(stderr, "wrote %s (%dx%d, %d frame%s, %.4g A/px)%s%s (%zu columns)\n", out.c_str(), p.width,
                 p.height, p.frames, p.frames == 1 ? "" : "s", r.pixelSize, args.has("truth") ? " and " : "",
                 args.has("truth") ? args.get("truth").c_str() : "", truthRows);
    return 0;
}

} // namespace atomlens::cli
