// Task-chain step "graphene-dopants": Si dopants in graphene with their coordination.
#include "core/analysis/GrapheneDopants.h"
#include "core/chain/StepRegistry.h"

#include <cmath>

namespace atomlens {
namespace {

/// Reads the image; produces the graphene columns as new atoms and a "coordination" column.
class GrapheneDopantsStep : public ParamStep<GrapheneParams> {
public:
    const StepInfo& info() const override {
        static const StepInfo info{
            "graphene-dopants",
            "Graphene dopants",
            "Detect",
            "Graphene columns at the image's own bond length, the honeycomb completed, dopants by brightness "
            "and their coordination (3-fold / 4-fold) from the bond graph, with a confidence",
            paramSpecs(GrapheneParams::fields()),
            {StepData::Image},
            {StepData::Atoms, StepData::Columns, StepData::Summary}};
        return info;
    }
    using ParamStep<GrapheneParams>::run;
    StepResult run(const ChainState& input, const GrapheneParams& params, JobContext& job) const override {
        const GrapheneAnalysis a = analyseGrapheneImage(input.image(), params, job);
        StepResult r;
        r.atoms = a.atoms;
        r.setGraph = true;
        r.clearResults = true;
        AtomResultColumn c{"coordination", std::vector<std::string>(a.atoms.size()),
                           std::vector<float>(a.atoms.size(), std::nanf(""))};
        std::size_t n3 = 0, n4 = 0;
        for (const auto& d : a.dopants) {
            c.values[d.row] = d.cls.empty() ? "unclassified" : d.cls;
            c.confidences[d.row] = d.confidence;
            n3 += d.cls == params.element + "3", n4 += d.cls == params.element + "4";
        }
        r.columns.push_back(std::move(c));
        r.summary["dopants " + params.element + "3 (graph rule)"] = double(n3);
        r.summary["dopants " + params.element + "4 (graph rule)"] = double(n4);
        r.log.push_back("graphene-dopants: " + std::to_string(a.atoms.size()) + " columns (" +
                        std::to_string(a.added) + " completed), bond " + std::to_string(a.bondLength) +
                        " px, " + std::to_string(n3) + " 3-fold and " + std::to_string(n4) +
                        " 4-fold dopants");
        return r;
    }
};

// Lives in analysis (chain sits below it) and adds itself to the registry when the program starts;
// core/analysis/CMakeLists.txt keeps this object in every program that links atomlens::analysis.
[[maybe_unused]] const bool registered = (registerStep<GrapheneDopantsStep>(StepRegistry::instance()), true);

} // namespace

} // namespace atomlens

/// Referenced by the linker option in core/analysis/CMakeLists.txt.
extern "C" {
extern int atomlens_graphene_step_anchor;
int atomlens_graphene_step_anchor = 1;
}
