#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/MicrographReader.h"
#include "core/io/ProjectFile.h"
#include "core/io/TiffWriter.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace atomlens::cli {
namespace {

/// The pixel size to write: the project's override, else the micrograph's (when it is where the
/// project says), else pixels.
Calibration projectCalibration(const Project& p) {
    if (p.hasCalibration) return p.calibration;
    if (p.imageMissing) {
        std::fprintf(stderr, "warning: micrograph %s not found: positions in pixels only\n",
                     p.imagePath.c_str());
        return {};
    }
    return readMicrograph(p.imagePath).calibration;
}

void writeLabelsCsv(const Labels& labels, const std::string& path) {
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp);
        out.precision(10);
        out << "x,y,class\n";
        for (const auto& l : labels.items()) out << l.x << ',' << l.y << ',' << l.className << '\n';
        if (!out.flush()) throw InputError(path, "cannot be written");
    });
}

} // namespace

int cmdExport(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"o", "output", "frame", "labels"}, {});
    if (args.positional().size() != 1) throw std::invalid_argument("expects exactly one PROJECT");
    const std::string path = args.positional()[0];
    if (!isProjectFile(path)) throw InputError(path, "not an AtomLens project (.atomlens)");
    const Project p = readProject(path);
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty() && !args.has("labels"))
        throw std::invalid_argument("missing output: -o ATOMS.csv and/or --labels LABELS.csv");
    const int frame = int(args.integer("frame", p.view.frame));
    if (frame < 0 || frame >= int(p.frames.size()))
        throw std::invalid_argument("no frame " + std::to_string(frame) + " in " + path + " (it has " +
                                    std::to_string(p.frames.size()) + ")");
    const FrameDocument& f = p.frames[std::size_t(frame)];
    if (!out.empty()) {
        // What the GUI shows: the user's label where there is one, else the newest prediction.
        const AtomTable shown = composeShown(f.atoms, f.predictions);
        writeAtomsCsv(shown, projectCalibration(p), out);
        std::fprintf(stderr, "%zu atoms of frame %d (%zu labelled by the user) -> %s\n", shown.size(), frame,
                     userLabelsOf(f.atoms).size(), out.c_str());
    }
    if (args.has("labels")) {
        const Labels labels = userLabelsOf(f.atoms);
        writeLabelsCsv(labels, args.get("labels"));
        std::fprintf(stderr, "%zu labels of frame %d -> %s\n", labels.size(), frame,
                     args.get("labels").c_str());
    }
    return 0;
}

} // namespace atomlens::cli
