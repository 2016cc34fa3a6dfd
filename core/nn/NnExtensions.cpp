#include "core/nn/NnExtensions.h"

#include "core/chain/StepRegistry.h"
#include "core/detect/Detector.h"
#include "core/nn/FcnDetector.h"
#include "core/nn/NetworkSteps.h"

namespace atomlens {

void registerNnExtensions() {
    registerNetworkSteps(StepRegistry::instance());
    registerDetector("fcn", [](const Image& image, const DetectParams& p, JobContext& job) {
        FcnDetectParams f;
        f.model = p.model;
        f.refine = p.refine;
        return detectAtomsFcn(image, f, job);
    });
}

} // namespace atomlens
