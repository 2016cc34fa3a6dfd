#pragma once
#include <cstdint>
#include <vector>

namespace atomlens {

/// Delaunay triangulation of 2-D points by the sweep-hull method (as in mapbox/delaunator), O(n log n).
/// Returns vertex index triples with positive signed area in (x, y) (counter-clockwise in a y-up frame).
/// Exact duplicates are skipped; fewer than 3 non-collinear points give no triangles. Co-circular
/// lattice input is triangulated consistently: the predicates see the points perturbed by a
/// deterministic jitter of 1e-9 of the coordinate range, and slivers of collinear points are dropped.
/// Throws std::invalid_argument for non-finite coordinates or mismatched sizes.
std::vector<std::uint32_t> delaunayTriangles(const std::vector<double>& x, const std::vector<double>& y);

} // namespace atomlens
