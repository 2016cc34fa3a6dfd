#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/DeviceOption.h"
#include "app/cli/TerminalJob.h"

#include "core/detect/Detector.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/MicrographReader.h"
#include "core/nn/Classification.h"

#include <cstdio>
#include <stdexcept>

namespace atomlens::cli {

int cmdClassify(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"model", "atoms", "frame", "o", "output", "device"}, {});
    applyDeviceOption(args, "classify");
    if (args.positional().size() != 1) throw std::invalid_argument("expects exactly one IMAGE");
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output table: -o ATOMS.csv");
    const Micrograph m = readMicrograph(args.positional()[0]);
    const int frame = int(args.integer("frame", 0));
    if (frame < 0 || frame >= m.frameCount())
        throw std::invalid_argument("no frame " + std::to_string(frame));
    const EgnnModel model = EgnnModel::load(loadModel(args.require("model")));
    TerminalJob job;
    const AtomTable atoms = args.has("atoms") ? readAtomsCsv(args.get("atoms"))
                                              : detectAtoms(m.frame(frame), DetectParams{}, job);
    // The graph the model was trained on (its card's graph and lattice settings).
    const PreparedGraph prepared =
        prepareGraph(m.frame(frame), atoms, model.architecture().graphLevel, job, model.graphSettings());
    const AtomTable nodes = classifyNodes(prepared, model);
    writeAtomsCsv(nodes, m.calibration, out);
    std::size_t empty = 0;
    for (auto f : nodes.flags()) empty += (f & kFlagEmptySite) ? 1 : 0;
    std::fprintf(stderr, "%zu atoms and %zu empty sites classified with %zu classes on %s -> %s\n",
                 nodes.size() - empty, empty, model.classes().size(), model.deviceName().c_str(),
                 out.c_str());
    return 0;
}

} // namespace atomlens::cli
