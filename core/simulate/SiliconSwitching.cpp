// Si dopants in graphene switching between 3-fold and 4-fold coordination through a frame series.
#include "core/simulate/Presets.h"

#include "core/data/PointIndex.h"

#include <algorithm>
#include <cmath>

namespace atomlens {

void switchSiliconDopants(Structure& s, const SimulationParams& p, Random& rng) {
    if (p.preset != "graphene-si" || !(p.siSwitchProbability > 0)) return;
    const double bond = 2.46 / std::sqrt(3.0);
    const double wC = haadfWeight(6);
    // Positions at the start: a switch moves only the Si column itself and re-classes its partner, so
    // the candidates (C columns, empty C sites) keep their positions.
    std::vector<Point2> at(s.columns.size());
    for (std::size_t i = 0; i < s.columns.size(); ++i) at[i] = {s.columns[i].x, s.columns[i].y};
    const PointIndex index(at);
    auto near = [&](double x, double y, double radius) { // ascending index, as a scan would visit them
        std::vector<std::pair<std::uint32_t, double>> hits;
        index.within(x, y, radius, hits, false);
        std::vector<std::size_t> out;
        for (const auto& h : hits) out.push_back(h.first);
        std::sort(out.begin(), out.end());
        return out;
    };
    for (std::size_t i = 0; i < s.columns.size(); ++i) {
        if (s.columns[i].element != "Si") continue;
        if (rng.uniform() >= p.siSwitchProbability) continue;
        const double x = s.columns[i].x, y = s.columns[i].y;
        if (s.columns[i].cls == "Si3") {
            std::vector<std::size_t> carbons;
            for (std::size_t j : near(x, y, 1.2 * bond)) {
                const double d = std::hypot(s.columns[j].x - x, s.columns[j].y - y);
                if (j != i && s.columns[j].cls == "C" && d > 0.8 * bond && d < 1.2 * bond)
                    carbons.push_back(j);
            }
            if (carbons.empty()) continue;
            Column& c = s.columns[carbons[rng.below(carbons.size())]];
            Column& si = s.columns[i];
            si.x = (x + c.x) / 2, si.y = (y + c.y) / 2, si.cls = "Si4", si.defect = "Si4";
            c.cls = "empty", c.element = "-", c.weight = 0, c.defect = "vacancy";
        } else if (s.columns[i].cls == "Si4") {
            std::size_t partner = s.columns.size();
            for (std::size_t j : near(x, y, 0.7 * bond))
                if (partner == s.columns.size() && s.columns[j].cls == "empty" && s.columns[j].site == "C" &&
                    std::hypot(s.columns[j].x - x, s.columns[j].y - y) < 0.7 * bond)
                    partner = j;
            if (partner == s.columns.size()) continue;
            Column& c = s.columns[partner];
            Column& si = s.columns[i];
            si.x = 2 * x - c.x, si.y = 2 * y - c.y, si.cls = "Si3", si.defect = "Si3";
            c.cls = "C", c.element = "C", c.weight = wC, c.defect = "none";
        }
    }
}

} // namespace atomlens
