// Sweep-hull Delaunay triangulation, after mapbox/delaunator (ISC licence) by V. Agafonkin.
#include "core/graph/Delaunay.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace atomlens {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

double dist2(double ax, double ay, double bx, double by) {
    return (ax - bx) * (ax - bx) + (ay - by) * (ay - by);
}

// True when r lies to the right of p->q in delaunator's convention (clockwise turn).
bool orient(double px, double py, double qx, double qy, double rx, double ry) {
    return (qy - py) * (rx - qx) - (qx - px) * (ry - qy) < 0;
}

double circumradius2(double ax, double ay, double bx, double by, double cx, double cy) {
    const double dx = bx - ax, dy = by - ay, ex = cx - ax, ey = cy - ay;
    const double bl = dx * dx + dy * dy, cl = ex * ex + ey * ey, den = dx * ey - dy * ex;
    if (den == 0) return std::numeric_limits<double>::infinity();
    const double d = 0.5 / den;
    const double x = (ey * bl - dy * cl) * d, y = (dx * cl - ex * bl) * d;
    return x * x + y * y;
}

void circumcenter(double ax, double ay, double bx, double by, double cx, double cy, double& ox, double& oy) {
    const double dx = bx - ax, dy = by - ay, ex = cx - ax, ey = cy - ay;
    const double bl = dx * dx + dy * dy, cl = ex * ex + ey * ey, d = 0.5 / (dx * ey - dy * ex);
    ox = ax + (ey * bl - dy * cl) * d;
    oy = ay + (dx * cl - ex * bl) * d;
}

bool inCircle(double ax, double ay, double bx, double by, double cx, double cy, double px, double py) {
    const double dx = ax - px, dy = ay - py, ex = bx - px, ey = by - py, fx = cx - px, fy = cy - py;
    const double ap = dx * dx + dy * dy, bp = ex * ex + ey * ey, cp = fx * fx + fy * fy;
    return dx * (ey * cp - bp * fy) - dy * (ex * cp - bp * fx) + ap * (ex * fy - ey * fx) < 0;
}

class Sweep {
public:
    Sweep(const std::vector<double>& x, const std::vector<double>& y) : m_x(x), m_y(y) {}

