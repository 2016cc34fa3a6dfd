// Presets beyond single-phase MoS2: a tilt grain boundary, graphene with Si dopants, a perovskite.
#include "core/data/PointIndex.h"
#include "core/simulate/LatticeSites.h"
#include "core/simulate/Presets.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;

Column column(Point2 q, const std::string& cls, const std::string& element, const std::string& site,
              double weight, const std::string& defect, const std::string& region) {
    Column c;
    c.x = q.x, c.y = q.y, c.cls = cls, c.element = element, c.site = site, c.weight = weight;
    c.defect = defect, c.region = region;
    return c;
}

/// The columns' positions (at construction) in the spatial index. The seam repair was tuned with a
/// bucket grid of `cell` angstrom, and simulated images must not change: queries visit columns in that
/// grid's order (cell row, cell column, then index) and "nearest" looks only at the 3 x 3 cells around
/// the query, as the grid did.
class ColumnIndex {
public:
    ColumnIndex(const std::vector<Column>& cols, double cell)
        : m_cols(cols), m_index(positions(cols)), m_cell(cell) {}
    /// Calls f(index) for every column within `radius` (<= cell) of (x, y), in grid order.
    template <class F> void near(double x, double y, double radius, F f) const {
        inCells(x, y, radius);
        for (const auto& h : m_order) f(h.index);
    }
    /// The distance from (x, y) to the nearest column of the 3 x 3 cells around it, 1e9 if none.
    double nearestDistance(double x, double y) const {
        inCells(x, y, 2 * std::sqrt(2.0) * m_cell * (1 + 1e-9));
        double nearest = 1e9;
        for (const auto& h : m_order)
            nearest = std::min(nearest, std::hypot(m_cols[h.index].x - x, m_cols[h.index].y - y));
        return nearest;
    }

private:
    struct Visit {
        long dy, dx;
        std::size_t index;
        bool operator<(const Visit& o) const {
            return dy != o.dy ? dy < o.dy : dx != o.dx ? dx < o.dx : index < o.index;
        }
    };
    static std::vector<Point2> positions(const std::vector<Column>& cols) {
        std::vector<Point2> p(cols.size());
        for (std::size_t i = 0; i < cols.size(); ++i) p[i] = {cols[i].x, cols[i].y};
        return p;
    }
    long cellOf(double v) const { return long(std::floor(v / m_cell)); }
    /// m_order = the columns within `radius` of (x, y) in the 3 x 3 cells around it, in grid order.
    void inCells(double x, double y, double radius) const {
        m_index.within(x, y, radius, m_hits, false);
        m_order.clear();
        const long cx = cellOf(x), cy = cellOf(y);
        for (const auto& [i, d] : m_hits) {
            const Point2 p = m_index.point(i);
            const long dx = cellOf(p.x) - cx, dy = cellOf(p.y) - cy;
            if (std::abs(dx) <= 1 && std::abs(dy) <= 1) m_order.push_back({dy, dx, i});
        }
        std::sort(m_order.begin(), m_order.end());
    }
    const std::vector<Column>& m_cols;
    PointIndex m_index;
    double m_cell;
    mutable std::vector<std::pair<std::uint32_t, double>> m_hits;
    mutable std::vector<Visit> m_order;
};

