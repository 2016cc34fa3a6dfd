#include "core/nn/ModelDetection.h"

#include "core/analysis/GrapheneDopants.h"
#include "core/detect/Detector.h"

namespace atomlens {

AtomTable detectForModel(const std::string& modelName, const Image& image, JobContext& job) {
    if (modelName != "graphene-si") return detectAtoms(image, DetectParams{}, job);
    AtomTable atoms = analyseGrapheneImage(image, GrapheneParams{}, job).atoms;
    for (std::size_t i = 0; i < atoms.size(); ++i) atoms.setClass(i, -1, 0);
    atoms.setClassNames({});
    return atoms;
}

std::string atomSourceOf(const ModelCard& card) {
    if (!card.inputs.atoms.empty()) return card.inputs.atoms;
    return card.name == "graphene-si" ? "graphene" : "";
}

AtomTable detectForModel(const ModelCard& card, const Image& image, JobContext& job) {
    return detectForModel(atomSourceOf(card) == "graphene" ? std::string("graphene-si") : card.name, image,
                          job);
}

} // namespace atomlens
