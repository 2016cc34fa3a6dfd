#pragma once
#include "core/base/Parameters.h"
#include "core/chain/ChainState.h"
#include "core/job/JobContext.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace atomlens {

/// The kinds of data a step reads and produces (declared per step, shown in menus and docs, and
/// checked by the chain runner before a step runs).
enum class StepData { Image, Atoms, Graph, Columns, Summary, Descriptors, Motifs, Series };

/// The name of a data kind ("image", "atoms", "graph", ...).
const char* stepDataName(StepData data);

/// What a step is, for menus, generated forms and YAML: a stable id (named in chains), a label and
/// category, help, the parameter specs (with defaults) and the data it reads and produces.
struct StepInfo {
    std::string id;
    std::string label;
    std::string category; ///< "Detect", "Structure", "Classify", "Describe", "Series", "Rules"
    std::string help;
    std::vector<ParamSpec> params;
    std::vector<StepData> inputs;  ///< what it must find (a missing image, graph, descriptors or
                                   ///< motifs is an error naming the step)
    std::vector<StepData> outputs; ///< what it produces
};

/// What a step returns: new values only. The chain runner applies them to its state (applyStepResult),
/// so no step changes shared state behind the runner's back.
struct StepResult {
    std::optional<AtomTable> atoms; ///< replaces the atoms (row order kept unless `graph` says otherwise)
    bool setGraph = false;          ///< replace the graph with `graph` (null: drop it)
    std::shared_ptr<LatticeGraph> graph;
    bool clearResults = false;             ///< drop the result columns, descriptors and motifs
    std::vector<AtomResultColumn> columns; ///< set (or replace) these result columns by name
    std::shared_ptr<const FeatureMatrix> descriptors;
    std::shared_ptr<const MotifResult> motifs;
    std::shared_ptr<const SeriesAnalysis> series;
    std::shared_ptr<const ImageStatistics> statistics;
    std::map<std::string, double> summary; ///< added to (or replacing) the state's summary entries
    std::vector<std::string> log;
};

/// One analysis step. Subclasses are stateless (run is const and may be called from several threads).
class Step {
public:
    virtual ~Step() = default;
    virtual const StepInfo& info() const = 0;
    /// Runs on a read-only snapshot of the chain state with the parameters as text (checked against
    /// info().params; throws std::invalid_argument naming a bad key).
    virtual StepResult run(const ChainState& input, const ParamValues& values, JobContext& job) const = 0;
};

/// A step with a typed Params struct P (P::fields() binds its members to ParamSpecs with defaults):
/// subclasses implement `StepResult run(const ChainState&, const P&, JobContext&) const`.
template <class P> class ParamStep : public Step {
public:
    using Params = P;
    /// The struct P read from text values (missing keys keep P{}'s defaults).
    static P parse(const ParamValues& values) { return fromParamValues(values, P::fields()); }
    StepResult run(const ChainState& input, const ParamValues& values, JobContext& job) const final {
        return run(input, parse(values), job);
    }
    virtual StepResult run(const ChainState& input, const P& params, JobContext& job) const = 0;
};

/// Applies a step's result to a state (the only place chain state changes): atoms, graph, columns
/// (resized to the atom rows), descriptors, motifs, series, statistics, summary and log.
void applyStepResult(ChainState& state, StepResult result);

/// Checks that the state has what the step reads (throws std::invalid_argument naming the step and
/// the missing input, e.g. "step 'motifs' needs descriptors (add a 'descriptors' step before it)").
void checkStepInputs(const StepInfo& info, const ChainState& state);

} // namespace atomlens
