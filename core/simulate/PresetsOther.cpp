// Presets beyond single-phase MoS2: a tilt grain boundary, graphene with Si dopants, a perovskite.
#include "core/simulate/LatticeSites.h"
#include "core/simulate/Presets.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;

Column column(Vec2 q, const std::string& cls, const std::string& element, const std::string& site,
              double weight, const std::string& defect, const std::string& region) {
    Column c;
    c.x = q.x, c.y = q.y, c.cls = cls, c.element = element, c.site = site, c.weight = weight;
    c.defect = defect, c.region = region;
    return c;
}

/// Buckets columns on a grid of `cell` angstrom so neighbour searches stay linear.
class ColumnGrid {
public:
    ColumnGrid(const std::vector<Column>& cols, double cell) : m_cell(cell) {
        for (std::size_t i = 0; i < cols.size(); ++i) m_buckets[key(cols[i].x, cols[i].y)].push_back(i);
    }
    template <class F> void near(double x, double y, F f) const {
        const long cx = long(std::floor(x / m_cell)), cy = long(std::floor(y / m_cell));
        for (long dy = -1; dy <= 1; ++dy)
            for (long dx = -1; dx <= 1; ++dx) {
                const auto it = m_buckets.find(pack(cx + dx, cy + dy));
                if (it != m_buckets.end())
                    for (std::size_t i : it->second) f(i);
            }
    }

private:
    static long long pack(long x, long y) { return (static_cast<long long>(x) << 32) ^ (y & 0xffffffffLL); }
    long long key(double x, double y) const {
        return pack(long(std::floor(x / m_cell)), long(std::floor(y / m_cell)));
    }
    double m_cell;
    std::unordered_map<long long, std::vector<std::size_t>> m_buckets;
};

} // namespace

Structure buildGrainBoundary(const SimulationParams& p, double w, double h, Random& rng) {
    // Two MoS2 grains rotated by +-tilt/2 about a common axis, meeting on a straight seam through the
    // centre. Columns closer than half a bond across the seam are merged, then the seam region is
    // relaxed with bond springs, which produces the 5|7 (and some 4|8) rings of a real tilt boundary.
    const double a = 3.16, bond = a / std::sqrt(3.0);
    const double tilt = std::isnan(p.tiltDeg) ? rng.uniform(13, 30) : p.tiltDeg;
    const double base = rotationOf(p, rng);
    const double seamAngle = rng.uniform(-0.25, 0.25) * kPi + kPi / 2; // roughly vertical seam
    const Vec2 normal{std::sin(seamAngle), -std::cos(seamAngle)};
    const Vec2 centre{w / 2 + rng.uniform(-0.05, 0.05) * w, h / 2};
    auto seamDistance = [&](Vec2 q) { return (q.x - centre.x) * normal.x + (q.y - centre.y) * normal.y; };

    const Vec2 a1{a, 0}, a2{a / 2, a * std::sqrt(3.0) / 2};
    const std::vector<Vec2> basis = {{0, 0}, (1.0 / 3) * (a1 + a2)};
    Structure s;
    s.width = w, s.height = h;
    const double wMo = haadfWeight(42), wS2 = 2 * haadfWeight(16);
    for (int grain = 0; grain < 2; ++grain) {
        const Placement pl = makePlacement(p, w, h, base + (grain == 0 ? tilt / 2 : -tilt / 2));
        forEachSite(a1, a2, basis, pl, w, h, 4.0, [&](int b, Vec2 q) {
            const double d = seamDistance(q);
            if ((grain == 0) != (d < 0)) return;
            s.columns.push_back(
                b == 0 ? column(q, "Mo", "Mo", "Mo", wMo, "none", grain == 0 ? "grainA" : "grainB")
                       : column(q, "S2", "S2", "S", wS2, "none", grain == 0 ? "grainA" : "grainB"));
        });
    }
    // Merge near-coincident columns across the seam (keep grain A's).
    {
        ColumnGrid grid(s.columns, 2 * bond);
        std::vector<bool> drop(s.columns.size(), false);
        for (std::size_t i = 0; i < s.columns.size(); ++i) {
            if (s.columns[i].region != "grainB" ||
                std::fabs(seamDistance({s.columns[i].x, s.columns[i].y})) > 2 * bond)
                continue;
            grid.near(s.columns[i].x, s.columns[i].y, [&](std::size_t j) {
                if (s.columns[j].region == "grainA" && !drop[j] &&
                    std::hypot(s.columns[i].x - s.columns[j].x, s.columns[i].y - s.columns[j].y) < 0.6 * bond)
                    drop[i] = true;
            });
        }
        std::vector<Column> kept;
        for (std::size_t i = 0; i < s.columns.size(); ++i)
            if (!drop[i]) kept.push_back(s.columns[i]);
        s.columns.swap(kept);
    }
    // Relax the seam: springs toward the bond length between columns within 1.35 bonds, a soft
    // repulsion below 0.85 bonds; columns farther than 3 bonds from the seam stay fixed.
    for (int iter = 0; iter < 80; ++iter) {
        ColumnGrid grid(s.columns, 2 * bond);
        std::vector<Vec2> force(s.columns.size());
        for (std::size_t i = 0; i < s.columns.size(); ++i) {
            if (std::fabs(seamDistance({s.columns[i].x, s.columns[i].y})) > 3 * bond) continue;
            grid.near(s.columns[i].x, s.columns[i].y, [&](std::size_t j) {
                if (j == i) return;
                const double dx = s.columns[j].x - s.columns[i].x, dy = s.columns[j].y - s.columns[i].y;
                const double d = std::hypot(dx, dy);
                if (d < 1e-6 || d > 1.35 * bond) return;
                const double k = d < 0.85 * bond ? 2.0 : 1.0;
                force[i].x += k * (d - bond) * dx / d;
                force[i].y += k * (d - bond) * dy / d;
            });
        }
        for (std::size_t i = 0; i < s.columns.size(); ++i)
            s.columns[i].x += 0.15 * force[i].x, s.columns[i].y += 0.15 * force[i].y;
    }
    for (auto& c : s.columns)
        if (std::fabs(seamDistance({c.x, c.y})) < 1.5 * bond) c.region = "boundary";
    // A few S vacancies everywhere.
    const double pS1 = std::isnan(p.sSingleVacancy) ? 0.02 : p.sSingleVacancy;
    for (auto& c : s.columns)
        if (c.site == "S" && rng.uniform() < pS1)
            c.cls = "S1", c.element = "S", c.weight = haadfWeight(16), c.defect = "single";
    return s;
}

