// The local honeycomb around a point of a graphene image (see GrapheneLattice.h).
#include "core/analysis/GrapheneLattice.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kIndexTolerance = 0.3; ///< bonds: a column farther from its site is not fitted

double norm(const Point2& p) {
    return std::hypot(p.x, p.y);
}

/// The three bond vectors from an A site to its B neighbours.
std::array<Point2, 3> bondVectors(const LocalHoneycomb& h) {
    const Point2 d0 = (1.0 / 3.0) * (h.a1 + h.a2);
    return {d0, d0 - h.a1, d0 - h.a2};
}

/// Fractional coordinates of p relative to the origin (p = origin + u a1 + v a2).
void fractional(const LocalHoneycomb& h, const Point2& p, double& u, double& v) {
    const Point2 q = p - h.origin;
    const double det = h.a1.x * h.a2.y - h.a1.y * h.a2.x;
    u = (q.x * h.a2.y - q.y * h.a2.x) / det;
    v = (h.a1.x * q.y - h.a1.y * q.x) / det;
}

/// Nearest site: its fractional coordinates (n1 + s/3, n2 + s/3) and position.
struct SiteIndex {
    double f1 = 0, f2 = 0;
    Point2 p;
    double distance = 1e300;
};

SiteIndex nearestIndexed(const LocalHoneycomb& h, const Point2& p) {
    double u = 0, v = 0;
    fractional(h, p, u, v);
    SiteIndex best;
    for (int s = 0; s < 2; ++s) {
        const double off = s / 3.0;
        const double ru = std::round(u - off), rv = std::round(v - off);
        for (int i = -1; i <= 1; ++i)
            for (int j = -1; j <= 1; ++j) {
                const double f1 = ru + i + off, f2 = rv + j + off;
                const Point2 site = h.origin + f1 * h.a1 + f2 * h.a2;
                const double d = norm(site - p);
                if (d < best.distance) best = {f1, f2, site, d};
            }
    }
    return best;
}

/// Solves the 3x3 normal equations (symmetric) by Cramer's rule; false when singular.
bool solve3(const double m[3][3], const double r[3], double out[3]) {
    const auto det3 = [](const double a[3][3]) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
               a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
               a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    };
    const double d = det3(m);
    if (!(std::fabs(d) > 1e-12)) return false;
    for (int c = 0; c < 3; ++c) {
        double t[3][3];
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) t[i][j] = j == c ? r[i] : m[i][j];
        out[c] = det3(t) / d;
    }
    return true;
}

} // namespace

Point2 LocalHoneycomb::nearestSite(const Point2& p) const {
    return nearestIndexed(*this, p).p;
}

Point2 LocalHoneycomb::nearestBondCentre(const Point2& p, Point2* siteA, Point2* siteB) const {
    double u = 0, v = 0;
    fractional(*this, p, u, v);
    const auto d = bondVectors(*this);
    Point2 best{1e300, 1e300}, bestA, bestB;
    for (int i = -2; i <= 2; ++i)
        for (int j = -2; j <= 2; ++j) {
            const Point2 a = origin + (std::round(u) + i) * a1 + (std::round(v) + j) * a2;
            for (const auto& dk : d) {
                const Point2 m = a + 0.5 * dk;
                if (norm(m - p) < norm(best - p)) best = m, bestA = a, bestB = a + dk;
            }
        }
    if (siteA) *siteA = bestA;
    if (siteB) *siteB = bestB;
    return best;
}

std::vector<Point2> LocalHoneycomb::neighboursOfSite(const Point2& p) const {
    const SiteIndex s = nearestIndexed(*this, p);
    const bool isA = std::fabs(s.f1 - std::round(s.f1)) < 0.1;
    std::vector<Point2> out;
    for (const auto& dk : bondVectors(*this)) out.push_back(isA ? s.p + dk : s.p - dk);
    return out;
}

std::vector<Point2> LocalHoneycomb::neighboursOfBondCentre(const Point2& p) const {
    Point2 a, b;
    nearestBondCentre(p, &a, &b);
    std::vector<Point2> out;
    for (const auto& dk : bondVectors(*this)) {
        if (norm(a + dk - b) < 1e-6 * bond + 1e-9) continue; // the bond itself
        out.push_back(a + dk), out.push_back(b - dk);
    }
    return out;
}

