#pragma once
#include "core/base/Parameters.h"
#include "core/data/FeatureMatrix.h"
#include "core/graph/LatticeGraph.h"
#include "core/job/JobContext.h"

#include <string>
#include <vector>

namespace atomlens {

/// Unsupervised motif discovery after Dan et al. (2022): the lattice cells (rings of the graph) are
/// described by standardised, contrast-normalised Zernike magnitudes, either of a patch centred on
/// each ring (computeRingDescriptors; the default of the CLI) or, without ring features, the mean of
/// its nodes' patches; reduced to a few principal components and clustered by a Gaussian mixture
/// whose size BIC chooses; overlapping components are merged, single mislabelled cells take
/// their surroundings' label, each node takes the rarest label of its cells, same-label neighbouring cells
/// join into motifs, and motifs enclosed by a single other motif become its children. Clustering cells rather
/// than nodes keeps the sublattices of one structure (Mo and S) together.
struct MotifParams {
    int maxClusters = 6;           ///< the number of clusters is chosen by BIC among 1..maxClusters
    int dimensions = 2;            ///< principal components of the standardised features that are clustered
    double smoothRadius = 1.5;     ///< features averaged over nodes within this many bond lengths (0 = none);
                                   ///< merges the sublattices of one structure into one environment
    int sampleLimit = 6000;        ///< the mixture is fitted on at most this many nodes (evenly spaced)
    bool contrastInvariant = true; ///< scale each node's Zernike vector to unit length (brightness and
                                   ///< background drift do not split a structure)
    double mergeDistance = 1.5;    ///< mixture components whose Bhattacharyya distance is below this are
                                   ///< merged (Hennig 2010), closest pair first, recomputed after each merge
    int seed = 1;
    static const std::vector<ParamField<MotifParams>>& fields();
};

/// One motif: a connected set of same-label rings.
struct Motif {
    int id = 0;
    int label = 0;                    ///< cluster label of its rings
    std::vector<std::uint32_t> rings; ///< ring indices into the graph
    std::vector<std::uint32_t> nodes; ///< nodes of those rings (sorted, unique)
    double cx = 0, cy = 0;            ///< centroid of its nodes, pixels
    bool touchesBorder = false;       ///< reaches the edge of the ring network (cannot be enclosed)
    int parent = -1;                  ///< the motif that encloses it, -1 = top level
    int level = 0;                    ///< depth in the containment hierarchy (0 = top)
};

struct MotifResult {
    int clusterCount = 0;
    std::vector<double> bic;               ///< BIC for 1..maxClusters components
    std::vector<std::string> featureNames; ///< the feature columns used
    std::vector<int> nodeLabels;           ///< per graph node: the rarest label among its rings
                                           ///< (0 = largest cluster), -1 = on no labelled ring
    std::vector<int> nodeDomains;          ///< label of the top-level motif around each node (defect motifs
                                           ///< enclosed in a phase take the phase's label), -1 = none
    std::vector<int> ringLabels;           ///< majority label of each ring's nodes
    std::vector<int> ringMotif;            ///< motif id of each ring
    std::vector<Motif> motifs;
};

/// Runs motif discovery on the "zernike_" columns of `ringFeatures` (rows = graph rings, from
/// computeRingDescriptors) when given, else on those of `features` (rows = graph nodes) averaged per
/// ring. Throws std::invalid_argument when there are no Zernike columns or a row count does not match
/// the graph.
MotifResult discoverMotifs(const LatticeGraph& graph, const FeatureMatrix& features,
                           const MotifParams& params = {}, JobContext& job = nullJobContext(),
                           const FeatureMatrix* ringFeatures = nullptr);

/// Motifs as JSON text: clusters, BIC, per-node and per-ring labels, motifs with parents and levels.
std::string motifsToJson(const MotifResult& result);
/// Writes motifsToJson atomically.
void writeMotifsJson(const MotifResult& result, const std::string& path);

} // namespace atomlens