/// Turns the raw cut between two grains into a boundary of 5|7 (and a few 4|8) rings, the way a
/// real tilt boundary looks: columns closer than 0.8 bond across the seam merge; then, repeatedly,
/// the seam band is relaxed (bond springs toward the bond length, columns left with fewer than three
/// bonds pairing up across the seam, second-neighbour springs toward sqrt(3) bonds for 120-degree
/// angles, repulsion of non-bonded columns closer than 1.45 bonds), over-coordinated columns (4+
/// neighbours, or corners of a triangle) and dangling ones are removed, and holes wider than an
/// 8-ring get a column (of the species its neighbours lack), until nothing changes. Columns farther
/// than 3 bonds from the seam stay where the grains put them.
void repairSeam(std::vector<Column>& cols, const std::function<double(Point2)>& seamDistance, double bond,
                double w, double h, double wMo, double wS2) {
    auto dist = [&](std::size_t i, std::size_t j) {
        return std::hypot(cols[i].x - cols[j].x, cols[i].y - cols[j].y);
    };
    auto inBand = [&](const Column& c, double bonds) {
        return std::fabs(seamDistance({c.x, c.y})) <= bonds * bond;
    };
    // Merge near-coincident columns across the seam into grain A's, at their midpoint.
    {
        // Columns of grain A that merged moved, but they are never looked at again.
        const ColumnIndex grid(cols, 2 * bond);
        std::vector<bool> drop(cols.size(), false), merged(cols.size(), false);
        for (std::size_t i = 0; i < cols.size(); ++i) {
            if (cols[i].region != "grainB" || !inBand(cols[i], 2)) continue;
            grid.near(cols[i].x, cols[i].y, 0.8 * bond, [&](std::size_t j) {
                if (!drop[i] && cols[j].region == "grainA" && !merged[j] && dist(i, j) < 0.8 * bond) {
                    drop[i] = merged[j] = true;
                    cols[j].x = 0.5 * (cols[i].x + cols[j].x), cols[j].y = 0.5 * (cols[i].y + cols[j].y);
                }
            });
        }
        std::vector<Column> kept;
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (!drop[i]) kept.push_back(cols[i]);
        cols.swap(kept);
    }
    auto neighbours = [&](const ColumnIndex& grid, std::size_t i, double radius) {
        std::vector<std::pair<double, std::size_t>> out;
        grid.near(cols[i].x, cols[i].y, radius, [&](std::size_t j) {
            const double d = dist(i, j);
            if (j != i && d < radius) out.push_back({d, j});
        });
        std::sort(out.begin(), out.end());
        return out;
    };
    auto relax = [&](int iterations) {
        for (int iter = 0; iter < iterations; ++iter) {
            const ColumnIndex grid(cols, 2 * bond);
            // Bonds: columns within 1.3 bonds; then columns left with fewer than three pair up with the
            // nearest other such column within 2 bonds (dangling bonds reconstruct across the seam).
            std::vector<std::vector<std::size_t>> bonded(cols.size());
            std::vector<std::size_t> moving, dangling;
            for (std::size_t i = 0; i < cols.size(); ++i)
                if (inBand(cols[i], 4)) {
                    for (const auto& [d, j] : neighbours(grid, i, 1.3 * bond)) bonded[i].push_back(j);
                    if (inBand(cols[i], 3)) moving.push_back(i);
                }
            for (std::size_t i : moving)
                if (bonded[i].size() < 3 && inBand(cols[i], 2.5)) dangling.push_back(i);
            for (std::size_t i : dangling)
                for (const auto& [d, j] : neighbours(grid, i, 2.0 * bond)) {
                    if (bonded[i].size() >= 3) break;
                    if (bonded[j].size() >= 3 || !inBand(cols[j], 2.5) ||
                        std::find(bonded[i].begin(), bonded[i].end(), j) != bonded[i].end())
                        continue;
                    bool shareNeighbour = false; // would close a triangle
                    for (std::size_t k : bonded[i])
                        shareNeighbour |= std::find(bonded[j].begin(), bonded[j].end(), k) != bonded[j].end();
                    if (shareNeighbour) continue;
                    bonded[i].push_back(j), bonded[j].push_back(i);
                }
            std::vector<Point2> force(cols.size());
            auto pull = [&](std::size_t i, std::size_t j, double target, double k) {
                const double dx = cols[j].x - cols[i].x, dy = cols[j].y - cols[i].y, d = std::hypot(dx, dy);
                if (d < 1e-9) return;
                force[i].x += k * (d - target) * dx / d, force[i].y += k * (d - target) * dy / d;
            };
            for (std::size_t i : moving) {
                std::vector<std::size_t> second;
                for (std::size_t j : bonded[i]) {
                    pull(i, j, bond, 1.0);
                    for (std::size_t k : bonded[j])
                        if (k != i) second.push_back(k);
                }
                for (std::size_t k : second) pull(i, k, std::sqrt(3.0) * bond, 0.3);
                for (const auto& [d, j] : neighbours(grid, i, 1.45 * bond))
                    if (std::find(bonded[i].begin(), bonded[i].end(), j) == bonded[i].end() &&
                        std::find(second.begin(), second.end(), j) == second.end())
                        pull(i, j, 1.45 * bond, 0.5);
            }
            for (std::size_t i : moving) cols[i].x += 0.12 * force[i].x, cols[i].y += 0.12 * force[i].y;
        }
    };
    for (int cycle = 0; cycle < 12; ++cycle) {
        relax(40);
        bool changed = false;
        // Over-coordinated columns (4+ neighbours within 1.3 bonds, or a corner of a triangle) and
        // dangling ones (a single neighbour).
        {
            const ColumnIndex grid(cols, 2 * bond);
            std::vector<std::pair<int, std::size_t>> crowded;
            for (std::size_t i = 0; i < cols.size(); ++i) {
                if (!inBand(cols[i], 2.5)) continue;
                const auto nb = neighbours(grid, i, 1.3 * bond);
                int score = nb.size() >= 4 ? int(nb.size()) : nb.size() <= 1 ? 1 : 0;
                for (std::size_t a = 0; a < nb.size() && !score; ++a)
                    for (std::size_t b = a + 1; b < nb.size(); ++b)
                        if (dist(nb[a].second, nb[b].second) < 1.3 * bond) score = 3;
                if (score) crowded.push_back({score, i});
            }
            std::sort(crowded.begin(), crowded.end(),
                      [](const auto& l, const auto& r) { return l.first > r.first; });
            std::vector<bool> drop(cols.size(), false), touched(cols.size(), false);
            for (const auto& [score, i] : crowded) {
                if (touched[i]) continue;
                drop[i] = changed = true;
                for (const auto& [d, j] : neighbours(grid, i, 1.3 * bond)) touched[j] = true;
            }
            std::vector<Column> kept;
            for (std::size_t i = 0; i < cols.size(); ++i)
                if (!drop[i]) kept.push_back(cols[i]);
            cols.swap(kept);
        }
        // Holes wider than an 8-ring: a column at the point farthest from all others.
        constexpr double kHole = 1.38;
        for (bool filled = true; filled;) {
            filled = false;
            const ColumnIndex grid(cols, 2 * bond);
            double best = kHole * bond;
            Point2 where;
            for (std::size_t i = 0; i < cols.size(); ++i) {
                if (!inBand(cols[i], 2)) continue;
                for (int v = -6; v <= 6; ++v)
                    for (int u = -6; u <= 6; ++u) {
                        const Point2 q{cols[i].x + 0.25 * bond * u, cols[i].y + 0.25 * bond * v};
                        if (std::fabs(seamDistance(q)) > 2 * bond || q.x < 0 || q.y < 0 || q.x > w || q.y > h)
                            continue;
                        const double nearest = grid.nearestDistance(q.x, q.y);
                        if (nearest > best) best = nearest, where = q;
                    }
            }
            if (best > kHole * bond) {
                int mo = 0, sulfur = 0;
                grid.near(where.x, where.y, 1.6 * bond, [&](std::size_t j) {
                    if (std::hypot(cols[j].x - where.x, cols[j].y - where.y) < 1.6 * bond)
                        (cols[j].site == "Mo" ? mo : sulfur)++;
                });
                const bool isMo = mo < sulfur;
                const std::string region = seamDistance(where) < 0 ? "grainA" : "grainB";
                cols.push_back(isMo ? column(where, "Mo", "Mo", "Mo", wMo, "none", region)
                                    : column(where, "S2", "S2", "S", wS2, "none", region));
                filled = changed = true;
            }
        }
        if (!changed) break;
    }
}

} // namespace

