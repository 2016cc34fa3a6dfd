#pragma once
#include "core/chain/ChainState.h"
#include "core/chain/StepRegistry.h"

#include <string>
#include <vector>

namespace atomlens {

/// A condition on one atom row: "empty" (an empty ideal site), "class=NAME" (the atom's class), or
/// "COLUMN=V1|V2" (a result column, e.g. "mos2-vacancy=isolated|line"). Throws std::invalid_argument
/// for malformed text.
struct AtomCondition {
    std::string column; ///< "" for the atom's class, "empty" for empty sites
    std::vector<std::string> values;
    static AtomCondition parse(const std::string& text);
    bool matches(const ChainState& state, std::size_t row) const;
};

/// Rows matching `target` that have a row matching `near` within `hops` bonds of the lattice graph
/// (hops 0 = the row itself). Needs state.graph.
std::vector<bool> matchNear(const ChainState& state, const AtomCondition& target, const AtomCondition& near,
                            int hops);

/// Parameters of the "count" rule.
struct CountParams {
    std::string column; ///< result column; empty = the atom class
    static const std::vector<ParamField<CountParams>>& fields();
};

/// Parameters of the "count-near" rule.
struct CountNearParams {
    std::string target; ///< AtomCondition text, e.g. "mos2-dopant=dopant"
    std::string near;   ///< AtomCondition text, e.g. "empty"
    int hops = 1;       ///< graph distance (0 = the atom itself)
    std::string name;   ///< name of the count and of the marking column ("" = "TARGET near NEAR")
    static const std::vector<ParamField<CountNearParams>>& fields();
};

/// Adds the counting rules: "count" (rows per value of a column) and "count-near" (e.g. dopants
/// within one bond of a vacancy, on a phase boundary or on a grain boundary).
void registerRuleSteps(StepRegistry& registry);

} // namespace atomlens
