#pragma once
#include "core/base/Parameters.h"
#include "core/data/AtomTable.h"
#include "core/job/JobContext.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace atomlens {

class PointIndex;

/// Local deformation of the lattice at one node, relative to the reference lattice, in the image frame
/// (x right, y down): the symmetric left stretch V - I of F = A_local A_ref^-1, and the rotation of F.
struct NodeStrain {
    float exx = 0, eyy = 0, exy = 0; ///< strain components (fractions, 0.01 = 1%)
    float rotation = 0;              ///< lattice rotation, radians (positive: x toward y)
};

/// The neighbour graph of a set of atoms (and ideal empty sites), as plain arrays so that EGNN models,
/// the GUI and task chains can read it without helpers.
///
/// Nodes [0, atomCount) are the rows of the AtomTable it was built from, in order; nodes from atomCount
/// on are ideal lattice sites with no atom (vacancy candidates), flagged kFlagEmptySite. Adjacency is CSR:
/// the neighbours of node i are neighbours[offsets[i] .. offsets[i+1]), sorted by bond angle, with
/// edgeLength/edgeAngle of the bond i->j at the same position. Rings are the faces of the planar graph
/// (Delaunay graphs only): ring r is ringNodes[ringOffsets[r] .. ringOffsets[r+1]), counter-clockwise
/// in (x, y). Lattice fields are empty until analyseLattice() fills them (one value per node).
struct LatticeGraph {
    std::size_t atomCount = 0;
    std::vector<double> x, y;           ///< node positions, pixels (pixel-centre convention)
    std::vector<std::uint32_t> flags;   ///< AtomFlag bits per node (kFlagEmptySite on ideal sites)
    std::vector<std::uint32_t> offsets; ///< CSR row starts, nodeCount() + 1 entries
    std::vector<std::uint32_t> neighbours;
    std::vector<float> edgeLength; ///< pixels, per CSR entry
    std::vector<float> edgeAngle;  ///< atan2(dy, dx) of the bond i->j, radians, per CSR entry
    std::vector<std::uint32_t> ringOffsets{0};
    std::vector<std::uint32_t> ringNodes;
    double bondLength = 0;    ///< typical nearest-neighbour distance, pixels
    double maxEdgeLength = 0; ///< the edge cut used, pixels

    // Lattice analysis (analyseLattice); empty vectors before it ran.
    std::vector<std::int32_t> sublattice; ///< basis site of each node, -1 = not assigned
    std::vector<float> idealX, idealY;    ///< where the locally fitted ideal lattice puts the node
    std::vector<NodeStrain> strain;       ///< local strain per node

    std::size_t nodeCount() const { return x.size(); }
    std::size_t edgeCount() const { return neighbours.size() / 2; } ///< undirected edges
    std::size_t degree(std::size_t i) const { return offsets[i + 1] - offsets[i]; }
    bool isEmptySite(std::size_t i) const { return (flags[i] & kFlagEmptySite) != 0; }
    std::size_t ringCount() const { return ringOffsets.size() - 1; }
    std::size_t ringSize(std::size_t r) const { return ringOffsets[r + 1] - ringOffsets[r]; }
    /// Displacement of node i from its ideal site (pixels); 0 before analyseLattice.
    double displacementX(std::size_t i) const { return idealX.empty() ? 0 : x[i] - idealX[i]; }
    double displacementY(std::size_t i) const { return idealY.empty() ? 0 : y[i] - idealY[i]; }
};

/// How to connect nodes.
struct GraphParams {
    std::string method = "delaunay"; ///< delaunay | knn | radius
    double cutFactor = 1.35; ///< delaunay/radius: longest edge as a multiple of the typical bond length
    double maxEdge = 0;      ///< explicit longest edge in pixels (0 = cutFactor x bond length)
    int k = 6;               ///< knn: neighbours per node (the graph is the symmetric union)
    int maxRingSize = 12;    ///< faces with more nodes are not rings (holes, the outer face)
    static const std::vector<ParamField<GraphParams>>& fields();
};

/// Median nearest-neighbour distance of the points (pixels; 0 for fewer than 2 points).
double typicalBondLength(const std::vector<double>& x, const std::vector<double>& y);
/// The same with a k-d tree over (x, y) already built (the lattice pipeline builds one and shares it).
double typicalBondLength(const std::vector<double>& x, const std::vector<double>& y, const PointIndex& index);

/// Builds the graph over nodes (x, y); nodes from atomCount on are flagged as empty ideal sites.
/// Throws std::invalid_argument for an unknown method or non-finite coordinates.
LatticeGraph buildGraph(std::vector<double> x, std::vector<double> y, std::size_t atomCount,
                        const GraphParams& params = {}, JobContext& job = nullJobContext());

/// The same with the typical bond length already known (the lattice pipeline computes it for atoms +
/// empty sites without a second k-d tree); bondLength must be typicalBondLength(x, y).
LatticeGraph buildGraph(std::vector<double> x, std::vector<double> y, std::size_t atomCount,
                        const GraphParams& params, JobContext& job, double bondLength);

/// Builds the graph over the rows of an atom table (positions as stored; rows flagged kFlagEmptySite
/// keep that flag).
LatticeGraph buildGraph(const AtomTable& atoms, const GraphParams& params = {},
                        JobContext& job = nullJobContext());

/// Replaces the graph's adjacency with these undirected edges (CSR sorted by angle, lengths and
/// angles recomputed); rings are not touched.
void assignEdges(LatticeGraph& graph, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges);

/// Recomputes the rings (faces of the planar graph with at most maxRingSize nodes, simple cycles only).
void findRings(LatticeGraph& graph, int maxRingSize);

/// Histogram of ring sizes: result[s] = number of rings with s nodes.
std::vector<std::size_t> ringSizeHistogram(const LatticeGraph& graph);

} // namespace atomlens
