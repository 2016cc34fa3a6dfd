#pragma once
#include "core/data/Image.h"

namespace atomlens {

/// What the FFT says about an image's periodicity.
struct SpacingEstimate {
    bool lattice = false; ///< true when a clear Bragg reflection stands out of the noise
    double spacing = 0;   ///< real-space period of the strongest reflection, pixels (0 without lattice)
    double peakRatio = 0; ///< strongest ring maximum over the ring's median power, scaled to a 512x512 crop
};

/// Estimates the lattice period from the power spectrum of a Hann-windowed central crop (at most
/// 512x512): for each radius, the ring's maximum is compared with the ring's median, and the
/// strongest reflection that stands `minRatio` times above its ring is the lattice's. Periods between 6
/// px and a quarter of the crop are considered. Ratios are scaled to a 512x512 crop (a reflection's
/// power grows with the number of cells). Real lattices give 680 (a MoS2 grain boundary at 1e4
/// e/A^2) to 80000 (SrTiO3); the Pt single-atom images on their support stay below 125.
SpacingEstimate estimateLatticeSpacing(const Image& image, double minRatio = 400.0);

/// Estimates the Gaussian sigma (pixels) of the brightest blobs by scale-normalised Laplacian of
/// Gaussian: the scale at which the strongest `count` responses of a central crop (at most 512x512)
/// are largest. Scales from 0.7 px to maxSigma are tried. With `noiseNormalised` each scale's
/// responses are divided by the filter's gain for white noise, so sparse faint blobs win over noise
/// (whose normalised response is largest at the finest scale). Non-finite pixels must have been
/// replaced.
double estimateBlobSigma(const Image& image, double maxSigma, int count = 30, bool noiseNormalised = false);

} // namespace atomlens
