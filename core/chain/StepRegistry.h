#pragma once
#include "core/base/Parameters.h"
#include "core/job/JobContext.h"

#include <functional>
#include <string>
#include <vector>

namespace atomlens {

struct ChainState;

/// An analysis step as task chains and the GUI see it: a stable id (named in YAML), a label and
/// category for menus, the parameter specs for generated forms, and the function that runs it.
/// `run` reads the state's snapshot and replaces/extends its results; it never touches a GUI.
struct StepDefinition {
    std::string id;
    std::string label;
    std::string category; ///< "Detect", "Structure", "Classify", "Rules"
    std::string help;
    std::vector<ParamSpec> params;
    std::function<void(ChainState& state, const ParamValues& params, JobContext& job)> run;
};

/// All registered steps. Core steps register themselves on first use; atomlens::nn adds the network
/// steps (FCN detection, sub-model classification) through registerNetworkSteps() at start-up.
class StepRegistry {
public:
    static StepRegistry& instance();
    /// Adds or replaces a step with the same id.
    void add(StepDefinition step);
    /// The step with this id, or nullptr.
    const StepDefinition* find(const std::string& id) const;
    std::vector<const StepDefinition*> all() const;

private:
    StepRegistry();
    std::vector<StepDefinition> m_steps;
};

} // namespace atomlens
