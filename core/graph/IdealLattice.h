#pragma once
#include "core/base/Parameters.h"
#include "core/graph/LatticeGraph.h"
#include "core/graph/LatticeModel.h"

#include <array>
#include <vector>

namespace atomlens {

/// Settings of the local ideal-lattice fit, the vacancy-candidate search and the strain reference.
struct LatticeParams {
    double referenceConstant = 0; ///< |a1| of the unstrained lattice, pixels; 0 = the image's median lattice
    double fitRadius = 2.2;       ///< local fit neighbourhood, in lattice constants
    double matchTolerance = 0.3;  ///< an atom sits on a site when closer than this many bond lengths
    double minVoteFraction =
        0.3;                ///< an empty site needs this fraction of the neighbours that would predict it
    bool idealSites = true; ///< search for empty ideal sites
    /// Local occupancy at which a sublattice filled over the whole image is expected around an atom whose
    /// neighbourhood is a well-ordered lattice (elsewhere 0.6); 0.6 or more turns this lower rule off.
    double orderedOccupancy = 0.3;
    double imageWidth = 0,
           imageHeight =
               0; ///< empty sites must lie in the image, 1 px from its border (0 = atoms' bounding box)
    static const std::vector<ParamField<LatticeParams>>& fields();
};

/// An ideal lattice site with no atom on it (a vacancy candidate).
struct IdealSite {
    double x = 0, y = 0;
    int sublattice = 0;
    int votes = 0;    ///< neighbouring atoms whose local lattice predicts it
    int expected = 0; ///< how many would predict it in a perfect lattice
};

/// Result of the lattice analysis of a set of atoms.
struct LatticeAnalysis {
    LatticeModel model;                           ///< global lattice (translations, basis)
    std::array<double, 4> reference{};            ///< reference cell [a1x, a1y, a2x, a2y], pixels
    std::string symmetry;                         ///< hexagonal | square | oblique (of the global lattice)
    std::vector<std::int32_t> sublattice;         ///< per atom, -1 = not assigned
    std::vector<std::array<double, 4>> localCell; ///< per atom fitted [a1x, a1y, a2x, a2y]
    std::vector<float> idealX, idealY;            ///< per atom ideal position (from its neighbours only)
    std::vector<NodeStrain> strain;               ///< per atom
    std::vector<IdealSite> emptySites;
};

/// Fits an ideal lattice locally around every atom (robust least squares over the neighbours within
/// fitRadius, each neighbour matched to its nearest lattice site, the atom itself left out), giving
/// each atom's ideal position, sublattice and strain, and predicts the sites that have no atom: every
/// atom predicts its neighbouring sites of the sublattices that are mostly occupied around it; a site
/// with no atom that at least minVoteFraction of its expected predictors agree on is an empty site.
/// Meant for one grain of one lattice (strain and rotation up to about 10%).
/// `index`, when given, is a k-d tree over (x, y) already built (else one is built here).
LatticeAnalysis analyseLattice(const std::vector<double>& x, const std::vector<double>& y,
                               const LatticeParams& params = {}, JobContext& job = nullJobContext(),
                               const PointIndex* index = nullptr);

/// Strain of a local cell against a reference cell (both [a1x, a1y, a2x, a2y]).
NodeStrain strainOf(const std::array<double, 4>& cell, const std::array<double, 4>& reference);

/// The full pipeline for atoms: lattice analysis, empty ideal sites appended as flagged nodes, the
/// graph over atoms + empty sites, and the lattice fields of every node filled in (empty sites take
/// the mean strain of their graph neighbours). `analysis` receives the lattice details when given.
LatticeGraph buildLatticeGraph(const AtomTable& atoms, const GraphParams& graphParams = {},
                               const LatticeParams& latticeParams = {}, JobContext& job = nullJobContext(),
                               LatticeAnalysis* analysis = nullptr);

} // namespace atomlens
