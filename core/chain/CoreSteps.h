#pragma once
#include "core/chain/Step.h"
#include "core/detect/Detector.h"
#include "core/detect/RefineGaussian.h"
#include "core/graph/IdealLattice.h"
#include "core/graph/LatticeGraph.h"

namespace atomlens {

/// Step "detect": atom columns from the image (DetectParams). Reads the image; produces new atoms
/// (and drops the graph and every result, which described the old atoms).
class DetectStep : public ParamStep<DetectParams> {
public:
    const StepInfo& info() const override;
    using ParamStep<DetectParams>::run;
    StepResult run(const ChainState& input, const DetectParams& params, JobContext& job) const override;
};

/// Step "refine": sub-pixel refinement of the measured atoms (RefineParams: Gaussian fits, then the
/// Poisson likelihood pass). Reads image and atoms; produces the refined atoms (rows flagged as empty
/// sites are left out) and drops the graph and results, which described the old positions.
class RefineStep : public ParamStep<RefineParams> {
public:
    const StepInfo& info() const override;
    using ParamStep<RefineParams>::run;
    StepResult run(const ChainState& input, const RefineParams& params, JobContext& job) const override;
};

/// The graph step's parameters: the graph's and the ideal lattice's, under their own keys.
struct GraphStepParams {
    GraphParams graph;
    LatticeParams lattice;
    static GraphStepParams parse(const ParamValues& values);
    static std::vector<ParamSpec> specs();
};

/// Step "graph": the lattice graph of the atoms with empty ideal sites appended as flagged rows
/// (buildGraphWithSites). Reads atoms (and the image's size when there is an image); produces the graph
/// and the atoms as graph nodes.
class GraphStep : public Step {
public:
    const StepInfo& info() const override;
    StepResult run(const ChainState& input, const ParamValues& values, JobContext& job) const override;
    StepResult run(const ChainState& input, const GraphStepParams& params, JobContext& job) const;
};

/// The graph step's result for given settings (also used by steps that need a graph and find none,
/// e.g. classify with the model's own graph settings).
StepResult graphStepResult(const ChainState& input, const GraphParams& graphParams,
                           const LatticeParams& latticeParams, JobContext& job);

/// The log line of a built graph ("graph: N nodes (E empty ideal sites), B bonds, R rings").
std::string graphLogLine(const LatticeGraph& graph);

} // namespace atomlens
