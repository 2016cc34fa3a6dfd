#pragma once

namespace atomlens {

/// Plugs the LibTorch parts into core's registries, which core cannot link itself: the "fcn"
/// detection method (detectAtoms with method "fcn") and the network steps ("classify"). Call once at start-up
/// of a program linking atomlens::nn (atomlens-cli's main does); repeated calls are harmless.
void registerNnExtensions();

} // namespace atomlens
