#include "core/analysis/VacancyLines.h"

#include "core/data/PointIndex.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::size_t rootOf(std::vector<std::size_t>& parent, std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

void describe(VacancyLine& line, const std::vector<double>& x, const std::vector<double>& y) {
    double cx = 0, cy = 0;
    for (std::size_t s : line.sites) cx += x[s], cy += y[s];
    cx /= double(line.sites.size()), cy /= double(line.sites.size());
    double sxx = 0, syy = 0, sxy = 0;
    for (std::size_t s : line.sites)
        sxx += (x[s] - cx) * (x[s] - cx), syy += (y[s] - cy) * (y[s] - cy), sxy += (x[s] - cx) * (y[s] - cy);
    const double angle = 0.5 * std::atan2(2 * sxy, sxx - syy); // principal axis of the scatter
    double lo = 0, hi = 0;
    for (std::size_t s : line.sites) {
        const double t = (x[s] - cx) * std::cos(angle) + (y[s] - cy) * std::sin(angle);
        lo = std::min(lo, t), hi = std::max(hi, t);
    }
    double deg = angle * 180 / kPi;
    while (deg < 0) deg += 180;
    while (deg >= 180) deg -= 180;
    line.x = cx, line.y = cy, line.length = hi - lo, line.orientationDeg = deg;
}

} // namespace

std::vector<VacancyLine> findVacancyLines(const std::vector<double>& x, const std::vector<double>& y,
                                          const std::vector<std::size_t>& vacantSites, double linkDistance,
                                          std::size_t minSites) {
    std::vector<std::size_t> sites = vacantSites;
    std::sort(sites.begin(), sites.end());
    sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
    std::vector<std::size_t> parent(sites.size());
    std::iota(parent.begin(), parent.end(), std::size_t(0));
    // Exactly the simulator's rule: sites closer than the link distance join.
    std::vector<Point2> at(sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) at[i] = {x[sites[i]], y[sites[i]]};
    for (const auto& [i, j] : PointIndex(at).pairsWithin(linkDistance))
        if (std::hypot(x[sites[i]] - x[sites[j]], y[sites[i]] - y[sites[j]]) < linkDistance)
            parent[rootOf(parent, i)] = rootOf(parent, j);
    std::vector<std::vector<std::size_t>> groups(sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) groups[rootOf(parent, i)].push_back(sites[i]);
    std::vector<VacancyLine> lines;
    for (auto& g : groups) {
        if (g.size() < std::max<std::size_t>(1, minSites)) continue;
        VacancyLine line;
        line.sites = std::move(g);
        std::sort(line.sites.begin(), line.sites.end());
        describe(line, x, y);
        lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end(),
              [](const VacancyLine& a, const VacancyLine& b) { return a.sites[0] < b.sites[0]; });
    return lines;
}

std::vector<VacancyLineEvent> vacancyLineEvents(const std::vector<VacancyLine>& before,
                                                const std::vector<VacancyLine>& after, int frame,
                                                const std::vector<double>& x, const std::vector<double>& y) {
    const std::size_t nb = before.size(), na = after.size();
    std::vector<std::size_t> parent(nb + na);
    std::iota(parent.begin(), parent.end(), std::size_t(0));
    for (std::size_t i = 0; i < nb; ++i)
        for (std::size_t j = 0; j < na; ++j) {
            const auto& a = before[i].sites;
            const auto& b = after[j].sites;
            std::vector<std::size_t> common;
            std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
            if (!common.empty()) parent[rootOf(parent, i)] = rootOf(parent, nb + j);
        }
    std::vector<VacancyLineEvent> events;
    for (std::size_t root = 0; root < nb + na; ++root) {
        if (rootOf(parent, root) != root) continue;
        int linesBefore = 0, linesAfter = 0, sitesBefore = 0, sitesAfter = 0;
        std::set<std::size_t> setBefore, setAfter, all;
        for (std::size_t k = 0; k < nb + na; ++k) {
            if (rootOf(parent, k) != root) continue;
            const auto& sites = k < nb ? before[k].sites : after[k - nb].sites;
            (k < nb ? linesBefore : linesAfter) += 1;
            (k < nb ? sitesBefore : sitesAfter) += int(sites.size());
            (k < nb ? setBefore : setAfter).insert(sites.begin(), sites.end());
            all.insert(sites.begin(), sites.end());
        }
        VacancyLineEvent e;
        e.frame = frame, e.sitesBefore = sitesBefore, e.sitesAfter = sitesAfter;
        if (linesBefore == 0)
            e.type = "appear";
        else if (linesAfter == 0)
            e.type = "disappear";
        else if (linesBefore == 1 && linesAfter == 1)
            e.type = sitesAfter > sitesBefore   ? "grow"
                     : sitesAfter < sitesBefore ? "shrink"
                     : setBefore != setAfter    ? "move"
                                                : "";
        else if (linesAfter == 1)
            e.type = "merge";
        else if (linesBefore == 1)
            e.type = "split";
        else
            e.type = "rearrange";
        if (e.type.empty()) continue;
        for (std::size_t s : all) e.x += x[s], e.y += y[s];
        e.x /= double(all.size()), e.y /= double(all.size());
        events.push_back(e);
    }
    std::sort(events.begin(), events.end(), [](const VacancyLineEvent& a, const VacancyLineEvent& b) {
        return a.y != b.y ? a.y < b.y : a.x < b.x;
    });
    return events;
}

EventComparison compareEvents(const std::vector<VacancyLineEvent>& reference,
                              const std::vector<VacancyLineEvent>& found, double tolerance) {
    EventComparison c;
    c.reference = reference.size(), c.found = found.size();
    struct Pair {
        double d;
        std::size_t r, f;
    };
    std::vector<Pair> pairs;
    for (std::size_t r = 0; r < reference.size(); ++r)
        for (std::size_t f = 0; f < found.size(); ++f) {
            if (reference[r].frame != found[f].frame || reference[r].type != found[f].type) continue;
            const double d = std::hypot(reference[r].x - found[f].x, reference[r].y - found[f].y);
            if (d <= tolerance) pairs.push_back({d, r, f});
        }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.d < b.d; });
    std::vector<char> usedR(reference.size(), 0), usedF(found.size(), 0);
    for (const auto& p : pairs) {
        if (usedR[p.r] || usedF[p.f]) continue;
        usedR[p.r] = usedF[p.f] = 1;
        ++c.matched;
    }
    for (std::size_t r = 0; r < reference.size(); ++r)
        if (!usedR[r]) c.missed.push_back(r);
    for (std::size_t f = 0; f < found.size(); ++f)
        if (!usedF[f]) c.spurious.push_back(f);
    return c;
}

} // namespace atomlens