    std::vector<std::uint32_t> run() {
        const std::size_t n = m_x.size();
        if (n < 3) return {};
        double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
        for (std::size_t i = 0; i < n; ++i) {
            minX = std::min(minX, m_x[i]), maxX = std::max(maxX, m_x[i]);
            minY = std::min(minY, m_y[i]), maxY = std::max(maxY, m_y[i]);
        }
        const double midX = (minX + maxX) / 2, midY = (minY + maxY) / 2;
        std::uint32_t i0 = 0, i1 = kNone, i2 = kNone;
        double best = 1e300;
        for (std::uint32_t i = 0; i < n; ++i) {
            const double d = dist2(midX, midY, m_x[i], m_y[i]);
            if (d < best) best = d, i0 = i;
        }
        best = 1e300;
        for (std::uint32_t i = 0; i < n; ++i) {
            const double d = dist2(m_x[i0], m_y[i0], m_x[i], m_y[i]);
            if (i != i0 && d > 0 && d < best) best = d, i1 = i;
        }
        if (i1 == kNone) return {};
        best = std::numeric_limits<double>::infinity();
        for (std::uint32_t i = 0; i < n; ++i) {
            if (i == i0 || i == i1) continue;
            const double r = circumradius2(m_x[i0], m_y[i0], m_x[i1], m_y[i1], m_x[i], m_y[i]);
            if (r < best) best = r, i2 = i;
        }
        if (i2 == kNone || !std::isfinite(best)) return {}; // all collinear
        if (orient(m_x[i0], m_y[i0], m_x[i1], m_y[i1], m_x[i2], m_y[i2])) std::swap(i1, i2);
        circumcenter(m_x[i0], m_y[i0], m_x[i1], m_y[i1], m_x[i2], m_y[i2], m_cx, m_cy);

        std::vector<double> dists(n);
        for (std::size_t i = 0; i < n; ++i) dists[i] = dist2(m_x[i], m_y[i], m_cx, m_cy);
        std::vector<std::uint32_t> ids(n);
        std::iota(ids.begin(), ids.end(), 0u);
        std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) {
            return dists[a] < dists[b] || (dists[a] == dists[b] && a < b);
        });

        m_hashSize = std::size_t(std::ceil(std::sqrt(double(n))));
        m_hullPrev.assign(n, 0), m_hullNext.assign(n, 0), m_hullTri.assign(n, 0);
        m_hullHash.assign(m_hashSize, kNone);
        const std::size_t maxTriangles = 2 * n - 5;
        m_triangles.reserve(maxTriangles * 3), m_halfedges.reserve(maxTriangles * 3);

        m_hullStart = i0;
        m_hullNext[i0] = m_hullPrev[i2] = i1;
        m_hullNext[i1] = m_hullPrev[i0] = i2;
        m_hullNext[i2] = m_hullPrev[i1] = i0;
        m_hullTri[i0] = 0, m_hullTri[i1] = 1, m_hullTri[i2] = 2;
        m_hullHash[hashKey(m_x[i0], m_y[i0])] = i0;
        m_hullHash[hashKey(m_x[i1], m_y[i1])] = i1;
        m_hullHash[hashKey(m_x[i2], m_y[i2])] = i2;
        addTriangle(i0, i1, i2, kNone, kNone, kNone);

        double xp = 0, yp = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint32_t i = ids[k];
            const double x = m_x[i], y = m_y[i];
            if (k > 0 && x == xp && y == yp) continue; // duplicate
            xp = x, yp = y;
            if (i == i0 || i == i1 || i == i2) continue;
            std::uint32_t start = 0;
            for (std::size_t j = 0, key = hashKey(x, y); j < m_hashSize; ++j) {
                start = m_hullHash[(key + j) % m_hashSize];
                if (start != kNone && start != m_hullNext[start]) break;
            }
            start = m_hullPrev[start];
            std::uint32_t e = start, q = 0;
            bool found = true;
            while (q = m_hullNext[e], !orient(x, y, m_x[e], m_y[e], m_x[q], m_y[q])) {
                e = q;
                if (e == start) {
                    found = false;
                    break;
                }
            }
            if (!found) continue; // near-duplicate
            std::uint32_t t = addTriangle(e, i, m_hullNext[e], kNone, kNone, m_hullTri[e]);
            m_hullTri[i] = legalize(t + 2);
            m_hullTri[e] = t;
            std::uint32_t nn = m_hullNext[e];
            while (q = m_hullNext[nn], orient(x, y, m_x[nn], m_y[nn], m_x[q], m_y[q])) {
                t = addTriangle(nn, i, q, m_hullTri[i], kNone, m_hullTri[nn]);
                m_hullTri[i] = legalize(t + 2);
                m_hullNext[nn] = nn; // removed
                nn = q;
            }
            if (e == start) {
                while (q = m_hullPrev[e], orient(x, y, m_x[q], m_y[q], m_x[e], m_y[e])) {
                    t = addTriangle(q, i, e, kNone, m_hullTri[e], m_hullTri[q]);
                    legalize(t + 2);
                    m_hullTri[q] = t;
                    m_hullNext[e] = e; // removed
                    e = q;
                }
            }
            m_hullStart = m_hullPrev[i] = e;
            m_hullNext[e] = m_hullPrev[nn] = i;
            m_hullNext[i] = nn;
            m_hullHash[hashKey(x, y)] = i;
            m_hullHash[hashKey(m_x[e], m_y[e])] = e;
        }
        return std::move(m_triangles);
    }

