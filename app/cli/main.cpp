// atomlens-cli: the engine, headless. Argument parsing and dispatch only.
#include "app/cli/Commands.h"
#include "app/cli/ProgramThreads.h"

#include "core/data/Errors.h"
#ifdef ATOMLENS_WITH_NN
#include "core/nn/ComputeDevice.h"
#include "core/nn/NnExtensions.h"
#endif

#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>

namespace atomlens::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        {"info",
         "info FILE|PROJECT [--signal INDEX|NAME]   JSON: frames, size, dtype, pixel size+unit, signals (a "
         "project: "
         "atoms, labels, predictions per frame)",
         cmdInfo},
        {"export",
         "export PROJECT.atomlens [-o ATOMS.csv] [--labels LABELS.csv] [--frame N]   a GUI project's atoms "
         "as "
         "shown (label, else prediction) and the user's labels (for finetune --labels)",
         cmdExport},
        {"simulate",
         "simulate --preset NAME --size N --seed S [--dose E] [--frames F] [--si-relaxed] [--contamination "
         "F] -o IMAGE.tif "
         "--truth TRUTH.csv",
         cmdSimulate},
        {"bench",
         "bench [SUITE...] [--quick] [--data DIR] [--set REAL_SET] [--device D] [-o RESULTS.json]   prints a "
         "table, writes JSON (--list: suites)",
         cmdBench},
        {"detect",
         "detect IMAGE [--method auto|classical|fcn] [--device auto|cpu|cuda] [--frame N] [--overlay "
         "OUT.png] "
         "[--threshold T] [--signal INDEX|NAME] [--pixel-size S [--unit U]] [--likelihood "
         "poisson|least-squares] [--gain G "
         "--read-noise R] -o ATOMS.csv",
         cmdDetect},
        {"graph",
         "graph ATOMS.csv|IMAGE -o GRAPH.json [--image IMAGE] [--motifs MOTIFS.json] [--motif-map MAP.png]"
         " [--describe KEY=VALUE]... [--motif KEY=VALUE]...",
         cmdGraph},
        {"run",
         "run IMAGE... --chain CHAIN.yaml -o OUTDIR [--frame N|--all-frames] [--device D] [--signal S] "
         "[--pixel-size S "
         "[--unit U]]   atoms.csv, "
         "graph.json, figures",
         cmdRun},
        {"batch",
         "batch INPUT... --chain CHAIN.yaml|--model MODEL -o OUTDIR [--workers N (items at a time, at most "
         "--threads; default 4 on a GPU)] [--no-resume] [--device D] [--batch-inference auto|on|off (one "
         "network pass for the items in flight; auto: on a GPU)] "
         "  "
         "folder/list/stack, resumable (--model: a shipped or fine-tuned model for every classify step)\n"
         "        [--slurm [--array-size N] [--partition P] [--time T] [--cpus-per-task C] [--gres G] "
         "[--sbatch-arg A]... [--dry-run] [--wait]]   as a Slurm job array + merge job",
         cmdBatch},
        {"track",
         "track SERIES -o OUTDIR [--gate PX] [--max-gap N] [--vacancy-fraction F] [--dopants "
         "[--dopant-method bonds|graphene]]   drift, "
         "tracks, site "
         "history, events (--dopants: Si 3-fold <-> 4-fold switches)",
         cmdTrack},
        {"stats",
         "stats IMAGE|ATOMS.csv -o OUTDIR [--frame N|--all-frames] [--dopant-classes A,B]   statistics as "
         "CSV",
         cmdStats},
#ifdef ATOMLENS_WITH_NN
        {"classify",
         "classify IMAGE --model MODEL|FOLDER [--atoms ATOMS.csv] [--dopants DOPANTS.csv] [--device "
         "auto|cpu|cuda] [--signal INDEX|NAME] [--pixel-size S [--unit U]] "
         "-o ATOMS.csv   one row per graph node (graphene-si: Si dopants with their coordination from the "
         "graph "
         "and the model)",
         cmdClassify},
        {"finetune",
         "finetune IMAGE --model MODEL --labels LABELS.csv [--epochs N] [--scratch] [--device D] -o "
         "NEW_MODEL   "
         "few-shot (a label with no node gets one)",
         cmdFinetune},
        {"train",
         "train --model NAME|--all [--seed S] [--images N] [--epochs E] [--graphs detected|truth|mixed] "
         "[--evaluate] [--device D] -o models   EGNN sub-models (the card lists every option)",
         cmdTrain},
        {"train-detector",
         "train-detector [--seed S] [--samples N] [--epochs E] [--scenes mixed|single-atoms] [--eval-folder "
         "DIR] [--device D] -o "
         "models/NAME   trains "
         "the FCN",
         cmdTrainDetector},
#endif
    };
    return all;
}

} // namespace atomlens::cli

namespace {
void usage(std::FILE* out) {
    std::fprintf(out, "usage: atomlens-cli COMMAND [ARGS]\n\ncommands:\n");
    for (const auto& c : atomlens::cli::commands()) std::fprintf(out, "  %s\n", c.synopsis);
    std::fprintf(out, "\n'atomlens-cli COMMAND --help' shows a command's options.\n");
    std::fprintf(
        out, "Every command takes --threads N: the threads of its one pool (default: ATOMLENS_THREADS, else "
             "all hardware threads; 2 for training).\n");
}
} // namespace

int main(int argc, char** argv) {
#ifdef ATOMLENS_WITH_NN
    atomlens::registerNnExtensions(); // the "fcn" detector and bench suite
#endif
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::string name = argv[1];
    for (const auto& c : atomlens::cli::commands()) {
        if (name != c.name) continue;
        std::vector<std::string> args(argv + 2, argv + argc);
        for (const auto& a : args)
            if (a == "--help" || a == "-h") {
                std::printf("usage: atomlens-cli %s\n", c.synopsis);
                return 0;
            }
        try {
            // One setting for the program's pool and LibTorch; training keeps its recipes' 2 threads.
            const bool training = name == "train" || name == "train-detector" || name == "finetune-detector";
            atomlens::cli::takeThreadsOption(args, training ? 2 : 0);
#ifdef ATOMLENS_WITH_NN
            atomlens::setTorchThreads(atomlens::cli::programThreads());
#endif
            return c.run(args);
        } catch (const std::invalid_argument& e) {
            std::fprintf(stderr, "atomlens-cli %s: %s\n", c.name, e.what());
            return 2;
        } catch (const atomlens::CanceledError&) {
            std::fprintf(stderr, "atomlens-cli %s: canceled\n", c.name);
            return 130;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "atomlens-cli %s: %s\n", c.name, e.what());
            return 1;
        }
    }
    std::fprintf(stderr, "atomlens-cli: unknown command '%s'\n", name.c_str());
    usage(stderr);
    return 2;
}
