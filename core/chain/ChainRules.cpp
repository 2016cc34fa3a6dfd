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

void registerRuleSteps(StepRegistry& registry) {
    {
        StepDefinition step;
        step.id = "count";
        step.label = "Count per class";
        step.category = "Rules";
        step.help = "Counts rows per value of a result column (or of the atom class)";
        step.params = {{"column",
                        "Column",
                        "",
                        "result column; empty = the atom class",
                        ParamSpec::Type::Text,
                        0,
                        0,
                        {}}};
        step.run = [](ChainState& state, const ParamValues& values, JobContext&) {
            const std::string column = values.has("column") ? values.text("column") : std::string();
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
            for (const auto& [v, n] : counts)
                state.summary["count " + (column.empty() ? "class" : column) + "=" + v] = n;
        };
        registry.add(step);
    }
    {
        StepDefinition step;
        step.id = "count-near";
        step.label = "Count near";
        step.category = "Rules";
        step.help =
            "Counts atoms matching 'target' with an atom matching 'near' within 'hops' bonds, and marks them";
        step.params = {{"target", "Target", "", "e.g. mos2-dopant=dopant", ParamSpec::Type::Text, 0, 0, {}},
                       {"near",
                        "Near",
                        "",
                        "e.g. empty, or mos2-vacancy=isolated|line",
                        ParamSpec::Type::Text,
                        0,
                        0,
                        {}},
                       {"hops",
                        "Within",
                        "bonds",
                        "graph distance (0 = the atom itself)",
                        ParamSpec::Type::Integer,
                        0,
                        10,
                        {}},
                       {"name",
                        "Name",
                        "",
                        "name of the count and of the marking column",
                        ParamSpec::Type::Text,
                        0,
                        0,
                        {}}};
        step.run = [](ChainState& state, const ParamValues& values, JobContext&) {
            const auto target = AtomCondition::parse(values.text("target"));
            const auto near = AtomCondition::parse(values.text("near"));
            const int hops =
                values.has("hops")
                    ? int(parseNumberParam({"hops", "", "", "", ParamSpec::Type::Integer, 0, 10, {}},
                                           values.text("hops")))
                    : 1;
            const std::string name = values.has("name")
                                         ? values.text("name")
                                         : values.text("target") + " near " + values.text("near");
            const auto marked = matchNear(state, target, near, hops);
            double targets = 0, count = 0;
            auto& column = state.column(name);
            for (std::size_t i = 0; i < marked.size(); ++i) {
                if (target.matches(state, i)) targets += 1;
                if (marked[i]) count += 1, column.values[i] = "yes";
            }
            state.summary[name] = count;
            state.summary[name + " (of)"] = targets;
            state.log.push_back(name + ": " + std::to_string(int(count)) + " of " +
                                std::to_string(int(targets)));
        };
        registry.add(step);
    }
}

} // namespace atomlens
