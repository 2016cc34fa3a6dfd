#pragma once
#include "core/data/AtomTable.h"
#include "core/detect/GaussianFit.h"
#include "core/detect/NoiseModel.h"

#include <vector>

namespace atomlens {

/// Outcome of fitGaussiansLikelihood.
struct LikelihoodFitResult {
    bool converged = false;
    int iterations = 0;
    double pearson = 0; ///< sum of weighted squared residuals / (pixels - parameters): about 1 when the
                        ///< noise model and the column model both hold
    std::vector<ColumnErrors> errors;     ///< per column: 1-sigma standard errors (sandwich covariance)
    std::vector<ColumnErrors> bounds;     ///< per column: Cramer-Rao bounds (inverse Fisher information)
    std::vector<double> positionVariance; ///< per column: (var x + var y) / 2 of the sandwich covariance
    /// Widths held fixed (circular, fixedSigma): score and Fisher information of one width parameter
    /// w = 1/sigma^2 shared by all columns of the fit, the other parameters profiled out (0 otherwise).
    /// Summed over many fits, score / information is a Fisher-scoring step for a common probe width.
    double sharedWidthScore = 0, sharedWidthInformation = 0;
};

/// A Gaussian prior on every column's width parameters, fitted across the image (random effects): each
/// round column's w = 1/sigma^2 (an elliptical column's a and c; its b towards 0) is drawn around `mean`
/// with `precision` = 1 / variance. Dim columns, whose own pixels hardly measure their width, borrow it
/// from the population; bright ones keep their own. precision 0 = no prior.
struct WidthPrior {
    double mean = 0;
    double precision = 0;
    bool active() const { return precision > 0 && mean > 0; }
};

/// One column's fitted width parameter w = 1/sigma^2 and its sampling variance (for estimateWidthPrior).
struct WidthSample {
    double w = 0, variance = 0;
};

/// The width prior from many columns' independent fits (random effects, Paule-Mandel): the precision-
/// weighted mean width and the spread tau^2 of the true widths beyond the fits' own variances, found
/// with samples more than 4 standard deviations from the mean left out (fits that took a noise spike or
/// a neighbour). The prior's variance is tau^2 plus the mean's own variance. Inactive (precision 0) with
/// fewer than `minSamples` usable samples.
WidthPrior estimateWidthPrior(std::vector<WidthSample> samples, std::size_t minSamples = 50);

/// Poisson maximum-likelihood fit of K Gaussians (1..8) plus a background plane: Fisher scoring
/// (iteratively reweighted least squares with Levenberg-Marquardt damping) with pixel weights
/// 1 / noise.variance(mu), mu = the model at the pixel plus `rest` (the other columns' models that were
/// subtracted from pixels.v, so the variance is that of the recorded value). For variance = g mu + c it
/// converges to the maximum of the shifted-Poisson likelihood (exact for Poisson counts times a gain,
/// the standard approximation with Gaussian read noise); with slope 0 it is least squares.
/// `rest` may be empty (nothing subtracted). Start values, limits, the plane at the reference point
/// and shape kinds (circular, fixedSigma) as for fitGaussians. The errors are the sandwich covariance
/// H^-1 (sum w^2 r^2 J J^T) H^-1 m / (m - p), which follows the residuals; the bounds are H^-1 with
/// H = sum w J J^T, the Fisher information of the fitted model under the noise model (the other
/// columns held known). Sigma and intensity (amplitude x 2 pi sqrt(det covariance)) errors by the delta
/// method. `residuals`, when given, receives each pixel's (mu, r^2 / (1 - leverage)) at the optimum,
/// the input of estimateNoiseModel. With an active `prior` (not with fixedSigma) the fit maximises the
/// posterior (the prior's term added to the objective); the bounds are then the inverse of the Fisher
/// information plus the prior's (the Bayesian, van Trees, bound of the model fitted) and the sandwich
/// errors use the data's information alone in the middle.
LikelihoodFitResult fitGaussiansLikelihood(const FitPixels& pixels, const std::vector<float>& rest,
                                           const NoiseModel& noise, std::vector<GaussianShape>& shapes,
                                           double& background, const FitLimits& limits,
                                           std::vector<NoiseSample>* residuals = nullptr,
                                           const WidthPrior& prior = WidthPrior{});

/// The Cramer-Rao bounds alone, for the given (e.g. true) columns and flat background over the pixels'
/// positions (pixels.v unused): the same Fisher information as fitGaussiansLikelihood reports.
std::vector<ColumnErrors> likelihoodBounds(const FitPixels& pixels, const std::vector<float>& rest,
                                           const NoiseModel& noise, const std::vector<GaussianShape>& shapes,
                                           double background, const FitLimits& limits,
                                           const WidthPrior& prior = WidthPrior{});

} // namespace atomlens
