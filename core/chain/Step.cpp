#include "core/chain/Step.h"

#include <cmath>
#include <stdexcept>

namespace atomlens {

const char* stepDataName(StepData data) {
    switch (data) {
    case StepData::Image:
        return "image";
    case StepData::Atoms:
        return "atoms";
    case StepData::Graph:
        return "graph";
    case StepData::Columns:
        return "columns";
    case StepData::Summary:
        return "summary";
    case StepData::Descriptors:
        return "descriptors";
    case StepData::Motifs:
        return "motifs";
    case StepData::Series:
        return "series";
    }
    return "?";
}

void checkStepInputs(const StepInfo& info, const ChainState& state) {
    for (StepData d : info.inputs) {
        bool present = true;
        std::string producer;
        switch (d) {
        case StepData::Image:
            present = state.micrograph != nullptr && state.frame >= 0 &&
                      state.frame < state.micrograph->frameCount();
            break;
        case StepData::Graph:
            present = state.graph != nullptr, producer = "graph";
            break;
        case StepData::Descriptors:
            present = state.descriptors != nullptr, producer = "descriptors";
            break;
        case StepData::Motifs:
            present = state.motifs != nullptr, producer = "motifs";
            break;
        default:
            break;
        }
        if (!present)
            throw std::invalid_argument(
                "step '" + info.id + "' needs " + stepDataName(d) +
                (producer.empty() ? std::string() : " (add a '" + producer + "' step before it)"));
    }
}

void applyStepResult(ChainState& state, StepResult result) {
    if (result.clearResults) {
        state.columns.clear();
        state.descriptors.reset(), state.motifs.reset(), state.statistics.reset();
    }
    if (result.atoms) state.atoms = std::move(*result.atoms);
    if (result.setGraph) {
        state.graph = std::move(result.graph);
        state.descriptors.reset(), state.motifs.reset(); // they described the old graph
    }
    for (auto& c : state.columns)
        c.values.resize(state.atoms.size()), c.confidences.resize(state.atoms.size(), std::nanf(""));
    for (auto& c : result.columns) {
        c.values.resize(state.atoms.size()), c.confidences.resize(state.atoms.size(), std::nanf(""));
        bool replaced = false;
        for (auto& existing : state.columns)
            if (existing.name == c.name) existing = c, replaced = true;
        if (!replaced) state.columns.push_back(std::move(c));
    }
    if (result.descriptors) state.descriptors = std::move(result.descriptors);
    if (result.motifs) state.motifs = std::move(result.motifs);
    if (result.statistics) state.statistics = std::move(result.statistics);
    if (result.series) state.series = std::move(result.series);
    for (const auto& [key, value] : result.summary) state.summary[key] = value;
    for (auto& line : result.log) state.log.push_back(std::move(line));
}

} // namespace atomlens
