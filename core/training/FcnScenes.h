#pragma once
#include "core/base/Random.h"
#include "core/data/Image.h"
#include "core/nn/FcnInput.h"

#include <string>
#include <vector>

namespace atomlens {

/// One synthetic training scene: raw counts and the true atom columns in it.
struct FcnScene {
    Image image;               ///< raw counts (not normalised)
    std::vector<Point2> atoms; ///< every real column (empty lattice sites excluded)
    std::string recipe;        ///< what made it ("mos2 dose 3.2e4 0.16 A/px", "single atoms on film")
};

/// A normalised input with its per-pixel target (1 inside an atom disc, 0 elsewhere).
struct FcnSample {
    Image input;
    Image target;
};

/// A HAADF lattice scene from the simulator with a random preset (mos2, mos2-phase, mos2-gb,
/// graphene-si, perovskite), dose 3e3..3e6 e/A^2, pixel size 0.08..0.35 A, probe sigma 0.35..0.8 A,
/// drift, jitter, read noise and support background.
FcnScene simulatedLatticeScene(int size, Random& rng);

/// Isolated heavy atoms (sigma 1..2.6 px, peak 1..5 noise sd) on an amorphous film of varying
/// thickness with a vacuum edge, Poisson noise at 20..400 counts per pixel: single-atom catalysts.
FcnScene singleAtomScene(int size, Random& rng);

/// A random scene (60 % lattice, 40 % single atoms), normalised and augmented (flips, 90 degree
/// turns, contrast gamma, gain/offset, extra Gaussian noise), with its target discs.
FcnSample makeTrainingSample(int size, Random& rng);

/// A scene normalised and augmented as makeTrainingSample does, with its target discs.
FcnSample augmentedSample(const FcnScene& scene, int size, Random& rng);

} // namespace atomlens
