#pragma once
#include "core/base/Random.h"
#include "core/data/Point2.h"
#include "core/simulate/Simulator.h"

#include <functional>
#include <vector>

namespace atomlens {

/// Maps reference lattice coordinates to specimen coordinates: p = centre + R(theta) (I + E) r.
struct Placement {
    Point2 centre;
    double m[2][2] = {{1, 0}, {0, 1}};
    Point2 apply(Point2 r) const {
        return {centre.x + m[0][0] * r.x + m[0][1] * r.y, centre.y + m[1][0] * r.x + m[1][1] * r.y};
    }
};

/// Rotation by rotationDeg and the params' uniform strain, about the area's centre.
Placement makePlacement(const SimulationParams& p, double widthA, double heightA, double rotationDeg);

/// Calls f(basisIndex, position) for every site of the lattice (a1, a2, basis) that lies within the
/// area plus a margin.
void forEachSite(Point2 a1, Point2 a2, const std::vector<Point2>& basis, const Placement& placement,
                 double widthA, double heightA, double margin, const std::function<void(int, Point2)>& f);

/// params.rotationDeg, or a random angle in [0, 60) when it is NaN.
double rotationOf(const SimulationParams& p, Random& rng);

} // namespace atomlens
