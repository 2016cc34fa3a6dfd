#pragma once
#include "core/chain/Step.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace atomlens {

/// All registered steps by stable id (task-chain YAML names the ids; menus and generated forms list
/// them). Core steps register themselves on first use; atomlens::nn adds the network steps (sub-model
/// classification) through registerNetworkSteps() at start-up. Thread-safe: steps may be added while
/// other threads look them up; a step, once found, stays valid for the life of the program.
class StepRegistry {
public:
    static StepRegistry& instance();
    /// Adds a step, or replaces the one with the same id (the replaced step stays alive).
    void add(std::shared_ptr<const Step> step);
    /// The step with this id, or nullptr.
    const Step* find(const std::string& id) const;
    /// Every step, in registration order.
    std::vector<const Step*> all() const;

private:
    StepRegistry();
    mutable std::mutex m_mutex;
    std::vector<std::shared_ptr<const Step>> m_steps;
    std::vector<std::shared_ptr<const Step>> m_replaced; ///< kept so pointers handed out stay valid
};

/// Registers a step class S (default-constructible) under its info().id.
template <class S> void registerStep(StepRegistry& registry) {
    registry.add(std::make_shared<const S>());
}

} // namespace atomlens
