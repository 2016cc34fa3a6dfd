#pragma once
#include "core/data/Image.h"
#include "core/graph/LatticeGraph.h"
#include "core/nn/EgnnInput.h"

#include <string>
#include <vector>

namespace atomlens {

/// Names of the per-node features (radial intensity profile), in order.
const std::vector<std::string>& nodeFeatureNames();

/// Rotation-invariant node features: the intensity at the node and the mean and spread of intensity
/// on rings of 0.15, 0.3 and 0.45 bond lengths around it (16 samples each, a set that maps onto itself
/// under 90-degree rotations and mirror lines, so those transformations leave the features exactly
/// unchanged). Intensities are normalised per image, (v - background) / (bright atoms - background),
/// so dose, detector gain and offset do not matter; radii in bond lengths make the pixel size not matter.
std::vector<float> computeNodeFeatures(const Image& image, const std::vector<double>& x,
                                       const std::vector<double>& y, double bondLength);

/// Builds the EGNN input of a whole graph: node features, positions in bond lengths, both directions
/// of every edge, and (when withRings) every ring as a graph-level item. Labels are left at -1.
EgnnInput makeEgnnInput(const Image& image, const LatticeGraph& graph, bool withRings = false);

} // namespace atomlens
