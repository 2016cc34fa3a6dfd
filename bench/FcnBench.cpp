#include "bench/Benchmark.h"
#include "bench/RealBench.h"
#include "core/nn/ComputeDevice.h"
#include "core/simulate/Simulator.h"
#include "core/training/FcnEvaluation.h"
#include "core/training/FcnScenes.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace atomlens {

/// The "fcn" suite: FCN detection speed (CPU or CUDA, as available) and accuracy of the shipped model on
/// simulated MoS2 and on the real Pt single-atom images.
std::vector<BenchResult> runFcnBench(bool quick) {
    std::vector<BenchResult> out;
    const FcnModel model = FcnModel::load(loadModel("fcn-atoms"));
    const FcnDetectParams params;
    const std::string device = activeDeviceDescription();
    SimulationParams p;
    p.seed = 7;
    p.width = p.height = quick ? 256 : 4096;
    const Image big = simulate(p).micrograph.frame(0);
    std::size_t found = 0;
    const double t = timeBestOf(1, [&] { found = detectAtomsFcn(big, model, params).size(); });
    out.push_back({"fcn",
                   "FCN detect " + std::to_string(p.width) + "x" + std::to_string(p.height) + " MoS2 (" +
                       device + ", " + std::to_string(found) + " atoms)",
                   t, "s", "model loaded beforehand; classical detector's target is 3 s"});
    for (double dose : quick ? std::vector<double>{1e5} : std::vector<double>{1e4, 1e5, 1e6}) {
        const FcnEvaluation e = evaluateFcnOnMoS2(model, params, dose, quick ? 256 : 512, quick ? 1 : 2);
        out.push_back({"fcn", "F1 Mo, " + e.name, e.mo.f1, "F1", "tolerance 3 px"});
        out.push_back({"fcn", "F1 S2, " + e.name, e.s2.f1, "F1", "tolerance 3 px"});
    }
    // Real labelled data is not installed: --data, $ATOMLENS_SHARED_DATA or a shared/data beside
    // (realDataDir).
    const std::string pt = bench::realDataDir().empty()
                               ? std::string()
                               : (bench::realDataDir() / "micrographs" / "pt-single-atoms").string();
    if (!quick && !pt.empty() && std::filesystem::is_directory(pt)) {
        const FcnEvaluation e = evaluateFcnOnLabelledFolder(model, params, pt);
        out.push_back({"fcn", "precision, " + e.name, e.all.precision, "", "tolerance 3 px"});
        out.push_back({"fcn", "recall, " + e.name, e.all.recall, "", "tolerance 3 px"});
        out.push_back({"fcn", "F1, " + e.name, e.all.f1, "F1", "tolerance 3 px"});
    } else if (!quick) {
        std::fprintf(stderr, "fcn bench: %s absent, Pt scores skipped\n", pt.c_str());
    }
    return out;
}

} // namespace atomlens
