#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/TerminalJob.h"

#include "core/chain/TaskChain.h"
#include "core/data/Errors.h"
#include "core/describe/Descriptors.h"
#include "core/describe/MotifMap.h"
#include "core/describe/Motifs.h"
#include "core/graph/GraphJson.h"
#include "core/graph/IdealLattice.h"
#include "core/graph/LatticeGraph.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/MicrographReader.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace atomlens::cli {
namespace {

bool isCsv(const std::string& path) {
    std::string ext = path.size() >= 4 ? path.substr(path.size() - 4) : "";
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".csv";
}

/// `--describe KEY=VALUE` / `--motif KEY=VALUE` (repeatable): any field of the Params struct by its
/// YAML key (checked against its range; unknown keys are usage errors).
template <class P>
P withOptions(const CliArgs& args, const std::string& option, const std::vector<ParamField<P>>& fields,
              P params) {
    ParamValues values;
    for (const auto& item : args.getAll(option)) {
        const auto eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
            throw std::invalid_argument("--" + option + " expects KEY=VALUE, got '" + item + "'");
        values.set(item.substr(0, eq), item.substr(eq + 1));
    }
    try {
        return fromParamValues(values, fields, params);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("--" + option + ": " + e.what());
    }
}

} // namespace

int cmdGraph(const std::vector<std::string>& argv) {
    const CliArgs args(argv,
                       {"o", "output", "image", "motifs", "motif-map", "method", "cut", "k",
                        "lattice-constant", "frame", "zernike-order", "max-clusters", "patch-size",
                        "describe", "motif"},
                       {"no-ideal-sites"});
    if (args.positional().size() != 1) throw std::invalid_argument("expects one ATOMS.csv or IMAGE");
    const std::string input = args.positional()[0];
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output: -o GRAPH.json");
    const int frame = int(args.integer("frame", 0));
    DescriptorParams dp;
    dp.zernikeOrder = int(args.integer("zernike-order", dp.zernikeOrder));
    dp.patchSize = int(args.integer("patch-size", dp.patchSize));
    dp = withOptions(args, "describe", DescriptorParams::fields(), dp);
    MotifParams mp;
    mp.maxClusters = int(args.integer("max-clusters", mp.maxClusters));
    mp = withOptions(args, "motif", MotifParams::fields(), mp);

    // The command is the steps "detect" (for an image), "graph", "descriptors" and "motifs" on one
    // frame: the same steps chains, batch and the GUI run.
    TerminalJob job;
    ChainState state;
    auto loadImage = [&](const std::string& path) {
        state.micrograph = std::make_shared<const Micrograph>(readMicrograph(path));
        if (frame < 0 || frame >= state.micrograph->frameCount())
            throw std::invalid_argument("--frame " + std::to_string(frame) + " is not in " + path);
        state.frame = frame;
    };
    if (isCsv(input)) {
        state.atoms = readAtomsCsv(input);
        if (args.has("image")) loadImage(args.get("image"));
    } else {
        if (args.has("image")) throw std::invalid_argument("--image is for ATOMS.csv input");
        loadImage(input);
        runChainStep(state, ChainStep{"detect", {}}, job);
    }
    if (state.atoms.size() < 3) throw InputError(input, "fewer than 3 atoms: no graph");

    GraphParams gp;
    gp.method = args.get("method", gp.method);
    gp.cutFactor = args.number("cut", gp.cutFactor);
    gp.k = int(args.integer("k", gp.k));
    LatticeParams lp;
    lp.idealSites = !args.has("no-ideal-sites") && gp.method == "delaunay";
    lp.referenceConstant = args.number("lattice-constant", 0);
    ParamValues graphValues = toParamValues(gp, GraphParams::fields());
    const ParamValues latticeValues = toParamValues(lp, LatticeParams::fields());
    for (const auto& [key, value] : latticeValues.all()) graphValues.set(key, value);
    runChainStep(state, ChainStep{"graph", graphValues}, job);
    runChainStep(state, ChainStep{"descriptors", toParamValues(dp, DescriptorParams::fields())}, job);
    const LatticeGraph& graph = *state.graph;
    writeGraphJson(out, graph, &state.atoms, state.descriptors.get());
    std::size_t hexagons = 0;
    for (std::size_t r = 0; r < graph.ringCount(); ++r) hexagons += graph.ringSize(r) == 6;
    std::fprintf(stderr, "wrote %s: %zu atoms, %zu empty ideal sites, %zu edges, %zu rings (%zu hexagons)\n",
                 out.c_str(), graph.atomCount, graph.nodeCount() - graph.atomCount, graph.edgeCount(),
                 graph.ringCount(), hexagons);
    if (args.has("motifs") || args.has("motif-map")) {
        if (!state.micrograph)
            throw std::invalid_argument("motifs need the image: give --image IMAGE with ATOMS.csv");
        runChainStep(state, ChainStep{"motifs", toParamValues(mp, MotifParams::fields())}, job);
        const MotifResult& motifs = *state.motifs;
        if (args.has("motifs")) writeMotifsJson(motifs, args.get("motifs"));
        if (args.has("motif-map")) writeMotifMap(args.get("motif-map"), state.image(), graph, motifs);
        std::fprintf(stderr, "motifs: %d clusters, %zu motifs\n", motifs.clusterCount, motifs.motifs.size());
    }
    return 0;
}

} // namespace atomlens::cli
