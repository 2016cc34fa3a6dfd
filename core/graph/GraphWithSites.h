#pragma once
#include "core/data/AtomTable.h"
#include "core/graph/IdealLattice.h"
#include "core/graph/LatticeGraph.h"
#include "core/job/JobContext.h"

namespace atomlens {

/// A lattice graph and its nodes as atom rows: the atoms, then one row per empty ideal site
/// (kFlagEmptySite), in graph node order.
struct GraphWithSites {
    LatticeGraph graph;
    AtomTable nodes;
};

/// The one way atoms become graph nodes (chain graph step, sub-model classification, fine-tuning,
/// training data): rows flagged as empty sites by an earlier build are dropped, the lattice graph is
/// built (buildLatticeGraph, ideal sites as `lattice` says) over an image of the given size, and the
/// empty ideal sites it adds are appended as flagged rows.
GraphWithSites buildGraphWithSites(const AtomTable& atoms, int imageWidth, int imageHeight,
                                   const GraphParams& graphParams, const LatticeParams& latticeParams,
                                   JobContext& job = nullJobContext());

} // namespace atomlens
