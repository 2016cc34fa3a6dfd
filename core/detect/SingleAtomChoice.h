#pragma once
#include <string>

namespace atomlens {

/// The detector that method "auto" runs on images without a lattice (single heavy atoms on a
/// support) when the user names no network: a model trained on real hand-labelled single-atom images
/// (core/nn registers the shipped one at start-up, when it is installed and LibTorch is linked).
/// detect cannot look models up itself (core/nn sits above it), hence this registry.
struct SingleAtomModel {
    std::string model;    ///< model name or card path for method "fcn"; empty = none (classical is used)
    std::string evidence; ///< why it is preferred, for the log ("held-out F1 ... vs classical ...")
    /// Gaussian refinement of the network's centres (DetectParams::refine for this network; off for the
    /// shipped one: on the even-numbered labelled images the fits moved centres off the atoms).
    bool refine = false;
};

/// Registers (or, with an empty model, clears) the single-atom network; thread-safe.
void registerSingleAtomModel(SingleAtomModel model);

/// The registered single-atom network (empty model when none).
SingleAtomModel singleAtomModel();

} // namespace atomlens
