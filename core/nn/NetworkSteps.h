#pragma once
#include "core/base/Parameters.h"
#include "core/chain/Step.h"
#include "core/nn/EgnnModel.h"
#include "core/nn/ModelCard.h"

#include <memory>
#include <string>

namespace atomlens {

class StepRegistry;

/// Parameters of the step "classify".
struct ClassifyParams {
    std::string model;        ///< shipped name, card path or model folder
    std::string column;       ///< result column name ("" = the model's name)
    bool assignClass = false; ///< also use the answer as the atoms' class
    static const std::vector<ParamField<ClassifyParams>>& fields();
};

/// A sub-model and its card, loaded once per process (a chain over many images, batch workers and the
/// GUI share it). Thread-safe; throws InputError naming the card for a bad model.
struct LoadedClassifier {
    ModelCard card;
    std::shared_ptr<const EgnnModel> model;
};
LoadedClassifier loadClassifier(const std::string& nameOrPath);

/// Step "classify": an EGNN sub-model over every node of the lattice graph in one pass
/// (classifyAtoms / classifyNodes). Reads image and atoms, and the graph when a graph step ran (else
/// it builds the graph with the model's own settings and produces it). Produces a result column named
/// after the model and, with assign_class, the atoms' classes.
class ClassifyStep : public ParamStep<ClassifyParams> {
public:
    const StepInfo& info() const override;
    using ParamStep<ClassifyParams>::run;
    StepResult run(const ChainState& input, const ClassifyParams& params, JobContext& job) const override;
};

/// Adds the network steps ("classify") to the task-chain registry. Called by registerNnExtensions().
void registerNetworkSteps(StepRegistry& registry);

} // namespace atomlens
