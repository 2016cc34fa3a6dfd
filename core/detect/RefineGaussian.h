#pragma once
#include "core/base/Parameters.h"
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/detect/NoiseModel.h"
#include "core/job/JobContext.h"

#include <cstddef>
#include <vector>

namespace atomlens {

/// Settings of sub-pixel refinement. Defaults suit any image: sizes follow each atom's sigma.
struct RefineParams {
    double sigma = 0; ///< starting column sigma, px (0: each atom's sigma, else the table's median, else 2)
    double windowRadius = 0;        ///< fit window radius, px (0: 3 sigma, at least 2.5 px)
    double jointDistance = 3;       ///< columns closer than this many sigma are fitted jointly (one model)
    bool subtractNeighbours = true; ///< second pass on the full window with neighbours' Gaussians subtracted
    int maxIterations = 30;         ///< Levenberg-Marquardt iterations per pass
    /// Refit columns whose fitted sigma is far from the typical one (1.5x either way) or that moved far
    /// from their centre of mass: from the centre of mass, with the typical sigma held fixed. For images
    /// where all columns share one probe (lattices); sparse detection leaves it off and drops them.
    bool rescueOutliers = false;
    /// Final pass: "poisson" refits every column by Poisson maximum likelihood (weights 1 / variance(mu),
    /// neighbours' least-squares models subtracted) and reports standard errors and Cramer-Rao bounds of x,
    /// y, amplitude, sigma and intensity; "least-squares" stops after the equal-weight passes. Poisson needs
    /// subtractNeighbours.
    std::string likelihood = "poisson";
    double gain = 0;      ///< detector gain, image units per electron (0 = estimated from the residuals)
    double readNoise = 0; ///< Gaussian read noise, image units (standard deviation; with a given gain)
    double offset = 0;    ///< image value for no signal (with a given gain)
    int sweeps = 1;       ///< likelihood sweeps (each against the previous sweep's neighbour models)
    /// Likelihood pass, when the probe is wide against the spacing (a quarter of the columns or more have
    /// a fitted neighbour closer than this many sigma): each column is fitted with those neighbours
    /// (their parameters free, the bounds with them free, their results discarded), in 4 sweeps (6, with
    /// one width for all columns re-estimated between them, when most columns are refined); else
    /// neighbours are subtracted as known. 0 = never. MoS2: Mo-S is 4.1 sigma at the default probe
    /// 0.45 A (unchanged), 3.1 sigma at 0.6 A (joint).
    double jointReach = 3.5;
    /// false: the Poisson pass keeps the least-squares columns and only adds their standard errors and
    /// Cramer-Rao bounds (sparse single atoms on a textured support, where refitting cost real F1)
    bool refitByLikelihood = true;
    /// Likelihood pass without a common width: each column's width has a prior fitted across the image
    /// (random effects, PoissonFit.h WidthPrior); false = every width free, as before.
    bool widthPrior = true;

    static const std::vector<ParamField<RefineParams>>& fields();
};

/// Sub-pixel refinement of every atom: centre of mass, then a 2-D elliptical Gaussian plus constant
/// background fitted by Levenberg-Marquardt in a window around each column. Pass 1 masks the pixels
/// nearer to another column (Voronoi); columns closer than jointDistance sigma are fitted together;
/// pass 2 refits on the full window after subtracting the neighbours' fitted Gaussians, so columns
/// whose tails overlap do not pull on each other. Sets x, y, sigma, amplitude, intensity (volume) and
/// uncertainty (1-sigma per-axis position error from the covariance scaled by the residual variance;
/// 0 = unknown), and the kFlagFitFailed / kFlagAtEdge flags (a failed fit keeps the centre of mass).
/// Non-finite pixels are skipped. Multithreaded (parallelFor); cancellation throws CanceledError and
/// leaves `atoms` unchanged.
/// `noiseUsed`, when given, receives the noise model of the likelihood pass (given or estimated).
void refineAtoms(const Image& image, AtomTable& atoms, const RefineParams& params, JobContext& job,
                 NoiseModel* noiseUsed = nullptr);

/// Re-refines a few atoms after a manual edit: the given rows and the atoms whose fit windows reach
/// them (their fits saw the edited column); every other atom stays as it is and acts as a fixed
/// neighbour. After deleting an atom, pass the rows of its former neighbours.
void refineAtomsNear(const Image& image, AtomTable& atoms, const std::vector<std::size_t>& rows,
                     const RefineParams& params, JobContext& job);

/// The fitted columns as an image: each refined atom's round Gaussian (amplitude, sigma; fit-failed
/// rows left out) blurred by a Gaussian of `blurSigma` px (0 = none), summed into a w x h image. A
/// detector subtracts it from its smoothed image to look for columns the first pass hid under
/// brighter neighbours.
Image renderAtomModels(const AtomTable& atoms, double blurSigma, int width, int height, JobContext& job);

/// `image` minus renderAtomModels(atoms, blurSigma) of its size: what the fitted columns leave (the
/// subtraction, too, on the job's threads).
Image atomModelResidual(const Image& image, const AtomTable& atoms, double blurSigma, JobContext& job);

} // namespace atomlens
