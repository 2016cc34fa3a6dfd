#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/DeviceOption.h"
#include "app/cli/TerminalJob.h"

#include "core/data/Errors.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/MicrographReader.h"
#include "core/nn/Classification.h"
#include "core/nn/FewShot.h"
#include "core/nn/FineTunedModel.h"
#include "core/nn/LabelPlacement.h"
#include "core/nn/ModelDetection.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace atomlens::cli {
namespace fs = std::filesystem;

int cmdFinetune(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"model", "labels", "atoms", "frame", "epochs", "seed", "o", "output", "device"},
                       {"scratch", "no-cv"});
    applyDeviceOption(args, "finetune");
    if (args.positional().size() != 1) throw std::invalid_argument("expects exactly one IMAGE");
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output model folder: -o NEW_MODEL");
    const std::string image = args.positional()[0];
    const std::string labelsPath = args.require("labels");
    const Micrograph m = readMicrograph(image);
    const int frame = int(args.integer("frame", 0));
    if (frame < 0 || frame >= m.frameCount())
        throw std::invalid_argument("no frame " + std::to_string(frame));

    const ModelCard baseCard = loadModel(args.require("model"));
    const fs::path folder(out);
    std::error_code ec;
    if (fs::equivalent(folder, fs::path(baseCard.cardPath).parent_path(), ec))
        throw std::invalid_argument(
            "the output folder is the base model's folder: a fine-tuned model never replaces it");
    const EgnnModel base = EgnnModel::load(baseCard);

    Labels labels;
    std::size_t row = 0;
    for (const auto& l : readPositionsCsv(labelsPath)) {
        ++row;
        if (l.className.empty())
            std::fprintf(stderr, "%s: row %zu at (%.1f, %.1f) has no class (x,y,class): skipped\n",
                         labelsPath.c_str(), row, l.x, l.y);
        else
            labels.add(l);
    }
    const std::vector<std::string> classes = labels.classNames();
    if (classes.size() < 2) throw InputError(labelsPath, "labels of at least two classes are needed");

    TerminalJob job;
    const auto started = std::chrono::steady_clock::now();
    // The atoms `classify --model` finds for this model (graphene-si: the graphene analysis), so the
    // labels sit on the graph the model will be applied to.
    const AtomTable atoms =
        args.has("atoms") ? readAtomsCsv(args.get("atoms")) : detectForModel(baseCard, m.frame(frame), job);
    // Labels without a node get one; unusable labels are reported and skipped, never fail the job.
    const PlacedLabels placed = placeLabels(m.frame(frame), atoms, labels, classes,
                                            base.architecture().graphLevel, base.graphSettings(), job);
    for (std::size_t i = 0; i < placed.placements.size(); ++i)
        std::fprintf(stderr, "%s\n", describePlacement(placed.placements[i], i).c_str());
    std::fprintf(stderr, "%zu of %zu labels used (%zu on new nodes), %zu skipped\n", placed.usedCount(),
                 labels.size(), placed.addedCount(), labels.size() - placed.usedCount());
    std::vector<std::string> usedClasses;
    for (const auto& p : placed.placements)
        if (p.used() &&
            std::find(usedClasses.begin(), usedClasses.end(), p.label.className) == usedClasses.end())
            usedClasses.push_back(p.label.className);
    if (usedClasses.size() < 2)
        throw InputError(labelsPath, "labels of at least two classes are needed; " +
                                         std::to_string(usedClasses.size()) +
                                         " class left after skipping the labels above");

    FewShotOptions options = fewShotDefaults();
    // From a base model the default recipe takes no optimiser step (fewShotDefaults); from scratch the
    // network has to be trained: FewShotOptions{}'s 120 steps unless --epochs says otherwise.
    options.epochs =
        int(args.integer("epochs", args.has("scratch") ? FewShotOptions{}.epochs : options.epochs));
    options.seed = std::uint64_t(args.integer("seed", 1));
    options.crossValidate = !args.has("no-cv");
    std::fprintf(stderr, "fine-tuning on %s\n", base.deviceName().c_str());
    FewShotResult result =
        fineTune(args.has("scratch") ? nullptr : &base, classes, {placed.prepared.input}, options, job);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    const std::string name = folder.filename().string().empty() ? "finetuned" : folder.filename().string();
    std::string command =
        "atomlens-cli finetune " + image + " --model " + args.get("model") + " --labels " + labelsPath;
    if (args.has("atoms")) command += " --atoms " + args.get("atoms");
    if (args.has("scratch")) command += " --scratch";
    command += " --epochs " + std::to_string(options.epochs) + " --seed " + std::to_string(options.seed) +
               " -o " + out;
    FineTuneRecord record = fineTuneRecord(result);
    record.name = name;
    record.description =
        "fine-tuned " + std::string(args.has("scratch") ? "from scratch" : "from " + baseCard.name) + " on " +
        std::to_string(result.labelCount) + " labels of " + fs::path(image).filename().string();
    record.command = command;
    record.seed = options.seed;
    record.atoms = atomSourceOf(baseCard);
    record.data = std::to_string(result.labelCount) + " user labels (" + labelsPath + ") on " + image + " (" +
                  std::to_string(placed.addedCount()) + " on nodes added for them, " +
                  std::to_string(labels.size() - placed.usedCount()) + " skipped)";
    // The labels were placed on the base model's graph: the card records those graph settings.
    saveFineTunedModel(result.model, base.graphSettings(), record, folder.string());
    std::printf("fine-tuned %s on %zu labels on %s in %.2f s (%.2f s in all)", name.c_str(),
                result.labelCount, result.model.deviceName().c_str(), result.trainSeconds, seconds);
    if (result.crossValidatedAccuracy >= 0)
        std::printf(", cross-validated accuracy %.3f (%d folds), calibration temperature %.2f",
                    result.crossValidatedAccuracy, result.folds, result.temperature);
    std::printf(" -> %s\n", folder.string().c_str());
    if (result.keptBase)
        std::fprintf(stderr,
                     "kept the base model: it gets %.3f of these labels right, fine-tuning %.3f on held-out "
                     "folds (the saved model answers as %s does)\n",
                     result.baseAccuracy, result.crossValidatedAccuracy, baseCard.name.c_str());
    return 0;
}

} // namespace atomlens::cli
