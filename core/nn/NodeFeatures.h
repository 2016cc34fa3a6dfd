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

/// Per node the log of its "disc" intensity (feature 8) over the median disc of the nodes 1.5-2.1 bond
/// lengths away (second neighbours: its own sublattice in a honeycomb lattice), clipped to
/// [log 0.25, log 2]; 0 where there are none or the input has no disc feature. Invariant to the image's
/// gain; an S vacancy (one S of the pair missing) reads about log 0.5 on real MoS2, an S2 column about 0.
std::vector<float> sublatticeContrast(const EgnnInput& input);

/// Builds the EGNN input of a whole graph: node features, positions in bond lengths, both directions
/// of every edge, and (when withRings) every ring as a graph-level item. Labels are left at -1.
EgnnInput makeEgnnInput(const Image& image, const LatticeGraph& graph, bool withRings = false);

} // namespace atomlens