Structure buildGrapheneSi(const SimulationParams& p, double w, double h, Random& rng) {
    const double a = 2.46, bond = a / std::sqrt(3.0);
    const Vec2 a1{a, 0}, a2{a / 2, a * std::sqrt(3.0) / 2};
    const Placement pl = makePlacement(p, w, h, rotationOf(p, rng));
    Structure s;
    s.width = w, s.height = h;
    const double wC = haadfWeight(6), wSi = haadfWeight(14);
    forEachSite(a1, a2, {{0, 0}, (1.0 / 3) * (a1 + a2)}, pl, w, h, 3.0,
                [&](int, Vec2 q) { s.columns.push_back(column(q, "C", "C", "C", wC, "none", "bulk")); });
    const int n3 = p.siThreeFold >= 0 ? p.siThreeFold : 4, n4 = p.siFourFold >= 0 ? p.siFourFold : 3;
    std::vector<Vec2> placed;
    auto farFromOthers = [&](Vec2 q) {
        if (q.x < 4 || q.y < 4 || q.x > w - 4 || q.y > h - 4) return false;
        for (const auto& o : placed)
            if (std::hypot(o.x - q.x, o.y - q.y) < 6.0) return false;
        return true;
    };
    std::vector<bool> removed(s.columns.size(), false);
    for (int k = 0, tries = 0; k < n3 && tries < 10000; ++tries) {
        auto& c = s.columns[rng.below(s.columns.size())];
        if (c.cls != "C" || !farFromOthers({c.x, c.y})) continue;
        c.cls = "Si3", c.element = "Si", c.weight = wSi, c.defect = "Si3";
        placed.push_back({c.x, c.y});
        ++k;
    }
    for (int k = 0, tries = 0; k < n4 && tries < 10000; ++tries) {
        // A Si in a divacancy: two bonded C removed, Si at the bond centre, bonded to four C.
        const std::size_t i = rng.below(s.columns.size());
        if (s.columns[i].cls != "C" || removed[i]) continue;
        std::size_t j = s.columns.size();
        for (std::size_t m = 0; m < s.columns.size(); ++m)
            if (m != i && !removed[m] && s.columns[m].cls == "C" &&
                std::hypot(s.columns[m].x - s.columns[i].x, s.columns[m].y - s.columns[i].y) < 1.1 * bond) {
                j = m;
                break;
            }
        if (j == s.columns.size()) continue;
        const Vec2 mid{(s.columns[i].x + s.columns[j].x) / 2, (s.columns[i].y + s.columns[j].y) / 2};
        if (!farFromOthers(mid)) continue;
        removed[i] = removed[j] = true;
        s.columns[i] = column(mid, "Si4", "Si", "C", wSi, "Si4", "bulk");
        removed[i] = false;
        placed.push_back(mid);
        ++k;
    }
    std::vector<Column> kept;
    for (std::size_t i = 0; i < s.columns.size(); ++i)
        if (!removed[i]) kept.push_back(s.columns[i]);
    s.columns.swap(kept);
    return s;
}

Structure buildPerovskite(const SimulationParams& p, double w, double h, Random& rng) {
    // SrTiO3 along [001]: Sr columns (A), Ti-O columns (B), pure O columns.
    const double a = 3.905;
    const Placement pl =
        makePlacement(p, w, h, std::isnan(p.rotationDeg) ? rng.uniform(0, 90) : p.rotationDeg);
    Structure s;
    s.width = w, s.height = h;
    const double wA = haadfWeight(38), wB = haadfWeight(22) + haadfWeight(8), wO = haadfWeight(8);
    const double pVac = std::isnan(p.moVacancy) ? 0.01 : p.moVacancy;
    forEachSite({a, 0}, {0, a}, {{0, 0}, {a / 2, a / 2}, {a / 2, 0}, {0, a / 2}}, pl, w, h, 3.0,
                [&](int b, Vec2 q) {
                    if (b == 0) {
                        if (rng.uniform() < pVac)
                            s.columns.push_back(column(q, "empty", "-", "A", 0, "vacancy", "bulk"));
                        else
                            s.columns.push_back(column(q, "A", "Sr", "A", wA, "none", "bulk"));
                    } else if (b == 1) {
                        s.columns.push_back(column(q, "B", "TiO", "B", wB, "none", "bulk"));
                    } else {
                        s.columns.push_back(column(q, "O", "O", "O", wO, "none", "bulk"));
                    }
                });
    return s;
}

} // namespace atomlens
