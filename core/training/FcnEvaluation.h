#pragma once
#include "core/detect/DetectionMetrics.h"
#include "core/nn/FcnDetector.h"
#include "core/nn/ModelCard.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// Scores of one evaluation image set.
struct FcnEvaluation {
    std::string name;      ///< e.g. "simulated MoS2 512x512, dose 1e4"
    DetectionScore all;    ///< every column (matchPoints: Hungarian within the tolerance)
    DetectionScore mo, s2; ///< MoS2 only: Mo and S2 columns (scoreByClass)
    int images = 0;
};

/// Detects on simulated 2H-MoS2 (mos2 preset defaults: 0.16 A/px, probe 0.45 A) at the given dose and
/// scores against the truth with a 3 px tolerance, by the same rule as the classical detect bench
/// (scoreByClass: Hungarian matching, empty sites ignored, misses in the 3 px border band not counted). Seeds
/// start at `seed` (keep them apart from training seeds); `images` images of size x size.
FcnEvaluation evaluateFcnOnMoS2(const FcnModel& model, const FcnDetectParams& params, double dose,
                                int size = 512, int images = 2, std::uint64_t seed = 900001);

/// Detects on every <id>_*.tif with an <id>_Results.csv (columns X, Y in pixels) in `folder` (the
/// Pt single-atom HAADF set) and pools the scores with a 3 px tolerance (matchPoints, as the classical
/// bench). Throws InputError when the folder has no labelled images.
FcnEvaluation evaluateFcnOnLabelledFolder(const FcnModel& model, const FcnDetectParams& params,
                                          const std::string& folder);

/// Card metrics of an evaluation (F1, precision, recall; per class where present).
std::vector<ModelMetric> evaluationMetrics(const FcnEvaluation& e);

} // namespace atomlens
