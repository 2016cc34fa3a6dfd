#pragma once
// Internal to refinement (RefineGaussian.cpp): the Poisson maximum-likelihood pass that follows the
// least-squares passes.
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/detect/ColumnModels.h"
#include "core/detect/NoiseModel.h"
#include "core/job/JobContext.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace atomlens {
namespace refine {

/// What the likelihood pass needs besides the columns.
struct LikelihoodSettings {
    const NoiseModel* given = nullptr; ///< the detector's noise model (else estimated from the image)
    double windowScale = 1.4;          ///< windows are each column's radius times this (3.5 sigma)
    int sweeps = 1;                    ///< refits of all groups, each against the previous sweep's models
    int maxIterations = 30;
    /// Fitted columns whose centres lie within this many sigma (the larger fitted sigma of the pair) of
    /// a group's column are fitted with the group, all their parameters free, and only the group's
    /// results kept: when a probe is so wide that neighbours' cores lie inside the window, subtracting
    /// their models as known biases the fit, and the bound with them held known is too optimistic.
    /// 3.5 = the window radius; MoS2's Mo-S distance is 4.1 sigma at probe 0.45 A, 3.1 at 0.6 A. 0 = off.
    double jointReach = 3.5;
    /// ... but only when at least this share of the groups has such neighbours (the probe is wide against
    /// the spacing); otherwise every neighbour is subtracted as known, in one sweep.
    double jointShare = 0.25;
    /// When the first sweep fitted any group with neighbours: sweeps in all, the ones beyond `sweeps`
    /// refitting only those groups (the others' models stay)
    int jointSweeps = 4;
    /// With neighbourhood fits in a pass that refines at least half of the columns of an image whose
    /// probe is wide: every column has the same width (one probe), held fixed in each fit and updated
    /// between sweeps by a Fisher-scoring step pooled over all fits (starting from the amplitude^2-
    /// weighted median of the least-squares widths); columns whose least-squares fit failed are started
    /// at their position with that width and fitted with their neighbours (they stay failed when that
    /// fit fails too). Free widths let a dim column that overlaps a bright one widen over its
    /// neighbour's light.
    bool commonWidth = true;
    /// jointSweeps when the widths are shared (the common width converges over the sweeps too)
    int sharedWidthSweeps = 6;
    /// Without a common width: each column's width has a Gaussian prior fitted across the image from the
    /// least-squares fits of the noise-model sample (estimateWidthPrior; random effects), so that dim
    /// columns borrow their width from the population while bright ones keep their own.
    bool widthPrior = true;
    /// false: the least-squares columns stay and only their standard errors and bounds are computed
    /// (also when the noise model has no shot noise: equal weights would refit the same columns)
    bool refit = true;
};

/// Per-column results of the likelihood pass (indexed like `cols`).
struct LikelihoodOutput {
    NoiseModel noise; ///< the model used (given or estimated)
    std::vector<ColumnErrors> errors, bounds;
    std::vector<char> done;     ///< 1 where errors/bounds were set
    std::vector<char> refitted; ///< 1 where the last fit of the column was the likelihood fit
};

/// Refits the fitted columns of `groups` (target rows, jointly where a group has several) by Poisson
/// maximum likelihood with every other modelled column subtracted, in `sweeps` rounds (Jacobi: each
/// round against a snapshot of the previous one's models, so neighbours converge to the joint
/// optimum). Pixels nearer to a column without a model are left out, as are pixels where the other
/// columns' models exceed the group's own and a tenth of its peak. Without a given noise model, the
/// first round fits a sample of about 1000 groups by least squares and estimates the model from their
/// residuals (estimateNoiseModel). A fit that fails or runs more than max(1, sigma/2) px from its
/// least-squares result keeps the least-squares result (its bounds still computed). Updates shape,
/// background and positionVariance of the columns. Cancellation throws CanceledError.
LikelihoodOutput likelihoodPass(const Image& image, std::vector<Column>& cols,
                                const std::vector<std::vector<std::uint32_t>>& groups,
                                const PositionGrid& grid, double maxRadius,
                                const LikelihoodSettings& settings, JobContext& job);

} // namespace refine
} // namespace atomlens