LocalHoneycomb fitLocalHoneycomb(const std::vector<double>& x, const std::vector<double>& y,
                                 const std::vector<std::uint8_t>& host, const Point2& centre, double inner,
                                 double outer, double bond, int width, int height) {
    LocalHoneycomb h;
    if (!(bond > 0)) return h;
    std::vector<Point2> pts;
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
        const double r = std::hypot(x[i] - centre.x, y[i] - centre.y);
        if ((host.empty() || host[i]) && r >= inner && r <= outer) pts.push_back({x[i], y[i]});
    }
    if (pts.size() < 8) return h;
    // Orientation: bond directions repeat every 60 deg, so average 6 x their angle.
    double c6 = 0, s6 = 0, bsum = 0;
    std::size_t nb = 0;
    for (std::size_t i = 0; i < pts.size(); ++i)
        for (std::size_t j = i + 1; j < pts.size(); ++j) {
            const Point2 d = pts[j] - pts[i];
            const double len = norm(d);
            if (len < 0.75 * bond || len > 1.3 * bond) continue;
            const double phi = std::atan2(d.y, d.x);
            c6 += std::cos(6 * phi), s6 += std::sin(6 * phi), bsum += len, ++nb;
        }
    if (nb < 6) return h;
    const double theta = std::atan2(s6, c6) / 6, b = bsum / double(nb);
    const Point2 d0{b * std::cos(theta), b * std::sin(theta)};
    const auto rot = [](const Point2& p, double a) {
        return Point2{p.x * std::cos(a) - p.y * std::sin(a), p.x * std::sin(a) + p.y * std::cos(a)};
    };
    h.a1 = d0 - rot(d0, 2 * kPi / 3), h.a2 = d0 - rot(d0, 4 * kPi / 3);
    // Origin: the offset within the unit cell that puts most columns on sites (capped squares).
    const double cap = 0.35 * b;
    double bestCost = 1e300;
    Point2 bestOrigin = centre;
    constexpr int kSteps = 24;
    for (int s = 0; s < kSteps; ++s)
        for (int t = 0; t < kSteps; ++t) {
            h.origin = centre + (double(s) / kSteps) * h.a1 + (double(t) / kSteps) * h.a2;
            double cost = 0;
            for (const auto& p : pts) cost += std::min(cap * cap, std::pow(nearestIndexed(h, p).distance, 2));
            if (cost < bestCost) bestCost = cost, bestOrigin = h.origin;
        }
    h.origin = bestOrigin;
    // Least squares of origin, a1, a2 over the indexed columns (twice: the indices may change).
    for (int round = 0; round < 2; ++round) {
        double m[3][3] = {}, rx[3] = {}, ry[3] = {};
        std::size_t used = 0;
        double ss = 0;
        for (const auto& p : pts) {
            const SiteIndex s = nearestIndexed(h, p);
            if (s.distance > kIndexTolerance * b) continue;
            const double f[3] = {1, s.f1, s.f2};
            for (int i = 0; i < 3; ++i) {
                for (int j = 0; j < 3; ++j) m[i][j] += f[i] * f[j];
                rx[i] += f[i] * p.x, ry[i] += f[i] * p.y;
            }
            ++used, ss += s.distance * s.distance;
        }
        double cx[3], cy[3];
        if (used < 8 || !solve3(m, rx, cx) || !solve3(m, ry, cy)) return LocalHoneycomb{};
        h.origin = {cx[0], cy[0]}, h.a1 = {cx[1], cy[1]}, h.a2 = {cx[2], cy[2]};
        h.columns = used, h.rmsResidual = std::sqrt(ss / double(used));
    }
    const auto d = bondVectors(h);
    h.bond = (norm(d[0]) + norm(d[1]) + norm(d[2])) / 3;
    // Ideal sites in the same ring inside the image (0.25 bonds from the border, like the completion).
    double u = 0, v = 0;
    fractional(h, centre, u, v);
    const int reach = int(std::ceil(outer / (0.8 * norm(h.a1)))) + 2;
    const double margin = 0.25 * h.bond;
    for (int i = -reach; i <= reach; ++i)
        for (int j = -reach; j <= reach; ++j)
            for (int s = 0; s < 2; ++s) {
                const Point2 p =
                    h.origin + (std::round(u) + i + s / 3.0) * h.a1 + (std::round(v) + j + s / 3.0) * h.a2;
                const double r = norm(p - centre);
                if (r >= inner && r <= outer && p.x >= margin && p.y >= margin && p.x <= width - 1 - margin &&
                    p.y <= height - 1 - margin)
                    ++h.sites;
            }
    // The fit must still be a honeycomb of about the given bond (not collapsed onto a wrong indexing).
    h.valid = h.bond > 0.8 * b && h.bond < 1.2 * b && std::fabs(norm(h.a1) / norm(h.a2) - 1) < 0.15;
    return h;
}

} // namespace atomlens
