#include "core/nn/NetworkSteps.h"

#include "core/chain/CoreSteps.h"
#include "core/chain/StepRegistry.h"
#include "core/nn/Classification.h"

#include <map>
#include <mutex>

namespace atomlens {

const std::vector<ParamField<ClassifyParams>>& ClassifyParams::fields() {
    static const std::vector<ParamField<ClassifyParams>> f{
        textField<ClassifyParams>("model", "Model", &ClassifyParams::model,
                                  "shipped name, card path or model folder"),
        textField<ClassifyParams>("column", "Column", &ClassifyParams::column,
                                  "result column name (default: the model's name)"),
        flagField<ClassifyParams>("assign_class", "Set atom classes", &ClassifyParams::assignClass,
                                  "also use the answer as the atoms' class")};
    return f;
}

LoadedClassifier loadClassifier(const std::string& nameOrPath) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const EgnnModel>> cache;
    LoadedClassifier out;
    out.card = loadModel(nameOrPath);
    std::lock_guard<std::mutex> lock(mutex);
    auto& slot = cache[out.card.cardPath + "#" + out.card.weightsChecksum];
    if (!slot) slot = std::make_shared<const EgnnModel>(EgnnModel::load(out.card));
    out.model = slot;
    return out;
}

const StepInfo& ClassifyStep::info() const {
    static const StepInfo info{"classify",
                               "Classify with a sub-model",
                               "Classify",
                               "Runs an EGNN sub-model over every node of the lattice graph in one pass",
                               paramSpecs(ClassifyParams::fields()),
                               {StepData::Image, StepData::Atoms},
                               {StepData::Columns, StepData::Graph, StepData::Atoms}};
    return info;
}

StepResult ClassifyStep::run(const ChainState& input, const ClassifyParams& params, JobContext& job) const {
    if (params.model.empty()) throw std::invalid_argument("step 'classify' needs a model");
    const LoadedClassifier loaded = loadClassifier(params.model);
    const EgnnModel& model = *loaded.model;
    StepResult r;
    AtomTable classified;
    if (input.graph) {
        classified = classifyNodes(
            prepareExistingGraph(input.image(), *input.graph, input.atoms, model.architecture().graphLevel),
            model);
    } else { // no graph step before: the graph the model was trained on (its card's graph settings)
        PreparedGraph prepared;
        classified = classifyAtoms(input.image(), input.atoms, model, job, &prepared);
        r.graph = std::make_shared<LatticeGraph>(std::move(prepared.graph));
        r.setGraph = true;
        r.log.push_back(graphLogLine(*r.graph));
        r.atoms = prepared.nodes;
    }
    const std::string name = params.column.empty() ? loaded.card.name : params.column;
    AtomResultColumn column{name, std::vector<std::string>(classified.size()),
                            std::vector<float>(classified.size())};
    for (std::size_t i = 0; i < classified.size(); ++i) {
        column.values[i] = classified.className(classified.classIds()[i]);
        column.confidences[i] = classified.confidences()[i];
    }
    r.columns.push_back(std::move(column));
    if (params.assignClass) r.atoms = classified; // the nodes with the model's classes
    r.log.push_back("classify (" + name + "): " + std::to_string(classified.size()) + " nodes");
    return r;
}

void registerNetworkSteps(StepRegistry& registry) {
    registerStep<ClassifyStep>(registry);
}

} // namespace atomlens
