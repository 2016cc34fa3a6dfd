// The task-chain steps that core provides: detection, the lattice graph and counting rules.
// Network steps (FCN detection, EGNN classification) are added by atomlens::nn.
#include "core/chain/ChainRules.h"
#include "core/chain/ChainState.h"
#include "core/chain/StepRegistry.h"
#include "core/detect/Detector.h"
#include "core/graph/IdealLattice.h"
#include "core/graph/LatticeGraph.h"

#include <cmath>
#include <memory>

namespace atomlens {

void appendGraphStep(ChainState& state, const GraphParams& graphParams, const LatticeParams& latticeParams,
                     JobContext& job) {
    LatticeParams lattice = latticeParams;
    lattice.imageWidth = state.image().width(), lattice.imageHeight = state.image().height();
    // Rebuilding: drop empty sites a previous graph step appended.
    std::vector<std::size_t> empty;
    for (std::size_t r = 0; r < state.atoms.size(); ++r)
        if (state.atoms.flags()[r] & kFlagEmptySite) empty.push_back(r);
    state.atoms.removeRows(empty);
    auto graph = std::make_shared<LatticeGraph>(buildLatticeGraph(state.atoms, graphParams, lattice, job));
    for (std::size_t i = state.atoms.size(); i < graph->nodeCount(); ++i) {
        Atom a;
        a.x = graph->x[i], a.y = graph->y[i];
        a.flags = kFlagEmptySite;
        state.atoms.add(a);
    }
    state.graph = graph;
    for (auto& c : state.columns)
        c.values.resize(state.atoms.size()), c.confidences.resize(state.atoms.size(), std::nanf(""));
    state.log.push_back("graph: " + std::to_string(graph->nodeCount()) + " nodes (" +
                        std::to_string(graph->nodeCount() - graph->atomCount) + " empty ideal sites), " +
                        std::to_string(graph->edgeCount()) + " bonds, " + std::to_string(graph->ringCount()) +
                        " rings");
}

namespace {

std::vector<ParamSpec> graphStepSpecs() {
    auto specs = paramSpecs(GraphParams::fields());
    for (const auto& s : paramSpecs(LatticeParams::fields())) specs.push_back(s);
    return specs;
}

void registerDetectStep(StepRegistry& registry) {
    StepDefinition step;
    step.id = "detect";
    step.label = "Detect atoms";
    step.category = "Detect";
    step.help = "Finds atom columns (classical filters + Gaussian fits, or the FCN) with sub-pixel positions";
    step.params = paramSpecs(DetectParams::fields());
    step.run = [](ChainState& state, const ParamValues& values, JobContext& job) {
        const DetectParams params = fromParamValues(values, DetectParams::fields());
        DetectScales scales;
        state.atoms = detectAtoms(state.image(), params, job, &scales);
        state.graph.reset();
        state.columns.clear();
        // Which detector ran and why (method "auto" decides from the image).
        state.log.push_back("detect (" + scales.method +
                            (params.method == "auto" ? ", auto: " + scales.reason : "") +
                            "): " + std::to_string(state.atoms.size()) + " atoms");
    };
    registry.add(step);
}

void registerGraphStep(StepRegistry& registry) {
    StepDefinition step;
    step.id = "graph";
    step.label = "Lattice graph";
    step.category = "Structure";
    step.help =
        "Neighbour graph, rings, local ideal lattice, empty ideal sites (vacancy candidates) and strain";
    step.params = graphStepSpecs();
    step.run = [](ChainState& state, const ParamValues& values, JobContext& job) {
        ParamValues g, l;
        for (const auto& [key, value] : values.all()) {
            bool isGraph = false;
            for (const auto& f : GraphParams::fields()) isGraph |= f.spec.key == key;
            (isGraph ? g : l).set(key, value);
        }
        appendGraphStep(state, fromParamValues(g, GraphParams::fields()),
                        fromParamValues(l, LatticeParams::fields()), job);
    };
    registry.add(step);
}

} // namespace

void registerCoreSteps(StepRegistry& registry) {
    registerDetectStep(registry);
    registerGraphStep(registry);
    registerRuleSteps(registry);
}

} // namespace atomlens
