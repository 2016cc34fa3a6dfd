#pragma once
#include "core/base/Parameters.h"
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/job/JobContext.h"
#include "core/nn/FcnInput.h"
#include "core/nn/FcnModel.h"

#include <string>
#include <vector>

namespace atomlens {

/// Settings of the FCN atom finder.
struct FcnDetectParams {
    std::string model = "fcn-atoms"; ///< model name, card path or folder (resolveModel)
    double threshold = 0.5;          ///< probability a peak of the atom map must reach
    double minDistance = 2.0;        ///< px: weaker peaks closer than this to a stronger one are dropped
    int tileSize = 512;              ///< inference tile side, px (0 = whole image at once)
    bool refine = true;              ///< sub-pixel Gaussian refinement of the centres (when available)

    /// Field metadata for YAML task chains and generated forms.
    static const std::vector<ParamField<FcnDetectParams>>& fields();
};

/// Atom centres from a probability map: local maxima >= threshold, weaker ones within minDistance of a
/// stronger one dropped, each centre the probability-weighted centroid of its 5x5 neighbourhood.
/// Confidence = peak probability; classId -1.
AtomTable atomsFromProbability(const Image& probability, double threshold, double minDistance);

/// Finds atom columns with an already loaded model: normalise, tiled FCN inference, peaks, centres.
AtomTable detectAtomsFcn(const Image& image, const FcnModel& model, const FcnDetectParams& params,
                         JobContext& job = nullJobContext());

/// Loads params.model (resolveModel) and finds atom columns. Throws InputError for a bad model.
AtomTable detectAtomsFcn(const Image& image, const FcnDetectParams& params,
                         JobContext& job = nullJobContext());

/// The positions of a table (for scoring).
std::vector<Point2> atomPositions(const AtomTable& atoms);

} // namespace atomlens
