#pragma once
#include "core/analysis/VacancyLines.h"
#include "core/data/AtomTable.h"
#include "core/graph/LatticeGraph.h"

#include <map>
#include <string>
#include <vector>

namespace atomlens {

/// Summary and histogram of a set of values (NaNs ignored).
struct Distribution {
    std::size_t count = 0;
    double mean = 0, sd = 0, median = 0, min = 0, max = 0; ///< sd: sample standard deviation (n - 1)
    double binStart = 0, binWidth = 0; ///< histogram bin b covers [start + b w, start + (b+1) w)
    std::vector<std::size_t> histogram;
};

/// Describes values; `bins` equal bins from min to max (the maximum falls in the last bin).
Distribution describeDistribution(const std::vector<double>& values, int bins = 32);

/// Atoms per class name: "unclassified" for no class, "empty-site" for rows flagged kFlagEmptySite;
/// rows flagged kFlagRejected are not counted.
std::map<std::string, std::size_t> countByClass(const AtomTable& atoms);

/// Length of every undirected bond (once per pair), px. Bonds touching an empty site are left out
/// unless includeEmptySites.
std::vector<double> bondLengths(const LatticeGraph& graph, bool includeEmptySites = false);

/// Angles between angularly consecutive bonds at every node (d angles summing to 360 at a node with
/// d >= 2 bonds), degrees. Empty sites (and bonds to them) are left out unless includeEmptySites.
std::vector<double> bondAngles(const LatticeGraph& graph, bool includeEmptySites = false);

/// Distributions of the local strain components (fractions) and lattice rotation (degrees) over the
/// atoms of a graph after analyseLattice (empty when the graph has no strain).
struct StrainStatistics {
    Distribution exx, eyy, exy, rotationDeg;
};
StrainStatistics strainStatistics(const LatticeGraph& graph);

/// What surrounds one dopant atom: its bonded neighbours per class ("empty-site" for empty sites).
struct DopantNeighbourhood {
    std::size_t row = 0; ///< atom row (= graph node)
    std::string dopantClass;
    std::map<std::string, int> neighbours;
};
/// Neighbourhoods of every atom whose class is in dopantClasses.
std::vector<DopantNeighbourhood> dopantNeighbourhoods(const AtomTable& atoms, const LatticeGraph& graph,
                                                      const std::vector<std::string>& dopantClasses);

/// Settings of the per-image statistics.
struct StatisticsParams {
    std::vector<std::string> vacancyClasses = {"vacancy", "S-vacancy", "single",
                                               "line"}; ///< classes counted as vacancies
    bool emptySitesAreVacancies = true;                 ///< empty ideal sites count as vacancies too
    double lineLinkDistance = 0; ///< px; 0 = 1.2 x sqrt(3) x bond length (honeycomb lattice constant)
    std::vector<std::string> dopantClasses = {"dopant", "W", "V"};
    int bins = 32;
};

/// All statistics of one image (one frame): counts, bonds, angles, strain, vacancy lines, dopants.
struct ImageStatistics {
    std::map<std::string, std::size_t> counts;
    Distribution bondLength, bondAngle;
    StrainStatistics strain;
    std::vector<VacancyLine> vacancyLines; ///< site indices are graph nodes
    std::vector<DopantNeighbourhood> dopants;
};

/// Computes the statistics of atoms whose graph was built over them (graph nodes = atom rows, as
/// buildLatticeGraph + the chain's graph step produce).
ImageStatistics computeImageStatistics(const AtomTable& atoms, const LatticeGraph& graph,
                                       const StatisticsParams& params = {});

/// Writes counts.csv, bond_lengths.csv, bond_angles.csv (summary row + histogram rows), strain.csv,
/// vacancy_lines.csv and dopants.csv into a folder (created when absent, files atomic). Lengths in px
/// and, with a calibrated pixel size, in `unit` as well.
void writeStatisticsCsv(const ImageStatistics& stats, double pixelSize, const std::string& unit,
                        const std::string& folder);

} // namespace atomlens
