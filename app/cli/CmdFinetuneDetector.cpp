// atomlens-cli train-detector --finetune --images A.tif B.png --labels A.csv B.csv [-o models/NAME]
#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/ProgramThreads.h"
#include "app/cli/TerminalJob.h"

#include "core/data/Errors.h"
#include "core/detect/DetectionMetrics.h"
#include "core/detect/Detector.h"
#include "core/io/CsvTable.h"
#include "core/io/MicrographReader.h"
#include "core/nn/FcnDetector.h"
#include "core/nn/FcnFinetune.h"
#include "core/nn/FcnModel.h"
#include "core/nn/ModelCard.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace atomlens::cli {

namespace {

/// "--images A B --labels C D" -> "--images A --images B --labels C --labels D" (lists end at the next
/// option).
std::vector<std::string> expandLists(const std::vector<std::string>& argv) {
    const std::vector<std::string> lists = {"--images", "--labels", "--eval-images", "--eval-labels"};
    std::vector<std::string> out;
    std::string current;
    for (const auto& a : argv) {
        if (!a.empty() && a[0] == '-') {
            current = std::find(lists.begin(), lists.end(), a) != lists.end() ? a : "";
            if (current.empty()) out.push_back(a);
            continue;
        }
        if (!current.empty())
            out.push_back(current), out.push_back(a);
        else
            out.push_back(a);
    }
    return out;
}

FcnLabelledImage readLabelled(const std::string& image, const std::string& labels) {
    FcnLabelledImage li;
    li.image = readMicrograph(image).frame(0);
    li.name = image;
    const CsvTable t = CsvTable::read(labels);
    const int cx = t.requireColumn("x", labels), cy = t.requireColumn("y", labels);
    for (std::size_t r = 0; r < t.rowCount(); ++r)
        li.atoms.push_back({t.number(r, cx, labels), t.number(r, cy, labels)});
    if (li.atoms.empty()) throw InputError(labels, "has no labelled atoms (rows of x,y)");
    return li;
}

std::vector<FcnLabelledImage> readPairs(const std::vector<std::string>& images,
                                        const std::vector<std::string>& labels, const std::string& what) {
    if (images.size() != labels.size())
        throw std::invalid_argument(what + ": " + std::to_string(images.size()) + " images but " +
                                    std::to_string(labels.size()) + " label files (give one CSV per image)");
    std::vector<FcnLabelledImage> out;
    for (std::size_t i = 0; i < images.size(); ++i) out.push_back(readLabelled(images[i], labels[i]));
    return out;
}

/// Micro-averaged P/R/F1 at `tolerance` px over labelled images of the detections `detect` gives.
template <typename Detect>
DetectionScore scoreWith(const std::vector<FcnLabelledImage>& images, double tolerance, Detect detect) {
    std::size_t tp = 0, fp = 0, fn = 0;
    for (const auto& li : images) {
        const AtomTable atoms = detect(li.image);
        std::vector<Point2> det(atoms.size()), truth;
        for (std::size_t i = 0; i < atoms.size(); ++i) det[i] = {atoms.xs()[i], atoms.ys()[i]};
        for (const auto& p : li.atoms) truth.push_back({p.x, p.y});
        const DetectionScore s = scoreMatching(matchPoints(det, truth, tolerance), det, truth);
        tp += s.truePositives, fp += s.falsePositives, fn += s.falseNegatives;
    }
    DetectionScore s;
    s.truePositives = tp, s.falsePositives = fp, s.falseNegatives = fn;
    s.precision = tp + fp ? double(tp) / double(tp + fp) : 1.0;
    s.recall = tp + fn ? double(tp) / double(tp + fn) : 1.0;
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    return s;
}

DetectionScore score(const FcnModel& model, const std::vector<FcnLabelledImage>& images, double tolerance) {
    return scoreWith(images, tolerance, [&](const Image& image) {
        return detectAtomsFcn(image, model, FcnDetectParams{}, nullJobContext());
    });
}

/// The classical detector (`detect --method classical`) on the same images, for comparison.
DetectionScore scoreClassical(const std::vector<FcnLabelledImage>& images, double tolerance) {
    return scoreWith(images, tolerance, [](const Image& image) {
        DetectParams p;
        p.method = "classical";
        return detectAtoms(image, p, nullJobContext());
    });
}

/// Held-out images grouped by their folder (one group per data set), in order of first appearance.
std::vector<std::pair<std::string, std::vector<FcnLabelledImage>>>
byFolder(const std::vector<FcnLabelledImage>& images) {
    std::vector<std::pair<std::string, std::vector<FcnLabelledImage>>> groups;
    for (const auto& li : images) {
        const std::string folder = std::filesystem::path(li.name).parent_path().filename().string();
        auto it =
            std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == folder; });
        if (it == groups.end()) groups.push_back({folder, {}}), it = groups.end() - 1;
        it->second.push_back(li);
    }
    return groups;
}

} // namespace

