#pragma once
#include "core/data/Image.h"
#include "core/job/JobContext.h"

#include <cstddef>
#include <vector>

namespace atomlens {

/// An image made safe for filtering: non-finite pixels replaced by a smooth fill from their
/// surroundings (Gaussian-weighted mean of finite pixels; the median far from any).
struct FiniteImage {
    Image image;
    std::size_t nonFinite = 0; ///< how many pixels were NaN or infinite
    bool constant = false;     ///< true when every finite pixel has the same value (or none is finite)
};
/// Copies `image`, filling NaN/Inf from nearby finite pixels so filters do not spread them. The caller
/// keeps the original to know which pixels were invalid (fits skip them).
FiniteImage replaceNonFinite(const Image& image);

/// Gaussian blur (OpenCV, border reflected); sigma <= 0 returns a copy.
Image gaussianBlur(const Image& image, double sigma);
/// The same on the job's threads, in horizontal bands (the same pixels, bit for bit).
Image gaussianBlur(const Image& image, double sigma, JobContext& job);

/// gaussianBlur(image, sigma1) - gaussianBlur(image, sigma2) (as floats) at pixels 0, stride, 2 stride,
/// ... in storage order, computed band by band on the job's threads without the whole blurred images.
std::vector<float> sampledDifferenceOfGaussians(const Image& image, double sigma1, double sigma2,
                                                std::size_t stride, JobContext& job);

/// True when some pixel is NaN or infinite.
bool hasNonFinite(const Image& image);

/// Slowly varying background under bright features: a grey-scale opening with a disc-like square of
/// `radius` pixels (the minimum over a window wider than one column reaches the support between
/// columns), then smoothed with a Gaussian of about the same radius. Computed on a downsampled grid
/// for large radii so a 4096x4096 image costs tens of milliseconds.
Image backgroundEnvelope(const Image& smoothed, double radius, JobContext& job = nullJobContext());

/// Standard deviation of white pixel noise, estimated robustly from the median absolute response to
/// Immerkaer's 3x3 Laplacian-difference mask (insensitive to smooth structure). Uses at most about
/// 250k sample positions. Returns 0 for images smaller than 3x3 or without noise.
double estimateNoiseSigma(const Image& image);

/// Root of the sum of squared weights of the discrete Gaussian kernel used by gaussianBlur in 2-D:
/// white noise of unit variance has this standard deviation after blurring.
double gaussianNoiseGain(double sigma);

} // namespace atomlens
