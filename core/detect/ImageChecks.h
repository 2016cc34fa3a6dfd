#pragma once
#include "core/data/Image.h"
#include "core/job/JobContext.h"

#include <string>

namespace atomlens {

/// What a quick look at the intensity distribution says before detection (for the "auto" method).
struct ImageContrastCheck {
    double skewness = 0;          ///< of the finite pixels; HAADF columns on a dark background give > 0
    double saturatedFraction = 0; ///< share of pixels at the maximum value (clipped detector or file)
    bool inverted = false;        ///< dark columns on a bright background (bright-field, or a negated file)
    std::string warning;          ///< one line for the user, empty when nothing is wrong
};

/// Skewness of the image's detail (difference of Gaussians 1.5 / 6 px: atoms are sparse bright peaks)
/// and clipping of the finite pixels. Inverted when that skewness is below -0.2 (dark sparse peaks:
/// bright-field-like or a negated file; every real HAADF image in ../shared/data has +0.25..+2.2);
/// saturated when more than 1 % of the pixels sit exactly at the maximum.
/// The filters run on the job's threads.
ImageContrastCheck checkImageContrast(const Image& image, JobContext& job = nullJobContext());

/// The image with its contrast reversed (max + min - v); non-finite pixels stay as they are.
Image invertedContrast(const Image& image);

} // namespace atomlens
