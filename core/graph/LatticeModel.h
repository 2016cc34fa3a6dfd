#pragma once
#include "core/data/Image.h"
#include "core/job/JobContext.h"

#include <array>
#include <cstdint>
#include <vector>

namespace atomlens {

class PointIndex;

/// A 2-D lattice: two primitive translations (pixels, image frame) and the basis sites as fractional
/// coordinates in [0, 1)^2 (site 0 at the origin). MoS2 in projection: a hexagonal lattice with two
/// sites (Mo, S2); its 1T phase fills a third.
struct LatticeModel {
    std::array<double, 2> a1{0, 0}, a2{0, 0};
    std::vector<std::array<double, 2>> basis; ///< fractional coordinates of the sites
    std::vector<double> basisOccupancy;       ///< fraction of atoms on each site
    double bondLength = 0;                    ///< median nearest-neighbour distance, pixels
    bool valid() const { return a1[0] * a2[1] - a1[1] * a2[0] != 0; }
    double area() const { return a1[0] * a2[1] - a1[1] * a2[0]; }
};

/// Lattice translations from neighbour statistics: difference vectors to neighbours within about
/// three bond lengths are clustered; vectors that most atoms have (translations, unlike the bonds of
/// a honeycomb, which only one sublattice has in a given direction) are the candidates, and the two
/// shortest independent ones are reduced to a right-handed pair (a1 x a2 > 0 in (x, y)). Basis
/// sites come from walking the bonds from the central atom, adding fractional offsets; `sites`, when
/// given, receives each atom's basis site (-1 where no bond reached it). Returns an invalid model
/// when there are too few atoms (< 8) or no periodicity.
/// `index`, when given, is a k-d tree over (x, y) already built (else one is built here).
/// `job` lends its thread pool to the bond look-up.
LatticeModel estimateLattice(const std::vector<double>& x, const std::vector<double>& y,
                             std::vector<std::int32_t>* sites = nullptr, const PointIndex* index = nullptr,
                             JobContext& job = nullJobContext());

/// Fractional coordinates of a displacement d in the lattice basis (a1, a2).
std::array<double, 2> toFractional(const LatticeModel& m, double dx, double dy);

/// Lattice period from the image's power spectrum: the first peak of the radially averaged FFT
/// profile (what Dan et al. use to size descriptor patches), in pixels. For a hexagonal lattice of
/// constant a this is the {100} plane spacing a*sqrt(3)/2. Returns 0 when no peak stands out.
double latticePeriodFromFft(const Image& image);

} // namespace atomlens
