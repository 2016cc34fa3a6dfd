#include "core/nn/NnExtensions.h"

#include "core/analysis/Benchmark.h"
#include "core/chain/StepRegistry.h"
#include "core/detect/Detector.h"
#include "core/nn/FcnDetector.h"
#include "core/nn/NetworkSteps.h"

namespace atomlens {

std::vector<BenchResult> runFcnBench(bool quick);
std::vector<BenchResult> runEgnnBench(bool quick);

void registerNnExtensions() {
    registerNetworkSteps(StepRegistry::instance());
    registerDetector("fcn", [](const Image& image, const DetectParams& p, JobContext& job) {
        FcnDetectParams f;
        f.model = p.model;
        f.refine = p.refine;
        return detectAtomsFcn(image, f, job);
    });
    registerBenchSuite(
        {"fcn", "FCN atom finder: 4096x4096 time, F1 on simulated MoS2 and real Pt atoms", runFcnBench});
    registerBenchSuite(
        {"egnn",
         "EGNN sub-models: parameters, invariance, pipeline accuracy, few-shot on a new domain, speed",
         runEgnnBench});
}

} // namespace atomlens
