#include "core/nn/NetworkSteps.h"

#include "core/chain/ChainRules.h"
#include "core/chain/StepRegistry.h"
#include "core/graph/IdealLattice.h"
#include "core/nn/Classification.h"
#include "core/nn/EgnnModel.h"
#include "core/nn/NodeFeatures.h"

#include <map>
#include <memory>
#include <mutex>

namespace atomlens {
namespace {

/// Loaded models by card path, so a chain over many images loads each model once.
std::shared_ptr<const EgnnModel> cachedModel(const std::string& nameOrPath) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const EgnnModel>> cache;
    const ModelCard card = loadModel(nameOrPath);
    std::lock_guard<std::mutex> lock(mutex);
    auto& slot = cache[card.cardPath + "#" + card.weightsChecksum];
    if (!slot) slot = std::make_shared<const EgnnModel>(EgnnModel::load(card));
    return slot;
}

} // namespace

void registerNetworkSteps(StepRegistry& registry) {
    StepDefinition step;
    step.id = "classify";
    step.label = "Classify with a sub-model";
    step.category = "Classify";
    step.help = "Runs an EGNN sub-model over every node of the lattice graph in one pass";
    step.params = {
        {"model", "Model", "", "shipped name, card path or model folder", ParamSpec::Type::Text, 0, 0, {}},
        {"column",
         "Column",
         "",
         "result column name (default: the model's name)",
         ParamSpec::Type::Text,
         0,
         0,
         {}},
        {"assign_class",
         "Set atom classes",
         "",
         "also use the answer as the atoms' class",
         ParamSpec::Type::Boolean,
         0,
         1,
         {}}};
    step.run = [](ChainState& state, const ParamValues& values, JobContext& job) {
        const auto model = cachedModel(values.text("model"));
        // No graph step before: the graph the model was trained on (its card's graph settings).
        if (!state.graph)
            appendGraphStep(state, model->graphSettings().graph, model->graphSettings().lattice, job);
        job.throwIfCanceled();
        PreparedGraph prepared;
        prepared.graph = *state.graph;
        prepared.nodes = state.atoms;
        prepared.input = makeEgnnInput(state.image(), prepared.graph, model->architecture().graphLevel);
        const AtomTable classified = classifyNodes(prepared, *model);
        const std::string name =
            values.has("column") ? values.text("column") : loadModel(values.text("model")).name;
        auto& column = state.column(name);
        for (std::size_t i = 0; i < classified.size() && i < column.values.size(); ++i) {
            column.values[i] = classified.className(classified.classIds()[i]);
            column.confidences[i] = classified.confidences()[i];
        }
        const bool assign =
            values.has("assign_class") &&
            parseBooleanParam({"assign_class", "", "", "", ParamSpec::Type::Boolean, 0, 1, {}},
                              values.text("assign_class"));
        if (assign) {
            state.atoms.setClassNames(classified.classNames());
            for (std::size_t i = 0; i < classified.size(); ++i)
                state.atoms.setClass(i, classified.classIds()[i], classified.confidences()[i]);
        }
        state.log.push_back("classify (" + name + "): " + std::to_string(classified.size()) + " nodes");
    };
    registry.add(step);
}

} // namespace atomlens
