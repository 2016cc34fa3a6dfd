#include "core/chain/StepRegistry.h"

namespace atomlens {

void registerCoreSteps(StepRegistry& registry); // core/chain/CoreSteps.cpp

StepRegistry::StepRegistry() = default;

StepRegistry& StepRegistry::instance() {
    static StepRegistry registry;
    static std::once_flag once;
    std::call_once(once, [] { registerCoreSteps(registry); });
    return registry;
}

void StepRegistry::add(std::shared_ptr<const Step> step) {
    if (!step) return;
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto& s : m_steps)
        if (s->info().id == step->info().id) {
            m_replaced.push_back(std::move(s));
            s = std::move(step);
            return;
        }
    m_steps.push_back(std::move(step));
}

const Step* StepRegistry::find(const std::string& id) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const auto& s : m_steps)
        if (s->info().id == id) return s.get();
    return nullptr;
}

std::vector<const Step*> StepRegistry::all() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<const Step*> out;
    for (const auto& s : m_steps) out.push_back(s.get());
    return out;
}

} // namespace atomlens