Structure buildGrainBoundary(const SimulationParams& p, double w, double h, Random& rng) {
    // Two MoS2 grains rotated by +-tilt/2 about a common axis, meeting on a straight seam through the
    // centre; repairSeam turns the cut into the 5|7 (and some 4|8) rings of a real tilt boundary.
    const double a = 3.16, bond = a / std::sqrt(3.0);
    const double tilt = std::isnan(p.tiltDeg) ? rng.uniform(13, 30) : p.tiltDeg;
    const double base = rotationOf(p, rng);
    const double seamAngle = rng.uniform(-0.25, 0.25) * kPi + kPi / 2; // roughly vertical seam
    const Point2 normal{std::sin(seamAngle), -std::cos(seamAngle)};
    const Point2 centre{w / 2 + rng.uniform(-0.05, 0.05) * w, h / 2};
    auto seamDistance = [&](Point2 q) { return (q.x - centre.x) * normal.x + (q.y - centre.y) * normal.y; };

    const Point2 a1{a, 0}, a2{a / 2, a * std::sqrt(3.0) / 2};
    const std::vector<Point2> basis = {{0, 0}, (1.0 / 3) * (a1 + a2)};
    Structure s;
    s.width = w, s.height = h;
    const double wMo = haadfWeight(42), wS2 = 2 * haadfWeight(16);
    for (int grain = 0; grain < 2; ++grain) {
        const Placement pl = makePlacement(p, w, h, base + (grain == 0 ? tilt / 2 : -tilt / 2));
        forEachSite(a1, a2, basis, pl, w, h, 4.0, [&](int b, Point2 q) {
            const double d = seamDistance(q);
            if ((grain == 0) != (d < 0)) return;
            s.columns.push_back(
                b == 0 ? column(q, "Mo", "Mo", "Mo", wMo, "none", grain == 0 ? "grainA" : "grainB")
                       : column(q, "S2", "S2", "S", wS2, "none", grain == 0 ? "grainA" : "grainB"));
        });
    }
    repairSeam(s.columns, seamDistance, bond, w, h, wMo, wS2);
    for (auto& c : s.columns)
        if (std::fabs(seamDistance({c.x, c.y})) < 1.5 * bond) c.region = "boundary";
    // A few S vacancies everywhere.
    const double pS1 = std::isnan(p.sSingleVacancy) ? 0.02 : p.sSingleVacancy;
    for (auto& c : s.columns)
        if (c.site == "S" && rng.uniform() < pS1)
            c.cls = "S1", c.element = "S", c.weight = haadfWeight(16), c.defect = "single";
    return s;
}

