#pragma once
// The honeycomb around one point of a graphene image, fitted to the host columns a little farther out:
// where the ideal lattice sites are, whether the point sits on a site (substitutional 3-fold dopant) or
// on a bond centre (4-fold dopant in a divacancy), and where its neighbours belong.
#include "core/data/Point2.h"

#include <cstdint>
#include <vector>

namespace atomlens {

/// A honeycomb fitted locally: A sites at origin + n1 a1 + n2 a2, B sites at A + (a1 + a2) / 3.
struct LocalHoneycomb {
    bool valid = false;
    Point2 origin;           ///< an A site, px
    Point2 a1, a2;           ///< lattice vectors, px (affine: follows local strain and scan distortion)
    double bond = 0;         ///< mean C-C bond of the fit, px
    std::size_t columns = 0; ///< host columns used in the fit
    double rmsResidual = 0;  ///< of those columns, px
    std::size_t sites = 0;   ///< ideal sites of the fit in the same ring inside the image
    /// Fraction of the ring's sites with a fitted column: near 1 where the lattice is clean and the
    /// columns are found; low on contamination, strong distortion or a wrong lattice.
    double coverage() const { return sites ? double(columns) / double(sites) : 0.0; }

    /// The nearest lattice site to p (A or B).
    Point2 nearestSite(const Point2& p) const;
    /// The nearest bond centre (midpoint of two neighbouring sites) to p, and the two sites.
    Point2 nearestBondCentre(const Point2& p, Point2* siteA = nullptr, Point2* siteB = nullptr) const;
    /// The three sites bonded to the site nearest p.
    std::vector<Point2> neighboursOfSite(const Point2& p) const;
    /// The four sites around the bond centre nearest p (the divacancy's dangling neighbours).
    std::vector<Point2> neighboursOfBondCentre(const Point2& p) const;
};

/// Fits the honeycomb to the host columns (x, y; host[i] != 0) lying between `inner` and `outer` px of
/// `centre` (the disturbed neighbourhood of a dopant is left out), given the approximate bond length:
/// orientation from the columns' bond directions, origin by a search over the unit cell, then linear
/// least squares of origin and both lattice vectors over the columns within 0.3 bonds of their sites.
/// Invalid when fewer than 8 columns fit. width, height: the image (for LocalHoneycomb::sites).
LocalHoneycomb fitLocalHoneycomb(const std::vector<double>& x, const std::vector<double>& y,
                                 const std::vector<std::uint8_t>& host, const Point2& centre, double inner,
                                 double outer, double bond, int width, int height);

} // namespace atomlens
