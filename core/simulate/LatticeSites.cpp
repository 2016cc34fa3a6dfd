#include "core/simulate/LatticeSites.h"

#include <algorithm>
#include <cmath>

namespace atomlens {

Placement makePlacement(const SimulationParams& p, double widthA, double heightA, double rotationDeg) {
    Placement pl;
    pl.centre = {widthA / 2, heightA / 2};
    const double t = rotationDeg * 3.14159265358979323846 / 180, c = std::cos(t), s = std::sin(t);
    const double e[2][2] = {{1 + p.strainXX, p.strainXY}, {p.strainXY, 1 + p.strainYY}};
    const double r[2][2] = {{c, -s}, {s, c}};
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) pl.m[i][j] = r[i][0] * e[0][j] + r[i][1] * e[1][j];
    return pl;
}

void forEachSite(Point2 a1, Point2 a2, const std::vector<Point2>& basis, const Placement& pl, double widthA,
                 double heightA, double margin, const std::function<void(int, Point2)>& f) {
    // Reference-space coordinates of the area's corners give the range of cells to visit.
    const double det = pl.m[0][0] * pl.m[1][1] - pl.m[0][1] * pl.m[1][0];
    const double inv[2][2] = {{pl.m[1][1] / det, -pl.m[0][1] / det}, {-pl.m[1][0] / det, pl.m[0][0] / det}};
    const double latDet = a1.x * a2.y - a1.y * a2.x;
    double iMin = 1e300, iMax = -1e300, jMin = 1e300, jMax = -1e300;
    for (double cx : {-margin, widthA + margin})
        for (double cy : {-margin, heightA + margin}) {
            const double dx = cx - pl.centre.x, dy = cy - pl.centre.y;
            const double rx = inv[0][0] * dx + inv[0][1] * dy, ry = inv[1][0] * dx + inv[1][1] * dy;
            const double i = (rx * a2.y - ry * a2.x) / latDet, j = (a1.x * ry - a1.y * rx) / latDet;
            iMin = std::min(iMin, i), iMax = std::max(iMax, i), jMin = std::min(jMin, j),
            jMax = std::max(jMax, j);
        }
    for (int i = int(std::floor(iMin)) - 2; i <= int(std::ceil(iMax)) + 2; ++i)
        for (int j = int(std::floor(jMin)) - 2; j <= int(std::ceil(jMax)) + 2; ++j)
            for (std::size_t b = 0; b < basis.size(); ++b) {
                const Point2 q = pl.apply(double(i) * a1 + double(j) * a2 + basis[b]);
                if (q.x < -margin || q.y < -margin || q.x > widthA + margin || q.y > heightA + margin)
                    continue;
                f(int(b), q);
            }
}

double rotationOf(const SimulationParams& p, Random& rng) {
    const double random = rng.uniform(0, 60); // drawn always, so other draws do not depend on the choice
    return std::isnan(p.rotationDeg) ? random : p.rotationDeg;
}

} // namespace atomlens
