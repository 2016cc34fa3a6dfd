#include "core/chain/ChainRules.h"

#include "core/graph/LatticeGraph.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <stdexcept>

namespace atomlens {

AtomCondition AtomCondition::parse(const std::string& text) {
    AtomCondition c;
    if (text == "empty") {
        c.column = "empty";
        return c;
    }
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq + 1 >= text.size())
        throw std::invalid_argument("condition '" + text +
                                    "' must be 'empty', 'class=NAME' or 'COLUMN=VALUE|VALUE'");
    c.column = text.substr(0, eq) == "class" ? std::string() : text.substr(0, eq);
    std::stringstream values(text.substr(eq + 1));
    for (std::string v; std::getline(values, v, '|');)
        if (!v.empty()) c.values.push_back(v);
    return c;
}

bool AtomCondition::matches(const ChainState& state, std::size_t row) const {
    if (column == "empty") return (state.atoms.flags()[row] & kFlagEmptySite) != 0;
    std::string value;
    if (column.empty()) {
        value = state.atoms.className(state.atoms.classIds()[row]);
    } else {
        const AtomResultColumn* c = state.findColumn(column);
        if (!c)
            throw std::invalid_argument("no result column '" + column + "' (run the sub-model step first)");
        value = row < c->values.size() ? c->values[row] : std::string();
    }
    for (const auto& v : values)
        if (v == value) return true;
    return false;
}

std::vector<bool> matchNear(const ChainState& state, const AtomCondition& target, const AtomCondition& near,
                            int hops) {
    if (!state.graph)
        throw std::invalid_argument("the rule needs the lattice graph (add a 'graph' step before it)");
    const LatticeGraph& g = *state.graph;
    const std::size_t n = std::min(g.nodeCount(), state.atoms.size());
    std::vector<bool> isNear(n, false), out(n, false);
    for (std::size_t i = 0; i < n; ++i) isNear[i] = near.matches(state, i);
    for (std::size_t i = 0; i < n; ++i) {
        if (!target.matches(state, i)) continue;
        // Breadth-first search up to `hops` bonds.
        std::vector<std::size_t> frontier{i}, seen{i};
        bool found = isNear[i] && hops >= 0;
        for (int h = 0; h < hops && !found; ++h) {
            std::vector<std::size_t> next;
            for (std::size_t u : frontier)
                for (std::uint32_t k = g.offsets[u]; k < g.offsets[u + 1] && !found; ++k) {
                    const std::size_t v = g.neighbours[k];
                    if (v >= n || std::find(seen.begin(), seen.end(), v) != seen.end()) continue;
                    seen.push_back(v), next.push_back(v);
                    found = isNear[v];
                }
            frontier.swap(next);
        }
        out[i] = found;
    }
    return out;
}

const std::vector<ParamField<CountParams>>& CountParams::fields() {
    static const std::vector<ParamField<CountParams>> f{textField<CountParams>(
        "column", "Column", &CountParams::column, "result column; empty = the atom class")};
    return f;
}

const std::vector<ParamField<CountNearParams>>& CountNearParams::fields() {
    static const std::vector<ParamField<CountNearParams>> f{
        textField<CountNearParams>("target", "Target", &CountNearParams::target, "e.g. mos2-dopant=dopant"),
        textField<CountNearParams>("near", "Near", &CountNearParams::near,
                                   "e.g. empty, or mos2-vacancy=isolated|line"),
        [] {
            auto h = integerField<CountNearParams>("hops", "Within", 0, 10, &CountNearParams::hops,
                                                   "graph distance (0 = the atom itself)");
            h.spec.unit = "bonds";
            return h;
        }(),
        textField<CountNearParams>("name", "Name", &CountNearParams::name,
                                   "name of the count and of the marking column")};
    return f;
}

namespace {

/// "count": rows per value of a result column (or of the atom class). Reads atoms and columns.
class CountStep : public ParamStep<CountParams> {
public:
    const StepInfo& info() const override {
        static const StepInfo info{"count",
                                   "Count per class",
                                   "Rules",
                                   "Counts rows per value of a result column (or of the atom class)",
                                   paramSpecs(CountParams::fields()),
                                   {StepData::Atoms, StepData::Columns},
                                   {StepData::Summary}};
        return info;
    }
    using ParamStep<CountParams>::run;
    StepResult run(const ChainState& state, const CountParams& params, JobContext&) const override {
        const std::string& column = params.column;
        std::map<std::string, double> counts;
        for (std::size_t r = 0; r < state.atoms.size(); ++r) {
            std::string v;
            if (column.empty())
                v = state.atoms.className(state.atoms.classIds()[r]);
            else if (const auto* c = state.findColumn(column))
                v = r < c->values.size() ? c->values[r] : "";
            else
                throw std::invalid_argument("no result column '" + column + "'");
            if (!v.empty()) counts[v] += 1;
        }
        StepResult out;
        for (const auto& [v, n] : counts)
            out.summary["count " + (column.empty() ? "class" : column) + "=" + v] = n;
        return out;
    }
};

/// "count-near": atoms matching a condition within some bonds of atoms matching another. Reads atoms,
/// columns and the graph; produces a marking column and two summary entries.
class CountNearStep : public ParamStep<CountNearParams> {
public:
    const StepInfo& info() const override {
        static const StepInfo info{
            "count-near",
            "Count near",
            "Rules",
            "Counts atoms matching 'target' with an atom matching 'near' within 'hops' bonds, and marks them",
            paramSpecs(CountNearParams::fields()),
            {StepData::Atoms, StepData::Columns, StepData::Graph},
            {StepData::Columns, StepData::Summary}};
        return info;
    }
    using ParamStep<CountNearParams>::run;
    StepResult run(const ChainState& state, const CountNearParams& params, JobContext&) const override {
        const auto target = AtomCondition::parse(params.target);
        const auto near = AtomCondition::parse(params.near);
        const std::string name = params.name.empty() ? params.target + " near " + params.near : params.name;
        const auto marked = matchNear(state, target, near, params.hops);
        double targets = 0, count = 0;
        AtomResultColumn column{name, std::vector<std::string>(state.atoms.size()), {}};
        for (std::size_t i = 0; i < marked.size(); ++i) {
            if (target.matches(state, i)) targets += 1;
            if (marked[i]) count += 1, column.values[i] = "yes";
        }
        StepResult out;
        out.columns.push_back(std::move(column));
        out.summary[name] = count;
        out.summary[name + " (of)"] = targets;
        out.log.push_back(name + ": " + std::to_string(int(count)) + " of " + std::to_string(int(targets)));
        return out;
    }
};

} // namespace

void registerRuleSteps(StepRegistry& registry) {
    registerStep<CountStep>(registry);
    registerStep<CountNearStep>(registry);
}

} // namespace atomlens
