#pragma once
#include "core/data/AtomTable.h"
#include "core/detect/Detector.h"
#include "core/job/JobContext.h"

#include <array>
#include <vector>

namespace atomlens {

/// What the lattice-guided search found (for logs and tests).
struct LatticeCompletionReport {
    bool lattice = false;      ///< the detected atoms formed a lattice
    int cellsAveraged = 0;     ///< unit cells in the averaged residual cell
    int newSublattices = 0;    ///< basis sites found only in the averaged cell (e.g. dim S2 beside Mo)
    std::size_t predicted = 0; ///< predicted sites with no detected atom
    std::size_t added = 0;     ///< of those, sites where the image shows a column (atoms added)
    std::vector<std::array<double, 2>> newSites; ///< fractional positions of the new basis sites
};

/// Lattice-guided second look for columns that the peak search missed: the lattice of the detected
/// atoms is fitted locally (analyseLattice); the residual of the band-passed image after the fitted
/// columns are subtracted is averaged over hundreds of unit cells, so a sublattice too dim to detect
/// column by column (S2 beside Mo on smoothed real images) stands out as a peak of the averaged cell
/// and becomes a basis site. Every site of every sublattice that the local lattices of the
/// neighbouring atoms predict (following local distortion) and that has no atom is then tested in
/// the image: where the residual near the site reaches 30 % of the typical height of its sublattice's
/// columns (and the noise threshold), a column is added there and refined. Sites that show no column
/// are left to the graph's empty-site search. Returns the number of atoms added.
std::size_t completeLatticeColumns(const LatticeSearchInput& input, AtomTable& atoms, JobContext& job,
                                   LatticeCompletionReport* report = nullptr);

} // namespace atomlens