/// Moves the C neighbours of each Si radially to the projected Si-C distance seen on real crops (3-fold
/// Si puckers out of the sheet: 1.07 bonds in projection; 4-fold: 1.26 instead of the ideal 1.32).
void relaxSiliconNeighbours(Structure& s, double bond) {
    for (const auto& si : std::vector<Column>(s.columns)) {
        if (si.element != "Si") continue;
        const bool four = si.cls == "Si4";
        const double target = (four ? 1.26 : 1.07) * bond, reach = (four ? 1.5 : 1.2) * bond;
        for (auto& c : s.columns) {
            const double d = std::hypot(c.x - si.x, c.y - si.y);
            if (c.cls != "C" || d < 0.5 * bond || d > reach) continue;
            c.x = si.x + (c.x - si.x) * target / d, c.y = si.y + (c.y - si.y) * target / d;
        }
    }
}

/// Amorphous carbon on top of the sheet: discs (radius 4-12 A) of randomly placed C columns, 1-3 layers
/// at about graphene's density, until `fraction` of the area is covered. Their class is "amorphous"
/// (no sub-model label).
void addAmorphousCarbon(Structure& s, double fraction, double wC, double w, double h, Random& rng) {
    const double kTwoPi = 6.283185307179586;
    double covered = 0;
    for (int guard = 0; covered < fraction * w * h && guard < 200; ++guard) {
        const double r = rng.uniform(4, 12), cx = rng.uniform(0, w), cy = rng.uniform(0, h);
        const int n = int(0.38 * 3.14159 * r * r * rng.uniform(1, 3));
        for (int k = 0; k < n; ++k) {
            const double rr = r * std::sqrt(rng.uniform()), t = rng.uniform(0, kTwoPi);
            s.columns.push_back(column({cx + rr * std::cos(t), cy + rr * std::sin(t)}, "amorphous", "C", "-",
                                       wC * rng.uniform(0.5, 1.5), "contamination", "contamination"));
        }
        covered += 3.14159 * r * r;
    }
}

Structure buildGrapheneSi(const SimulationParams& p, double w, double h, Random& rng) {
    const double a = 2.46, bond = a / std::sqrt(3.0);
    const Point2 a1{a, 0}, a2{a / 2, a * std::sqrt(3.0) / 2};
    const Placement pl = makePlacement(p, w, h, rotationOf(p, rng));
    Structure s;
    s.width = w, s.height = h;
    const double wC = haadfWeight(6), wSi = haadfWeight(14);
    forEachSite(a1, a2, {{0, 0}, (1.0 / 3) * (a1 + a2)}, pl, w, h, 3.0,
                [&](int, Point2 q) { s.columns.push_back(column(q, "C", "C", "C", wC, "none", "bulk")); });
    const int n3 = p.siThreeFold >= 0 ? p.siThreeFold : 4, n4 = p.siFourFold >= 0 ? p.siFourFold : 3;
    std::vector<Point2> placed;
    auto farFromOthers = [&](Point2 q) {
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
        const Point2 mid{(s.columns[i].x + s.columns[j].x) / 2, (s.columns[i].y + s.columns[j].y) / 2};
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
    if (p.siRelaxed) relaxSiliconNeighbours(s, bond);
    if (p.contamination > 0) addAmorphousCarbon(s, p.contamination, wC, w, h, rng);
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
                [&](int b, Point2 q) {
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
