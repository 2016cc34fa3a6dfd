#pragma once
#include "core/data/AtomTable.h"
#include "core/data/FeatureMatrix.h"
#include "core/graph/LatticeGraph.h"

#include <string>

namespace atomlens {

/// A graph as JSON (format "atomlens-graph", version 1):
///   {"format", "version", "atom_count", "bond_length", "max_edge_length",
///    "feature_names": [...],
///    "nodes": [{"index", "id" (atom id, or null for an ideal site), "x", "y", "empty_site", "flags",
///               "class" (when atoms are given), "sublattice", "ideal": [x, y], "displacement": [dx, dy],
///               "strain": {"exx", "eyy", "exy", "rotation"}, "features": [...]}],
///    "edges": [[i, j, length], ...]  (i < j, node indices),
///    "rings": [[i, j, k, ...], ...]  (counter-clockwise),
///    "ideal_sites": [node indices of empty ideal sites]}
/// Lattice keys appear only when the graph has lattice fields; features only when given.
std::string graphToJson(const LatticeGraph& graph, const AtomTable* atoms = nullptr,
                        const FeatureMatrix* features = nullptr);

/// Writes graphToJson atomically; throws InputError naming the path when it cannot be written.
void writeGraphJson(const std::string& path, const LatticeGraph& graph, const AtomTable* atoms = nullptr,
                    const FeatureMatrix* features = nullptr);

/// Reads a graph written by writeGraphJson (nodes, flags, edges, rings and lattice fields; features
/// into `features` when given). Throws InputError naming the file for unreadable, malformed or
/// inconsistent JSON (bad node indices, non-finite positions).
LatticeGraph readGraphJson(const std::string& path, FeatureMatrix* features = nullptr);

} // namespace atomlens
