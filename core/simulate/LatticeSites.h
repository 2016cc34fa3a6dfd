#pragma once
#include "core/base/Random.h"
#include "core/simulate/Simulator.h"

#include <functional>
#include <vector>

namespace atomlens {

struct Vec2 {
    double x = 0, y = 0;
};
inline Vec2 operator+(Vec2 a, Vec2 b) {
    return {a.x + b.x, a.y + b.y};
}
inline Vec2 operator-(Vec2 a, Vec2 b) {
    return {a.x - b.x, a.y - b.y};
}
inline Vec2 operator*(double s, Vec2 a) {
    return {s * a.x, s * a.y};
}

/// Maps reference lattice coordinates to specimen coordinates: p = centre + R(theta) (I + E) r.
struct Placement {
    Vec2 centre;
    double m[2][2] = {{1, 0}, {0, 1}};
    Vec2 apply(Vec2 r) const {
        return {centre.x + m[0][0] * r.x + m[0][1] * r.y, centre.y + m[1][0] * r.x + m[1][1] * r.y};
    }
};

/// Rotation by rotationDeg and the params' uniform strain, about the area's centre.
Placement makePlacement(const SimulationParams& p, double widthA, double heightA, double rotationDeg);

/// Calls f(basisIndex, position) for every site of the lattice (a1, a2, basis) that lies within the
/// area plus a margin.
void forEachSite(Vec2 a1, Vec2 a2, const std::vector<Vec2>& basis, const Placement& placement, double widthA,
                 double heightA, double margin, const std::function<void(int, Vec2)>& f);

/// params.rotationDeg, or a random angle in [0, 60) when it is NaN.
double rotationOf(const SimulationParams& p, Random& rng);

} // namespace atomlens