private:
    std::size_t hashKey(double x, double y) const {
        const double dx = x - m_cx, dy = y - m_cy;
        const double s = std::fabs(dx) + std::fabs(dy);
        const double p = s > 0 ? dx / s : 0;
        const double angle = (dy > 0 ? 3 - p : 1 + p) / 4; // pseudo-angle in [0, 1]
        return std::size_t(std::floor(angle * double(m_hashSize))) % m_hashSize;
    }

    void link(std::uint32_t a, std::uint32_t b) {
        m_halfedges[a] = b;
        if (b != kNone) m_halfedges[b] = a;
    }

    std::uint32_t addTriangle(std::uint32_t i0, std::uint32_t i1, std::uint32_t i2, std::uint32_t a,
                              std::uint32_t b, std::uint32_t c) {
        const std::uint32_t t = std::uint32_t(m_triangles.size());
        m_triangles.push_back(i0), m_triangles.push_back(i1), m_triangles.push_back(i2);
        m_halfedges.push_back(kNone), m_halfedges.push_back(kNone), m_halfedges.push_back(kNone);
        link(t, a), link(t + 1, b), link(t + 2, c);
        return t;
    }

    std::uint32_t legalize(std::uint32_t a) {
        std::uint32_t ar = 0;
        m_stack.clear();
        while (true) {
            const std::uint32_t b = m_halfedges[a];
            const std::uint32_t a0 = a - a % 3;
            ar = a0 + (a + 2) % 3;
            if (b == kNone) {
                if (m_stack.empty()) break;
                a = m_stack.back(), m_stack.pop_back();
                continue;
            }
            const std::uint32_t b0 = b - b % 3, al = a0 + (a + 1) % 3, bl = b0 + (b + 2) % 3;
            const std::uint32_t p0 = m_triangles[ar], pr = m_triangles[a], pl = m_triangles[al],
                                p1 = m_triangles[bl];
            if (inCircle(m_x[p0], m_y[p0], m_x[pr], m_y[pr], m_x[pl], m_y[pl], m_x[p1], m_y[p1])) {
                m_triangles[a] = p1, m_triangles[b] = p0;
                const std::uint32_t hbl = m_halfedges[bl];
                if (hbl == kNone) { // the flipped edge was on the hull: fix the hull's triangle reference
                    std::uint32_t e = m_hullStart;
                    do {
                        if (m_hullTri[e] == bl) {
                            m_hullTri[e] = a;
                            break;
                        }
                        e = m_hullPrev[e];
                    } while (e != m_hullStart);
                }
                link(a, hbl), link(b, m_halfedges[ar]), link(ar, bl);
                if (m_stack.size() < 100000) m_stack.push_back(b0 + (b + 1) % 3);
            } else {
                if (m_stack.empty()) break;
                a = m_stack.back(), m_stack.pop_back();
            }
        }
        return ar;
    }

    const std::vector<double>& m_x;
    const std::vector<double>& m_y;
    double m_cx = 0, m_cy = 0;
    std::size_t m_hashSize = 1;
    std::uint32_t m_hullStart = 0;
    std::vector<std::uint32_t> m_hullPrev, m_hullNext, m_hullTri, m_hullHash, m_triangles, m_halfedges,
        m_stack;
};

} // namespace

std::vector<std::uint32_t> delaunayTriangles(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size()) throw std::invalid_argument("delaunayTriangles: x and y differ in size");
    if (x.size() >= kNone / 4) throw std::invalid_argument("delaunayTriangles: too many points");
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            throw std::invalid_argument("delaunayTriangles: non-finite coordinate");
    // Deterministic tiny perturbation breaks the exact co-circularity and collinearity of ideal lattices,
    // which would otherwise make the (non-exact) predicates disagree with each other.
    double scale = 0;
    for (std::size_t i = 0; i < x.size(); ++i) scale = std::max({scale, std::fabs(x[i]), std::fabs(y[i])});
    const double amp = std::max(scale, 1.0) * 1e-9;
    std::vector<double> px(x), py(y);
    std::uint64_t s = 0x9E3779B97F4A7C15ull;
    for (std::size_t i = 0; i < x.size(); ++i) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        px[i] += amp * (double(s & 0xffff) / 65536.0 - 0.5);
        py[i] += amp * (double((s >> 16) & 0xffff) / 65536.0 - 0.5);
    }
    Sweep sweep(px, py);
    auto tri = sweep.run();
    // Make every triangle positively oriented in (x, y); drop the slivers that exactly collinear
    // input leaves after the perturbation.
    std::vector<std::uint32_t> out;
    out.reserve(tri.size());
    const double minArea = 1e-12 * std::max(scale, 1.0) * std::max(scale, 1.0);
    for (std::size_t t = 0; t + 2 < tri.size(); t += 3) {
        const double ax = x[tri[t]], ay = y[tri[t]], bx = x[tri[t + 1]], by = y[tri[t + 1]],
                     cx = x[tri[t + 2]], cy = y[tri[t + 2]];
        const double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (std::fabs(area) <= minArea) continue;
        out.push_back(tri[t]);
        out.push_back(area > 0 ? tri[t + 1] : tri[t + 2]);
        out.push_back(area > 0 ? tri[t + 2] : tri[t + 1]);
    }
    return out;
}

} // namespace atomlens
