#include "core/chain/TaskChain.h"

#include "core/chain/StepRegistry.h"
#include "core/data/Errors.h"
#include "core/graph/GraphJson.h"
#include "core/graph/LatticeGraph.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/CsvTable.h"
#include "core/io/FigureWriter.h"
#include "core/io/TiffWriter.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace atomlens {
namespace {

void checkParams(const StepInfo& def, const ParamValues& values, const std::string& source) {
    for (const auto& [key, value] : values.all()) {
        const ParamSpec* spec = nullptr;
        for (const auto& p : def.params)
            if (p.key == key) spec = &p;
        if (!spec) throw InputError(source, "step '" + def.id + "' has no parameter '" + key + "'");
        try {
            switch (spec->type) {
            case ParamSpec::Type::Number:
            case ParamSpec::Type::Integer:
                parseNumberParam(*spec, value);
                break;
            case ParamSpec::Type::Boolean:
                parseBooleanParam(*spec, value);
                break;
            case ParamSpec::Type::Choice:
                checkChoiceParam(*spec, value);
                break;
            case ParamSpec::Type::Text:
                break;
            }
        } catch (const std::invalid_argument& e) {
            throw InputError(source, "step '" + def.id + "': " + e.what());
        }
    }
}

std::string scalarText(const YAML::Node& node) {
    if (node.IsScalar()) return node.Scalar();
    if (node.IsSequence()) { // lists become comma-separated text (e.g. class lists)
        std::string out;
        for (const auto& item : node) out += (out.empty() ? "" : ",") + item.as<std::string>();
        return out;
    }
    throw std::invalid_argument("expected a value or a list");
}

} // namespace

TaskChain TaskChain::parse(const std::string& text, const std::string& source) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw InputError(source, "not valid YAML (" + std::string(e.what()) + ")");
    }
    if (!root.IsMap() || !root["steps"] || !root["steps"].IsSequence())
        throw InputError(source, "a task chain needs a 'steps:' list");
    TaskChain chain;
    chain.name = root["name"] ? root["name"].as<std::string>("") : std::string();
    chain.description = root["description"] ? root["description"].as<std::string>("") : std::string();
    int index = 0;
    for (const auto& node : root["steps"]) {
        ++index;
        const std::string where = "step " + std::to_string(index);
        std::string id;
        if (node.IsScalar())
            id = node.Scalar();
        else if (node.IsMap() && node["step"] && node["step"].IsScalar())
            id = node["step"].Scalar();
        else
            throw InputError(source, where + " needs 'step: ID'");
        const Step* def = StepRegistry::instance().find(id);
        if (!def) {
            std::string known;
            for (const auto* s : StepRegistry::instance().all())
                known += (known.empty() ? "" : ", ") + s->info().id;
            throw InputError(source, where + ": unknown step '" + id + "' (known: " + known + ")");
        }
        ChainStep step;
        step.id = id;
        if (node.IsMap()) {
            for (const auto& kv : node) {
                const std::string key = kv.first.as<std::string>();
                if (key == "step") continue;
                try {
                    if (key == "params") {
                        if (!kv.second.IsMap()) throw std::invalid_argument("'params' must be a map");
                        for (const auto& p : kv.second)
                            step.params.set(p.first.as<std::string>(), scalarText(p.second));
                    } else {
                        step.params.set(key, scalarText(kv.second)); // shorthand: `model: mos2-species`
                    }
                } catch (const std::exception& e) {
                    throw InputError(source, where + " ('" + id + "'): " + e.what());
                }
            }
        }
        checkParams(def->info(), step.params, source);
        chain.steps.push_back(std::move(step));
    }
    if (chain.steps.empty()) throw InputError(source, "the task chain has no steps");
    return chain;
}

TaskChain TaskChain::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open the task chain");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), path);
}

void runChainStep(ChainState& state, const ChainStep& step, JobContext& job) {
    const Step* def = StepRegistry::instance().find(step.id);
    if (!def) throw std::invalid_argument("unknown step '" + step.id + "'");
    checkStepInputs(def->info(), state);
    applyStepResult(state, def->run(state, step.params, job));
}

ChainState runChain(const TaskChain& chain, std::shared_ptr<const Micrograph> micrograph, int frame,
                    JobContext& job) {
    if (!micrograph || frame < 0 || frame >= micrograph->frameCount())
        throw std::invalid_argument("runChain: no such frame " + std::to_string(frame));
    ChainState state;
    state.micrograph = std::move(micrograph);
    state.frame = frame;
    for (std::size_t i = 0; i < chain.steps.size(); ++i) {
        job.throwIfCanceled();
        const auto& step = chain.steps[i];
        const Step* def = StepRegistry::instance().find(step.id);
        job.setProgress(std::int64_t(i), std::int64_t(chain.steps.size()), def ? def->info().label : step.id);
        runChainStep(state, step, job);
    }
    job.setProgress(std::int64_t(chain.steps.size()), std::int64_t(chain.steps.size()), "done");
    return state;
}

} // namespace atomlens
