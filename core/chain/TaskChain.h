#pragma once
#include "core/base/Parameters.h"
#include "core/chain/ChainState.h"
#include "core/job/JobContext.h"

#include <string>
#include <vector>

namespace atomlens {

/// One step of a chain as written in YAML: `- step: detect` with optional `params: {key: value}`.
struct ChainStep {
    std::string id;
    ParamValues params;
};

/// A task chain: an ordered list of steps read from YAML, e.g.
///   name: MoS2 defects
///   steps:
///     - step: detect
///     - step: graph
///       params: {ideal_sites: true}
///     - step: classify
///       params: {model: mos2-species}
struct TaskChain {
    std::string name;
    std::string description;
    std::vector<ChainStep> steps;

    /// Parses YAML text; throws InputError naming `source` for malformed YAML, a missing `steps` list,
    /// an unknown step id or a bad parameter (checked against the step's specs).
    static TaskChain parse(const std::string& yamlText, const std::string& source);
    static TaskChain load(const std::string& path);
};

/// Runs one step on a state: checks its declared inputs, runs it on the state as a read-only snapshot
/// and applies the result (applyStepResult). Throws std::invalid_argument for an unknown step id or a
/// missing input.
void runChainStep(ChainState& state, const ChainStep& step, JobContext& job);

/// Runs every step of the chain on one frame. Progress is reported per step; cancellation is checked
/// between and inside steps.
ChainState runChain(const TaskChain& chain, std::shared_ptr<const Micrograph> micrograph, int frame,
                    JobContext& job);

} // namespace atomlens
