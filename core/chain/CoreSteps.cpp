// The task-chain steps that core provides: detection and the lattice graph (counting rules in
// ChainRules.cpp, graphene dopants in GrapheneStep.cpp, descriptors/motifs/statistics/tracking in
// AnalysisSteps.cpp). Network steps (sub-model classification) are added by atomlens::nn.
#include "core/chain/CoreSteps.h"

#include "core/chain/ChainRules.h"
#include "core/chain/StepRegistry.h"
#include "core/detect/Detector.h"
#include "core/graph/GraphWithSites.h"

#include <cstdio>
#include <memory>

namespace atomlens {

GraphStepParams GraphStepParams::parse(const ParamValues& values) {
    ParamValues g, l;
    for (const auto& [key, value] : values.all()) {
        bool isGraph = false;
        for (const auto& f : GraphParams::fields()) isGraph |= f.spec.key == key;
        (isGraph ? g : l).set(key, value);
    }
    return {fromParamValues(g, GraphParams::fields()), fromParamValues(l, LatticeParams::fields())};
}

std::vector<ParamSpec> GraphStepParams::specs() {
    auto specs = paramSpecs(GraphParams::fields());
    for (const auto& s : paramSpecs(LatticeParams::fields())) specs.push_back(s);
    return specs;
}

const StepInfo& DetectStep::info() const {
    static const StepInfo info{
        "detect",
        "Detect atoms",
        "Detect",
        "Finds atom columns (classical filters + Gaussian fits, or the FCN) with sub-pixel positions",
        paramSpecs(DetectParams::fields()),
        {StepData::Image},
        {StepData::Atoms}};
    return info;
}

StepResult DetectStep::run(const ChainState& input, const DetectParams& params, JobContext& job) const {
    StepResult r;
    DetectScales scales;
    r.atoms = detectAtoms(input.image(), params, job, &scales);
    r.setGraph = true; // new atoms: the old graph and every result described other rows
    r.clearResults = true;
    // Which detector ran and why (method "auto" decides from the image), and the scales it used.
    std::string line = "detect (" + scales.method +
                       (params.method == "auto" ? ", auto: " + scales.reason : "") +
                       "): " + std::to_string(r.atoms->size()) + " atoms";
    if (scales.method == "classical") {
        char buffer[160];
        std::snprintf(buffer, sizeof buffer, "; %s, sigma %.3g px, min separation %.3g px%s",
                      scales.lattice ? "lattice" : "no lattice", scales.sigma, scales.minSeparation,
                      params.refine ? "" : ", not refined");
        line += buffer;
    }
    std::size_t failed = 0;
    for (auto f : r.atoms->flags()) failed += (f & kFlagFitFailed) != 0;
    if (failed) line += "; " + std::to_string(failed) + " fits failed";
    r.log.push_back(std::move(line));
    return r;
}

const StepInfo& RefineStep::info() const {
    static const StepInfo info{
        "refine",
        "Refine positions",
        "Detect",
        "Sub-pixel positions of the atoms: Gaussian fits (neighbours subtracted), then a "
        "Poisson likelihood pass with standard errors",
        paramSpecs(RefineParams::fields()),
        {StepData::Image, StepData::Atoms},
        {StepData::Atoms}};
    return info;
}

StepResult RefineStep::run(const ChainState& input, const RefineParams& params, JobContext& job) const {
    AtomTable atoms = input.atoms;
    std::vector<std::size_t> empty;
    for (std::size_t r = 0; r < atoms.size(); ++r)
        if (atoms.flags()[r] & kFlagEmptySite) empty.push_back(r);
    if (!empty.empty()) atoms.removeRows(empty); // an empty site has no column to fit
    refineAtoms(input.image(), atoms, params, job);
    std::size_t failed = 0;
    for (auto f : atoms.flags()) failed += (f & kFlagFitFailed) != 0;
    StepResult r;
    r.log.push_back("refine: " + std::to_string(atoms.size()) + " atoms, " + std::to_string(failed) +
                    " fits failed");
    r.atoms = std::move(atoms);
    r.setGraph = true; // positions moved: the graph and the results described the old ones
    r.clearResults = true;
    return r;
}

const StepInfo& GraphStep::info() const {
    static const StepInfo info{
        "graph",
        "Lattice graph",
        "Structure",
        "Neighbour graph, rings, local ideal lattice, empty ideal sites (vacancy candidates) and strain",
        GraphStepParams::specs(),
        {StepData::Atoms}, // and the image's size when there is an image (ideal sites stop at its border)
        {StepData::Graph, StepData::Atoms}};
    return info;
}

StepResult GraphStep::run(const ChainState& input, const ParamValues& values, JobContext& job) const {
    return run(input, GraphStepParams::parse(values), job);
}

StepResult GraphStep::run(const ChainState& input, const GraphStepParams& params, JobContext& job) const {
    return graphStepResult(input, params.graph, params.lattice, job);
}

StepResult graphStepResult(const ChainState& input, const GraphParams& graphParams,
                           const LatticeParams& latticeParams, JobContext& job) {
    const bool image = input.micrograph != nullptr;
    GraphWithSites built =
        buildGraphWithSites(input.atoms, image ? input.image().width() : 0,
                            image ? input.image().height() : 0, graphParams, latticeParams, job);
    StepResult r;
    r.graph = std::make_shared<LatticeGraph>(std::move(built.graph));
    r.setGraph = true;
    r.atoms = std::move(built.nodes);
    r.log.push_back(graphLogLine(*r.graph));
    return r;
}

std::string graphLogLine(const LatticeGraph& g) {
    return "graph: " + std::to_string(g.nodeCount()) + " nodes (" +
           std::to_string(g.nodeCount() - g.atomCount) + " empty ideal sites), " +
           std::to_string(g.edgeCount()) + " bonds, " + std::to_string(g.ringCount()) + " rings";
}

void registerCoreSteps(StepRegistry& registry) {
    registerStep<DetectStep>(registry);
    registerStep<RefineStep>(registry);
    registerStep<GraphStep>(registry);
    registerRuleSteps(registry);
}

} // namespace atomlens
