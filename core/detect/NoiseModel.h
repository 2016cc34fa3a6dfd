#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace atomlens {

/// Pixel noise as a function of the expected pixel value mu (image units): variance = slope * mu +
/// intercept. For a counting detector with gain g (image units per detected electron), dark offset o
/// and Gaussian read noise r (image units): slope = g, intercept = r^2 - g o. Poisson maximum
/// likelihood weights each pixel by 1 / variance(mu); slope 0 is least squares with equal weights.
struct NoiseModel {
    double slope = 0;                     ///< image units per detected electron (the gain); 0 = no shot noise
    double intercept = 1;                 ///< variance at mu = 0 (read noise^2 - gain x offset)
    double floor = 0;                     ///< variances are never taken below this (keeps weights finite)
    std::string source = "least squares"; ///< "given", "estimated", "least squares", "noise-free"

    /// The variance of a pixel whose expected value is mu (at least `floor`, at least tiny).
    double variance(double mu) const;
    /// True when shot noise is part of the model (the weights differ from pixel to pixel).
    bool shotNoise() const { return slope > 0; }
    /// Detected electrons that a value mu stands for: (mu - offset) / gain, with the offset implied by
    /// the intercept (read noise ignored); 0 without shot noise.
    double electrons(double mu) const { return slope > 0 ? (mu + intercept / slope) / slope : 0.0; }
    /// One line for logs: "gain 0.98, intercept 0.31 (estimated)".
    std::string describe() const;
};

/// The model of a detector whose gain (image units per electron), read noise (image units, standard
/// deviation) and dark offset (image value for no signal) are known, e.g. from the file's metadata.
/// Throws std::invalid_argument for a gain <= 0 or a negative read noise.
NoiseModel noiseFromDetector(double gain, double readNoise, double offset = 0);

/// One fit's residual: the model's value mu at a pixel (neighbours and background included) and the
/// squared residual divided by (1 - leverage), whose expectation is variance(mu).
struct NoiseSample {
    float mu = 0, r2 = 0;
};

/// Estimates variance(mu) from fit residuals (any number, any order): the samples are split into up
/// to 32 bins of equal count along mu, each bin's variance is a mean of r2 that drops gross outliers
/// (above 25x the bin's median-based variance: an unmodelled column, a hot pixel), and a straight
/// line is fitted to the bins by weighted least squares (each bin weighted by count / variance^2,
/// iterated). A negative slope is set to 0 (equal weights). When the line does not describe the
/// bins (their scatter about it is over 3x what their counts allow, e.g. model mismatch on a JPEG),
/// or the shot-noise part stays below 10% of the variance over the bins' range, the result is least
/// squares with the mean variance: weighting is then not worth its risk. Fewer than 400 samples
/// give least squares too; all-zero residuals give "noise-free" (equal weights).
NoiseModel estimateNoiseModel(std::vector<NoiseSample> samples);

} // namespace atomlens