int cmdFinetuneDetector(const std::vector<std::string>& rawArgv) {
    const CliArgs args(expandLists(rawArgv),
                       {"images", "labels", "eval-images", "eval-labels", "model", "steps", "lr", "seed",
                        "threads", "patch", "batch", "tolerance", "augment-noise", "o", "output"},
                       {"finetune"});
    if (!args.positional().empty())
        throw std::invalid_argument("unexpected argument '" + args.positional()[0] + "'");
    const auto train = readPairs(args.getAll("images"), args.getAll("labels"), "--images/--labels");
    if (train.empty())
        throw std::invalid_argument("missing --images A.tif ... --labels A.csv ... to fine-tune on");
    const auto held =
        readPairs(args.getAll("eval-images"), args.getAll("eval-labels"), "--eval-images/--eval-labels");
    FcnFinetuneParams p;
    p.steps = int(args.integer("steps", p.steps));
    p.learningRate = args.number("lr", p.learningRate);
    p.seed = std::uint64_t(args.integer("seed", 1));
    p.threads = programThreads(); // --threads N, taken by main for the pool and LibTorch
    p.patchSize = int(args.integer("patch", p.patchSize));
    p.batchSize = int(args.integer("batch", p.batchSize));
    p.augmentNoise = args.number("augment-noise", p.augmentNoise);
    if (!(p.augmentNoise >= 0 && p.augmentNoise <= 1))
        throw std::invalid_argument("--augment-noise must be between 0 and 1");
    const double tolerance = args.number("tolerance", 3.0);
    const std::string baseName = args.get("model", "fcn-atoms");
    std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) out = "models/fcn-finetuned";
    std::string command = "atomlens-cli train-detector";
    for (const auto& a : rawArgv) command += " " + a;

    const ModelCard baseCard = loadModel(baseName);
    FcnModel model = FcnModel::load(baseCard);
    TerminalJob job;
    DetectionScore before;
    if (!held.empty()) {
        before = score(model, held, tolerance);
        std::fprintf(stderr, "base model on %zu held-out images: precision %.3f recall %.3f F1 %.3f\n",
                     held.size(), before.precision, before.recall, before.f1);
    }
    std::fprintf(stderr, "fine-tuning %s on %zu labelled images (%s)\n", baseCard.name.c_str(), train.size(),
                 model.deviceName().c_str());
    const FcnFinetuneReport report = finetuneFcn(model, train, p, job);
    std::fprintf(stderr, "fine-tuned %d steps in %.1f s, loss %.4f -> %.4f\n", report.steps, report.seconds,
                 report.firstLoss, report.lastLoss);

    std::vector<ModelMetric> metrics;
    if (!held.empty()) {
        const DetectionScore after = score(model, held, tolerance);
        std::fprintf(stderr, "fine-tuned model on %zu held-out images: precision %.3f recall %.3f F1 %.3f\n",
                     held.size(), after.precision, after.recall, after.f1);
        std::string heldNames;
        for (const auto& li : held) heldNames += " " + std::filesystem::path(li.name).filename().string();
        const std::string note = "held out (not trained on):" + heldNames;
        metrics.push_back(
            {"F1 at " + std::to_string(int(tolerance)) + " px, held-out images", after.f1, note});
        metrics.push_back({"precision, held-out images", after.precision, note});
        metrics.push_back({"recall, held-out images", after.recall, note});
        metrics.push_back({"F1 of the base model on the same images", before.f1, baseCard.name});
        const DetectionScore classical = scoreClassical(held, tolerance);
        std::fprintf(stderr, "classical detector on the same images: precision %.3f recall %.3f F1 %.3f\n",
                     classical.precision, classical.recall, classical.f1);
        metrics.push_back(
            {"F1 of the classical detector on the same images", classical.f1, "detect --method classical"});
        // Per data set (folder) when the held-out images come from several.
        const auto groups = byFolder(held);
        for (std::size_t g = 0; groups.size() > 1 && g < groups.size(); ++g) {
            const auto& [folder, images] = groups[g];
            const DetectionScore m = score(model, images, tolerance), c = scoreClassical(images, tolerance);
            std::fprintf(stderr,
                         "  %s (%zu held-out images): F1 %.3f (precision %.3f recall %.3f), classical %.3f\n",
                         folder.c_str(), images.size(), m.f1, m.precision, m.recall, c.f1);
            const std::string note = std::to_string(images.size()) + " held-out images";
            metrics.push_back(
                {"F1 at " + std::to_string(int(tolerance)) + " px, held-out " + folder, m.f1, note});
            metrics.push_back({"precision, held-out " + folder, m.precision, note});
            metrics.push_back({"recall, held-out " + folder, m.recall, note});
            metrics.push_back({"F1 of the classical detector, held-out " + folder, c.f1, note});
        }
    }
    std::vector<std::string> names;
    for (const auto& li : train) names.push_back(li.name);
    const std::string cardPath =
        saveFinetunedDetector(model, baseCard, p, report, names, out, command, metrics);
    const std::string weights = (std::filesystem::path(cardPath).parent_path() /
                                 (std::filesystem::path(cardPath).stem().string() + ".pt"))
                                    .string();
    std::fprintf(stderr, "wrote %s and %s (use it: detect IMAGE --model %s)\n", weights.c_str(),
                 cardPath.c_str(), cardPath.c_str());
    return 0;
}

} // namespace atomlens::cli
