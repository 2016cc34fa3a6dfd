#pragma once

namespace atomlens {

/// Name of the shipped single-atom detector (models/fcn-single-atoms: the FCN fine-tuned on real
/// hand-labelled single-atom images), which method "auto" runs on images without a lattice.
inline constexpr const char* kSingleAtomModelName = "fcn-single-atoms";

/// Plugs the LibTorch parts into core's registries, which core cannot link itself: the "fcn"
/// detection method (detectAtoms with method "fcn"), the network steps ("classify") and, when it is
/// installed, the shipped single-atom detector for method "auto" (core/detect/SingleAtomChoice.h).
/// Call once at start-up of a program linking atomlens::nn (atomlens-cli's main does); repeated calls
/// are harmless.
void registerNnExtensions();

} // namespace atomlens
