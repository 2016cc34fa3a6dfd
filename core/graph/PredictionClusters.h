#pragma once
#include "core/data/Point2.h"

#include <cstddef>
#include <vector>

namespace atomlens {

/// Greedy merging of positions predicted for the same site by different neighbours (ideal lattice
/// sites, lattice completion votes), in the order given: a prediction joins the cluster of its own
/// `kind` (e.g. sublattice) whose running mean is nearest and closer than `tol`, among the clusters
/// founded within 3 tol of it; otherwise it founds a new cluster. Uses the spatial index
/// (core/data/PointIndex) over the predictions. Returns the cluster id of every prediction, ids
/// numbered in founding order.
std::vector<std::size_t> clusterPredictions(const std::vector<Point2>& points, const std::vector<int>& kind,
                                            double tol);

} // namespace atomlens
