#pragma once
#include "core/base/Random.h"
#include "core/training/FcnScenes.h"

namespace atomlens {

/// What realisticSingleAtomScene drew (for tests, logs and model cards).
struct SupportSceneRecipe {
    double sigma = 0;       ///< heavy-atom probe core sigma, px (pixel size varies through it)
    double level = 0;       ///< support counts per pixel at full thickness
    double contrast = 0;    ///< typical heavy-atom peak in units of the local shot-noise sd
    double tailWeight = 0;  ///< share of each atom's signal in the wide probe tail
    double lineNoise = 0;   ///< per-scan-line offset sd, in units of the local shot-noise sd
    double jitter = 0;      ///< scan-line x jitter sd, px
    double drift = 0;       ///< x shear over the whole frame, px
    double blur = 0;        ///< Gaussian smoothing after acquisition, px (0 = none)
    bool quantised = false; ///< rescaled to 8 bits (JPEG / PNG export)
    int clusters = 0;       ///< heavy-atom clusters (2..7 atoms each)
};

/// Heavy single atoms and small clusters on an amorphous carbon support, made to look like real
/// single-atom-catalyst HAADF frames: a support of varying thickness with a vacuum edge, its texture
/// from many light-atom blobs at two sizes (single C and denser grains), heavy atoms (sigma 1.0..3.0 px,
/// peak 1.5..6 local noise sd, +-30 % per atom) isolated and in clusters at 1.6..3 sigma spacing (at
/// least 3 px), each with a wide probe tail (4 sigma, 0..25 % of its signal), Poisson counts, scan-line
/// offsets, scan-line x jitter, drift (an x shear), an optional Gaussian smoothing, gain and offset and
/// an optional 8-bit rescale. Truth positions follow drift (not the random jitter). Deterministic for
/// a given rng state; `recipe`, when given, receives what was drawn.
FcnScene realisticSingleAtomScene(int size, Random& rng, SupportSceneRecipe* recipe = nullptr);

} // namespace atomlens
