#pragma once
#include "core/graph/IdealLattice.h"
#include "core/graph/LatticeGraph.h"
#include "core/nn/ModelCard.h"

namespace atomlens {

/// The lattice-graph parameters a sub-model reads its input through. A model is applied with the
/// settings it was trained with (stored in its card), so a later change of the defaults or of a chain's
/// graph step does not silently change what the model sees.
struct GraphSettings {
    GraphParams graph;
    LatticeParams lattice; ///< imageWidth/imageHeight are per image and never stored
};

/// The card's `graph` and `lattice` sections on top of the defaults (keys not given keep their
/// defaults, so cards older than these sections get today's defaults). Throws InputError naming the
/// card for an unknown key or a bad value.
GraphSettings graphSettingsOf(const ModelCard& card);

/// Writes every graph and lattice parameter into the card's `graph` and `lattice` sections.
void recordGraphSettings(ModelCard& card, const GraphSettings& settings);

} // namespace atomlens
