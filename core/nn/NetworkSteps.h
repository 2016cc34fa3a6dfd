#pragma once

namespace atomlens {

class StepRegistry;

/// Adds the EGNN step "classify" (params: model, column, assign_class) to the task-chain registry.
/// Called by registerNnExtensions().
void registerNetworkSteps(StepRegistry& registry);

} // namespace atomlens
