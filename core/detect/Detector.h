#pragma once
#include "core/base/Parameters.h"
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/detect/RefineGaussian.h"
#include "core/job/JobContext.h"

#include <functional>
#include <string>
#include <vector>

namespace atomlens {

/// Settings of atom-column detection. Default-constructed = parameter-free: the lattice spacing comes
/// from the FFT (or, without a lattice, the blob size from scale space) and the threshold is in
/// units of the estimated noise, so any image can be detected without tuning.
struct DetectParams {
    /// "auto" (chosen from the image, see detectAtoms), "classical" (filters + Gaussian fits) or "fcn"
    std::string method = "auto";
    std::string model = "fcn-atoms"; ///< network for method "fcn" (a shipped name or a model card path)
    double spacing = 0;              ///< typical distance between neighbouring columns, px (0 = from the FFT)
    double sigma = 0;                ///< column Gaussian sigma, px (0 = estimated)
    double minSeparation = 0;        ///< closest two detections may be, px (0 = from spacing / sigma)
    double threshold = 4.5;          ///< peak height above the local background, in noise standard deviations
    bool refine = true;              ///< sub-pixel refinement (centre of mass + elliptical Gaussian fits)
    bool subtractNeighbours = true;  ///< refinement's second pass (see RefineParams)
    double edgeMargin = -1;          ///< drop detections closer than this to the border, px (-1 = keep all)
    bool latticeSearch = true;       ///< lattice-guided second look for dim columns (see LatticeSearch)
    std::string likelihood = "poisson"; ///< refinement's final pass: "poisson" or "least-squares"
    double gain = 0;                    ///< detector gain, image units per electron (0 = estimated)
    double readNoise = 0;               ///< read noise sd, image units (used with a given gain)

    static const std::vector<ParamField<DetectParams>>& fields();
};

/// What the parameter-free defaults resolved to (for logs, the GUI and tests).
struct DetectScales {
    bool lattice = false; ///< the FFT found a lattice
    double spacing = 0;   ///< px; FFT period, or 0 without lattice
    double sigma = 0;     ///< column sigma used by the filters, px
    double minSeparation = 0;
    double noiseSigma = 0; ///< estimated pixel noise (image units)
    double threshold = 0;  ///< absolute threshold on the band-passed image
    std::string method;    ///< the method that ran ("classical" or "fcn"; "auto" resolved)
    std::string reason;    ///< why: "asked for" or what the image showed when the method was "auto"
};

/// Finds atom columns: non-finite pixels masked (median-filled for filtering, skipped by the fits),
/// Gaussian smoothing matched to the column size, background removed by a morphological envelope,
/// local maxima at least minSeparation apart above threshold x noise, then refineAtoms. Rows are
/// ordered by position (row-major), ids 1..n, sigma/amplitude set even without refinement. Empty,
/// constant or tiny images give an empty table. Method "fcn" runs the registered network detector
/// (std::invalid_argument when none is linked into this build). Throws CanceledError when the job is
/// cancelled (nothing is returned). `scales`, when given, receives the resolved defaults.
/// Method "auto" looks at the image first: a lattice in the FFT -> classical (band-pass, Gaussian
/// fits and the lattice-guided search, measured best on real lattices); no lattice (single atoms on
/// a support) -> the network when a model other than the shipped default is named (a detector
/// fine-tuned on the user's images), else the registered single-atom network (SingleAtomChoice.h:
/// the shipped FCN fine-tuned on real single-atom images, which scores above classical on held-out
/// real images in `bench real`), else classical (the generic shipped FCN scores lower than classical
/// on the real single-atom sets). scales->method / reason say which ran and why.
AtomTable detectAtoms(const Image& image, const DetectParams& params, JobContext& job,
                      DetectScales* scales = nullptr);

/// A detection method other than "classical" (atomlens::nn registers "fcn" when LibTorch is linked).
using DetectorFunction = std::function<AtomTable(const Image&, const DetectParams&, JobContext&)>;
/// Registers (or replaces) the detector for a method name; thread-safe.
void registerDetector(const std::string& method, DetectorFunction detector);
/// True when a detector is registered for the method ("classical" always is).
bool hasDetector(const std::string& method);

/// What the lattice-guided second look gets: the image (non-finite pixels filled), the band-passed
/// response the peaks came from, the resolved scales and the refinement settings.
struct LatticeSearchInput {
    const Image& image;
    const Image& response;
    const DetectScales& scales;
    double smoothSigma = 0; ///< Gaussian smoothing of the response, px
    RefineParams refine;
};
/// Adds columns the peak search missed where the lattice of the detected atoms predicts a site
/// (core/graph provides it: detect cannot include the lattice model); returns how many were added
/// and may set `note` to a one-line summary for the log.
using LatticeSearchFunction = std::function<std::size_t(const LatticeSearchInput&, AtomTable&, JobContext&)>;
/// Registers the lattice-guided search (core/graph/LatticeCompletion.cpp does at start-up).
void registerLatticeSearch(LatticeSearchFunction search);

/// Resolves the parameter-free scales without detecting (FFT spacing, blob sigma, noise); `job` gives
/// the probe fits its thread pool and cancellation.
DetectScales estimateDetectScales(const Image& finiteImage, const DetectParams& params,
                                  JobContext& job = nullJobContext());

} // namespace atomlens
