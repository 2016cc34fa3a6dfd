#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/DeviceOption.h"
#include "app/cli/SignalOption.h"
#include "app/cli/TerminalJob.h"

#include "core/analysis/GrapheneDopants.h"
#include "core/chain/TaskChain.h"
#include "core/detect/Detector.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/MicrographReader.h"
#include "core/nn/ModelCard.h"
#include "core/nn/ModelDetection.h"
#include "core/nn/NetworkSteps.h"

#include <cstdio>
#include <optional>
#include <stdexcept>

namespace atomlens::cli {

int cmdClassify(const std::vector<std::string>& argv) {
    const CliArgs args(
        argv, {"model", "atoms", "frame", "o", "output", "device", "dopants", "pixel-size", "unit", "signal"},
        {});
    applyDeviceOption(args, "classify");
    if (args.positional().size() != 1) throw std::invalid_argument("expects exactly one IMAGE");
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output table: -o ATOMS.csv");
    Micrograph m = readInputMicrograph(args, args.positional()[0]);
    const int frame = int(args.integer("frame", 0));
    if (frame < 0 || frame >= m.frameCount())
        throw std::invalid_argument("no frame " + std::to_string(frame));
    const LoadedClassifier classifier = loadClassifier(args.require("model"));
    const ModelCard& card = classifier.card;
    TerminalJob job;
    // Si in graphene: the graphene analysis gives the atoms and each dopant's coordination from the graph;
    // the model classifies the same atoms, and both go into the dopant table.
    const bool graphene = !args.has("atoms") && (atomSourceOf(card) == "graphene" || args.has("dopants"));
    std::optional<GrapheneAnalysis> dopants;
    AtomTable atoms;
    if (args.has("atoms")) {
        atoms = readAtomsCsv(args.get("atoms"));
    } else if (graphene) {
        dopants = analyseGrapheneImage(m.frame(frame), GrapheneParams{}, job);
        atoms = dopants->atoms;
        for (std::size_t i = 0; i < atoms.size(); ++i) atoms.setClass(i, -1, 0);
        atoms.setClassNames({});
    } else {
        atoms = detectForModel(card, m.frame(frame), job);
    }
    // The chain's classify step (the one classification pipeline): the graph the model was trained on
    // (its card's graph and lattice settings), empty ideal sites included, one pass of the model.
    ChainState state;
    state.micrograph = std::make_shared<const Micrograph>(std::move(m));
    state.frame = frame;
    state.atoms = std::move(atoms);
    ChainStep step{"classify", {}};
    step.params.set("model", card.cardPath);
    step.params.set("assign_class", "true");
    runChainStep(state, step, job);
    const AtomTable& nodes = state.atoms;
    writeAtomsCsv(nodes, state.micrograph->calibration, out);
    std::size_t empty = 0;
    for (auto f : nodes.flags()) empty += (f & kFlagEmptySite) ? 1 : 0;
    std::fprintf(stderr, "%zu atoms and %zu empty sites classified with %zu classes on %s -> %s\n",
                 nodes.size() - empty, empty, classifier.model->classes().size(),
                 classifier.model->deviceName().c_str(), out.c_str());
    if (dopants) {
        for (auto& d : dopants->dopants)
            if (nodes.classIds()[d.row] >= 0)
                d.modelClass = nodes.className(nodes.classIds()[d.row]),
                d.modelConfidence = nodes.confidences()[d.row];
        std::printf("%s", grapheneDopantTable(*dopants).c_str());
        std::size_t n3 = 0, n4 = 0;
        for (const auto& d : dopants->dopants) n3 += d.cls == "Si3", n4 += d.cls == "Si4";
        std::fprintf(stderr, "%zu dopants (graph rule: %zu Si3, %zu Si4; bond %.2f px)\n",
                     dopants->dopants.size(), n3, n4, dopants->bondLength);
        if (args.has("dopants")) writeGrapheneDopantsCsv(*dopants, args.get("dopants"));
    }
    return 0;
}

} // namespace atomlens::cli
