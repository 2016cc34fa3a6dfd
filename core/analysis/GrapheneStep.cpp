// Task-chain step "graphene-dopants": Si dopants in graphene with their coordination. It lives in analysis
// (chain sits below analysis) and adds itself to the step registry when the program starts; the
// atomlens::analysis target makes every program linking it keep this object (the anchor below).
#include "core/analysis/GrapheneDopants.h"
#include "core/chain/ChainState.h"
#include "core/chain/StepRegistry.h"

#include <cmath>

namespace atomlens {

namespace {

void registerGrapheneStep(StepRegistry& registry) {
    StepDefinition step;
    step.id = "graphene-dopants";
    step.label = "Graphene dopants";
    step.category = "Detect";
    step.help =
        "Graphene columns at the image's own bond length, the honeycomb completed, dopants by brightness and "
        "their coordination (3-fold / 4-fold) from the bond graph, with a confidence";
    step.params = paramSpecs(GrapheneParams::fields());
    step.run = [](ChainState& state, const ParamValues& values, JobContext& job) {
        const GrapheneParams params = fromParamValues(values, GrapheneParams::fields());
        const GrapheneAnalysis a = analyseGrapheneImage(state.image(), params, job);
        state.atoms = a.atoms;
        state.graph.reset();
        state.columns.clear();
        AtomResultColumn& c = state.column("coordination");
        c.values.assign(a.atoms.size(), "");
        c.confidences.assign(a.atoms.size(), std::nanf(""));
        std::size_t n3 = 0, n4 = 0;
        for (const auto& d : a.dopants) {
            c.values[d.row] = d.cls.empty() ? "unclassified" : d.cls;
            c.confidences[d.row] = d.confidence;
            n3 += d.cls == params.element + "3", n4 += d.cls == params.element + "4";
        }
        state.summary["dopants " + params.element + "3 (graph rule)"] = double(n3);
        state.summary["dopants " + params.element + "4 (graph rule)"] = double(n4);
        state.log.push_back("graphene-dopants: " + std::to_string(a.atoms.size()) + " columns (" +
                            std::to_string(a.added) + " completed), bond " + std::to_string(a.bondLength) +
                            " px, " + std::to_string(n3) + " 3-fold and " + std::to_string(n4) +
                            " 4-fold dopants");
    };
    registry.add(step);
}

[[maybe_unused]] const bool registered = (registerGrapheneStep(StepRegistry::instance()), true);

} // namespace

} // namespace atomlens

/// Referenced by the linker option in core/analysis/CMakeLists.txt, so that this object (and with it
/// the registration above) is always part of a program that links atomlens::analysis.
extern "C" {
extern int atomlens_graphene_step_anchor;
int atomlens_graphene_step_anchor = 1;
}
