#pragma once
#include "core/data/Image.h"
#include "core/job/JobContext.h"

#include <vector>

namespace atomlens {

/// Translation of one frame's content relative to a reference frame, in pixels: a feature at (x, y)
/// in the reference appears at (x + dx, y + dy) in the frame.
struct FrameShift {
    double dx = 0, dy = 0;
    double peak = 0; ///< correlation peak relative to a perfect match (0..1; low values: doubtful match)
};

/// Settings of the phase correlation.
struct DriftParams {
    double lowPassSigma = 2.0; ///< Gaussian smoothing of the correlation surface, px (suppresses shot noise)
    double whitening = 0.3;    ///< exponent of the cross-power normalisation: 1 = classic phase correlation,
                               ///< 0 = plain cross-correlation. On noisy lattice images partial whitening is
                            ///< 4-6x more accurate than 1 (simulated MoS2: mean step error 0.03 vs 0.19 px)
    double maxShift = 0; ///< largest frame-to-frame shift searched, px (0 = a quarter of the image)
};

/// Sub-pixel shift of `moving` relative to `reference` (same size) by phase correlation: both are
/// apodised with a Hann window, the cross-power spectrum is normalised (|.|^whitening) and low-pass
/// filtered, and the
/// correlation peak is located to sub-pixel precision with a Gaussian (log-parabola) fit on 3x3
/// samples. A periodic lattice correlates at every lattice translation; the search is limited to
/// |shift| <= maxShift, so frame-to-frame shifts must stay below half a lattice period.
/// Throws std::invalid_argument when the sizes differ or are below 8x8.
FrameShift phaseCorrelate(const Image& reference, const Image& moving, const DriftParams& params = {});

/// Drift of every frame relative to frame 0: consecutive frames are phase-correlated and the shifts
/// accumulated (robust to slow content changes such as moving vacancies). Element 0 is {0, 0, 1}.
std::vector<FrameShift> estimateDrift(const std::vector<Image>& frames, const DriftParams& params = {},
                                      JobContext& job = nullJobContext());

} // namespace atomlens
