#pragma once
#include <cstdint>
#include <vector>

namespace atomlens {

/// A Gaussian mixture with full covariances over `dims`-dimensional points (row-major data).
struct GaussianMixture {
    int components = 0;
    std::size_t dims = 0;
    std::vector<double> weights;     ///< per component
    std::vector<double> means;       ///< components x dims
    std::vector<double> covariances; ///< components x dims x dims
    double logLikelihood = 0;        ///< total over the fitting points
    double bic = 0;                  ///< -2 logL + parameters x ln(n)

    /// Most probable component of each point.
    std::vector<int> predict(const std::vector<double>& data) const;
};

/// Fits k components by EM from a k-means++ start (deterministic for a seed). Covariances get a small
/// ridge so that degenerate clusters stay finite. Throws std::invalid_argument for k < 1 or too few points.
GaussianMixture fitGaussianMixture(const std::vector<double>& data, std::size_t dims, int k,
                                   std::uint64_t seed = 1, int maxIterations = 100);

/// Fits 1..maxComponents components and returns the one with the lowest BIC; `bics` receives each BIC.
GaussianMixture selectGaussianMixture(const std::vector<double>& data, std::size_t dims, int maxComponents,
                                      std::uint64_t seed = 1, std::vector<double>* bics = nullptr);

/// Adjusted Rand index of two labelings of the same items (1 = identical partitions, about 0 = chance).
/// Labels are arbitrary integers; items whose label is negative in either labeling are ignored.
double adjustedRandIndex(const std::vector<int>& a, const std::vector<int>& b);

} // namespace atomlens
