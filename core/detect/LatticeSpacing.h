#pragma once
#include "core/data/Image.h"

namespace atomlens {

/// What the FFT says about an image's periodicity.
struct SpacingEstimate {
    bool lattice = false; ///< true when a clear Bragg reflection stands out of the noise
    double spacing = 0;   ///< real-space period of the strongest reflection, pixels (0 without lattice)
    double peakRatio = 0; ///< strongest ring maximum over the ring's median power, scaled to a 512x512 crop
    /// The same for the strongest reflection in a direction more than 20 degrees from the strongest
    /// one's: a 2-D lattice has two independent reflections, a lone texture or scan artefact one.
    double secondRatio = 0;
};

/// Estimates the lattice period from the power spectrum of a Hann-windowed central crop (at most
/// 512x512): for each radius, the ring's maximum is compared with the ring's median. The image has a
/// lattice when two independent reflections (directions more than 20 degrees apart) both stand
/// `minRatio` times above their rings' medians: a ring's power is exponentially distributed, so a pure
/// noise pixel exceeds 60 x the median with probability 2^-60, and a lone texture or scan line gives
/// one direction only. The period is that of the lowest-order strong reflection; periods between 6 px
/// and a quarter of the crop are considered. Ratios are scaled to a 512x512 crop (a reflection's power
/// grows with the number of cells). Measured second-reflection ratios: real lattices 3900-57000,
/// simulated graphene at 0.1 A/px 158 (1e5 e/A^2), the Pt single-atom images 12-19.
SpacingEstimate estimateLatticeSpacing(const Image& image, double minRatio = 60.0);

/// Estimates the Gaussian sigma (pixels) of the brightest blobs by scale-normalised Laplacian of
/// Gaussian: the scale at which the strongest `count` responses of a central crop (at most 512x512)
/// are largest. Scales from 0.7 px to maxSigma are tried. With `noiseNormalised` each scale's
/// responses are divided by the filter's gain for white noise, so sparse faint blobs win over noise
/// (whose normalised response is largest at the finest scale). Non-finite pixels must have been
/// replaced.
double estimateBlobSigma(const Image& image, double maxSigma, int count = 30, bool noiseNormalised = false);

} // namespace atomlens
