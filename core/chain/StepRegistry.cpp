#include "core/chain/StepRegistry.h"

#include <mutex>

namespace atomlens {

void registerCoreSteps(StepRegistry& registry); // core/chain/CoreSteps.cpp

StepRegistry::StepRegistry() = default;

StepRegistry& StepRegistry::instance() {
    static StepRegistry registry;
    static std::once_flag once;
    std::call_once(once, [] { registerCoreSteps(registry); });
    return registry;
}

void StepRegistry::add(StepDefinition step) {
    for (auto& s : m_steps)
        if (s.id == step.id) {
            s = std::move(step);
            return;
        }
    m_steps.push_back(std::move(step));
}

const StepDefinition* StepRegistry::find(const std::string& id) const {
    for (const auto& s : m_steps)
        if (s.id == id) return &s;
    return nullptr;
}

std::vector<const StepDefinition*> StepRegistry::all() const {
    std::vector<const StepDefinition*> out;
    for (const auto& s : m_steps) out.push_back(&s);
    return out;
}

} // namespace atomlens
