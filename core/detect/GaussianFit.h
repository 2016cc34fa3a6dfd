#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace atomlens {

/// exp(x) for x in [-30, 0] in single precision (about 2e-7 relative): a power of two from the
/// exponent bits times a polynomial, without branches or calls, so pixel loops that use it vectorise.
inline float expNegativeFloat(float x) {
    const float t = x * 1.44269504f;
    const float fi = float(int(t + 64.0f)) - 64.0f; // floor: t >= -44, shifted positive, truncated
    const float y = (t - fi) * 0.693147181f;
    const float poly =
        1.0f +
        y * (1.0f +
             y * (0.5f + y * (1.0f / 6 +
                              y * (1.0f / 24 + y * (1.0f / 120 + y * (1.0f / 720 + y * (1.0f / 5040)))))));
    const std::int32_t bits = (std::int32_t(fi) + 127) << 23;
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return poly * scale;
}

/// One elliptical Gaussian column, amplitude * exp(-(a dx^2 + 2 b dx dy + c dy^2) / 2) with
/// dx = x - this.x: (a, b; b, c) is the inverse covariance, so the shape has no angle ambiguity.
struct GaussianShape {
    double x = 0, y = 0, amplitude = 0, a = 1, b = 0, c = 1;
    /// Geometric-mean sigma, (det covariance)^(1/4).
    double sigma() const;
    /// Integrated intensity above background: amplitude * 2 pi sqrt(det covariance).
    double volume() const;
    /// Value at (px, py), background excluded.
    double at(double px, double py) const;
    static GaussianShape circular(double x, double y, double amplitude, double sigma);
};

/// The pixels one fit sees: positions (relative to any fixed reference) and values, with anything that
/// is not part of the fit (other columns' models) already subtracted.
struct FitPixels {
    std::vector<float> x, y, v;
    void clear() { x.clear(), y.clear(), v.clear(); }
    std::size_t size() const { return v.size(); }
    void add(float px, float py, float value) { x.push_back(px), y.push_back(py), v.push_back(value); }
};

/// Bounds that keep a fit physical; a step that leaves them is rejected (LM raises its damping).
struct FitLimits {
    double minSigma = 0.3, maxSigma = 20; ///< per principal axis, pixels
    double maxShift = 3;                  ///< from the starting position, pixels
    int maxIterations = 30;
    double tolerance = 1e-4; ///< converged when a step moves every column less than this, px
    bool sandwich = true;    ///< sandwich covariance (one more pass over the pixels); false: s^2 H^-1
    /// Also converged when a step moves the column less than this fraction of its position's standard
    /// error (single-column fits): further steps would change nothing the noise does not swamp.
    double relativeTolerance = 0;
    /// Single-column fits: one sigma (a = c, b = 0), 7 parameters instead of 9. Likelihood fits
    /// (fitGaussiansLikelihood): every column round, 4 parameters each.
    bool circular = false;
    /// Circular single-column fits: keep the starting sigma (6 free parameters). For columns whose
    /// width the noise cannot determine, so that the fit cannot trade width for position.
    bool fixedSigma = false;
    /// Single-column fits: only the residual variance after the steps is wanted (a screening step), so
    /// the normal equations of the last point and the covariance are not formed (positionVariance 0).
    bool residualsOnly = false;
};

/// Outcome of fitGaussians.
struct GaussianFitResult {
    bool converged = false;
    int iterations = 0;
    double residualVariance = 0;          ///< RSS / (pixels - parameters)
    std::vector<double> positionVariance; ///< per column: (var x + var y) / 2 from the covariance
};

/// Fits K Gaussians (K = shapes.size(), 1..8) plus a background plane to the pixels by
/// Levenberg-Marquardt (Marquardt's diagonal scaling, Nielsen's damping update). `shapes` and
/// `background` (the plane at the pixels' reference point) hold the start and receive the result. The
/// covariance is the sandwich H^-1 (sum r_i^2 J_i J_i^T) H^-1 scaled by m/(m-p): it follows the residuals
/// (any intensity unit) and stays right when Poisson noise is stronger on the column than around it.
GaussianFitResult fitGaussians(const FitPixels& pixels, std::vector<GaussianShape>& shapes,
                               double& background, const FitLimits& limits);

} // namespace atomlens
