#include "core/nn/GraphSettings.h"

#include "core/data/Errors.h"

namespace atomlens {
namespace {

template <class P>
P fromMap(const std::map<std::string, std::string>& values, const std::vector<ParamField<P>>& fields,
          const ModelCard& card, const std::string& section) {
    ParamValues v;
    for (const auto& [key, value] : values) v.set(key, value);
    try {
        return fromParamValues(v, fields);
    } catch (const std::invalid_argument& e) {
        throw InputError(card.cardPath, "model card section '" + section + "': " + e.what());
    }
}

} // namespace

GraphSettings graphSettingsOf(const ModelCard& card) {
    GraphSettings s;
    s.graph = fromMap(card.graphParams, GraphParams::fields(), card, "graph");
    s.lattice = fromMap(card.latticeParams, LatticeParams::fields(), card, "lattice");
    return s;
}

void recordGraphSettings(ModelCard& card, const GraphSettings& settings) {
    card.graphParams = toParamValues(settings.graph, GraphParams::fields()).all();
    card.latticeParams = toParamValues(settings.lattice, LatticeParams::fields()).all();
}

} // namespace atomlens
