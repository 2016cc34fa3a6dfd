#include "core/simulate/Presets.h"

#include "core/data/PointIndex.h"
#include "core/simulate/LatticeSites.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMoS2A = 3.16; // MoS2 in-plane lattice constant, angstrom

double pick(double value, double fallback) {
    return std::isnan(value) ? fallback : value;
}
Column makeColumn(Point2 p, const std::string& cls, const std::string& element, const std::string& site,
                  double weight, const std::string& region) {
    Column c;
    c.x = p.x, c.y = p.y, c.cls = cls, c.element = element, c.site = site, c.weight = weight;
    c.defect = "none", c.region = region;
    return c;
}

void setSpecies(Column& c, const std::string& cls) {
    static const double wMo = haadfWeight(42), wS = haadfWeight(16), wW = haadfWeight(74),
                        wV = haadfWeight(23);
    c.cls = cls;
    if (cls == "Mo")
        c.element = "Mo", c.weight = wMo;
    else if (cls == "S2")
        c.element = "S2", c.weight = 2 * wS;
    else if (cls == "S1")
        c.element = "S", c.weight = wS;
    else if (cls == "empty")
        c.element = "-", c.weight = 0;
    else if (cls == "W")
        c.cls = "dopant", c.element = "W", c.weight = wW, c.defect = "dopant";
    else if (cls == "V")
        c.cls = "dopant", c.element = "V", c.weight = wV, c.defect = "dopant";
}

/// Random point defects on MoS2 sites (S vacancies, Mo vacancies, Mo-site dopants) and vacancy lines.
void addMoS2Defects(Structure& s, const SimulationParams& p, Random& rng, double pS1, double pEmpty,
                    double pMo, double pHeavy, double pLight, int lines) {
    for (auto& c : s.columns) {
        const double r = rng.uniform();
        if (c.site == "S" && c.cls == "S2") {
            if (r < pS1)
                setSpecies(c, "S1");
            else if (r < pS1 + pEmpty)
                setSpecies(c, "empty");
        } else if (c.site == "Mo") {
            if (r < pMo)
                setSpecies(c, "empty"), c.defect = "vacancy";
            else if (r < pMo + pHeavy)
                setSpecies(c, "W");
            else if (r < pMo + pHeavy + pLight)
                setSpecies(c, "V");
        }
    }
    // Vacancy lines: runs of S1 along one of the three lattice directions.
    std::vector<std::size_t> sSites;
    for (std::size_t i = 0; i < s.columns.size(); ++i)
        if (s.columns[i].site == "S" && s.columns[i].region != "1T") sSites.push_back(i);
    if (sSites.empty()) return;
    const double a = kMoS2A * (1 + 0.5 * (p.strainXX + p.strainYY));
    for (int l = 0; l < lines; ++l) {
        const auto& start = s.columns[sSites[rng.below(sSites.size())]];
        // Direction: toward one of the start's nearest S neighbours.
        std::vector<std::size_t> neighbours;
        for (std::size_t k : sSites) {
            const double d = std::hypot(s.columns[k].x - start.x, s.columns[k].y - start.y);
            if (d > 0.8 * a && d < 1.2 * a) neighbours.push_back(k);
        }
        if (neighbours.empty()) continue;
        const auto& nb = s.columns[neighbours[rng.below(neighbours.size())]];
        const double dx = nb.x - start.x, dy = nb.y - start.y;
        const int length = 5 + int(rng.below(8));
        double x = start.x, y = start.y;
        for (int step = 0; step < length; ++step, x += dx, y += dy)
            for (std::size_t k : sSites) {
                auto& c = s.columns[k];
                if (std::hypot(c.x - x, c.y - y) < 0.3 * a) {
                    if (c.cls == "S2") setSpecies(c, "S1");
                    x = c.x, y = c.y; // follow the real (strained) lattice
                    break;
                }
            }
    }
    labelVacancyLines(s, a);
}

Structure buildMoS2(const SimulationParams& p, double w, double h, Random& rng, bool withPhases) {
    Structure s;
    s.width = w, s.height = h;
    const Point2 a1{kMoS2A, 0}, a2{kMoS2A / 2, kMoS2A * std::sqrt(3.0) / 2};
    const std::vector<Point2> basis = {
        {0, 0}, (1.0 / 3) * (a1 + a2), (2.0 / 3) * (a1 + a2)}; // A=Mo, B=S(2H), C=S(1T)
    const Placement pl = makePlacement(p, w, h, rotationOf(p, rng));
    // 1T domain: a band through the image centre at a random angle (only for the phase preset).
    const double bandAngle = rng.uniform(0, kPi), bandHalf = rng.uniform(0.15, 0.22) * std::min(w, h);
    const double bandOffset = rng.uniform(-0.1, 0.1) * std::min(w, h);
    auto signedDistance = [&](Point2 q) {
        const double d =
            -(q.x - w / 2) * std::sin(bandAngle) + (q.y - h / 2) * std::cos(bandAngle) - bandOffset;
        return std::fabs(d) - bandHalf; // < 0 inside the band
    };
    forEachSite(a1, a2, basis, pl, w, h, 4.0, [&](int b, Point2 q) {
        const double sd = withPhases ? signedDistance(q) : 1e9;
        const bool is1T = sd < 0;
        const std::string region = !withPhases                    ? "2H"
                                   : std::fabs(sd) < 0.9 * kMoS2A ? "boundary"
                                   : is1T                         ? "1T"
                                                                  : "2H";
        if (b == 0) {
            Column c = makeColumn(q, "", "", "Mo", 0, region);
            setSpecies(c, "Mo");
            s.columns.push_back(c);
        } else if (b == 1 || is1T) {
            Column c = makeColumn(q, "", "", "S", 0, region);
            setSpecies(c, is1T ? "S1" : "S2");
            s.columns.push_back(c);
        }
    });
    addMoS2Defects(s, p, rng, pick(p.sSingleVacancy, withPhases ? 0.02 : 0.04),
                   pick(p.sEmpty, withPhases ? 0.005 : 0.01), pick(p.moVacancy, withPhases ? 0.0 : 0.005),
                   pick(p.heavyDopant, withPhases ? 0.0 : 0.01), pick(p.lightDopant, withPhases ? 0.0 : 0.01),
                   p.vacancyLines >= 0 ? p.vacancyLines
                   : withPhases        ? 0
                                       : 2);
    return s;
}

} // namespace

double haadfWeight(int z) {
    return std::pow(double(z), 1.7);
}

PresetDefaults presetDefaults(const std::string& preset) {
    if (preset == "graphene-si") return {0.10, 0.40};
    if (preset == "perovskite") return {0.15, 0.45};
    return {0.16, 0.45};
}

Structure buildGrainBoundary(const SimulationParams& p, double w, double h, Random& rng);
Structure buildGrapheneSi(const SimulationParams& p, double w, double h, Random& rng);
Structure buildPerovskite(const SimulationParams& p, double w, double h, Random& rng);

Structure buildStructure(const SimulationParams& p, double w, double h, Random& rng) {
    if (p.preset == "mos2") return buildMoS2(p, w, h, rng, false);
    if (p.preset == "mos2-phase") return buildMoS2(p, w, h, rng, true);
    if (p.preset == "mos2-gb") return buildGrainBoundary(p, w, h, rng);
    if (p.preset == "graphene-si") return buildGrapheneSi(p, w, h, rng);
    if (p.preset == "perovskite") return buildPerovskite(p, w, h, rng);
    throw std::invalid_argument("unknown simulation preset '" + p.preset +
                                "' (use mos2, mos2-phase, mos2-gb, graphene-si or perovskite)");
}

void labelVacancyLines(Structure& s, double a) {
    // Union-find over S vacancies that are one lattice constant apart (the spatial index keeps it linear).
    std::vector<std::size_t> vac;
    for (std::size_t i = 0; i < s.columns.size(); ++i) {
        auto& c = s.columns[i];
        if (c.site != "S" || c.region == "1T") continue;
        if (c.cls == "S1" || c.cls == "empty")
            vac.push_back(i);
        else if (c.defect == "single" || c.defect == "line")
            c.defect = "none";
    }
    std::vector<std::size_t> parent(vac.size());
    for (std::size_t i = 0; i < vac.size(); ++i) parent[i] = i;
    std::function<std::size_t(std::size_t)> root = [&](std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    // Only vacancies in the field of view link: one whose vacant neighbours all lie in the margin
    // outside the image looks isolated in it, and that is what the image can show.
    auto inField = [&](const Column& c) {
        return s.width <= 0 || (c.x >= 0 && c.y >= 0 && c.x <= s.width && c.y <= s.height);
    };
    std::vector<Point2> at(vac.size());
    for (std::size_t i = 0; i < vac.size(); ++i) at[i] = {s.columns[vac[i]].x, s.columns[vac[i]].y};
    for (const auto& [i, j] : PointIndex(at).pairsWithin(1.2 * a)) {
        const auto& ci = s.columns[vac[i]];
        const auto& cj = s.columns[vac[j]];
        if (inField(ci) == inField(cj) && std::hypot(ci.x - cj.x, ci.y - cj.y) < 1.2 * a)
            parent[root(i)] = root(j);
    }
    std::vector<int> size(vac.size(), 0);
    for (std::size_t i = 0; i < vac.size(); ++i) ++size[root(i)];
    for (std::size_t i = 0; i < vac.size(); ++i)
        s.columns[vac[i]].defect = size[root(i)] >= 2 ? "line" : "single";
}

void evolveVacancies(Structure& s, const SimulationParams& p, Random& rng) {
    const double a = kMoS2A * (1 + 0.5 * (p.strainXX + p.strainYY));
    std::vector<std::size_t> sSites;
    for (std::size_t i = 0; i < s.columns.size(); ++i)
        if (s.columns[i].site == "S" && s.columns[i].region != "1T") sSites.push_back(i);
    auto isVacancy = [&](std::size_t i) { return s.columns[i].cls == "S1" || s.columns[i].cls == "empty"; };
    std::vector<std::size_t> vacancies;
    for (std::size_t i : sSites)
        if (isVacancy(i)) vacancies.push_back(i);
    for (std::size_t v : vacancies) {
        if (!isVacancy(v) || rng.uniform() >= p.hopProbability) continue;
        std::vector<std::size_t> targets;
        std::vector<double> weights;
        for (std::size_t k : sSites) {
            const double d = std::hypot(s.columns[k].x - s.columns[v].x, s.columns[k].y - s.columns[v].y);
            if (d < 0.8 * a || d > 1.2 * a || isVacancy(k)) continue;
            int vacNeighbours = 0;
            for (std::size_t m : sSites)
                if (m != v && isVacancy(m) &&
                    std::hypot(s.columns[k].x - s.columns[m].x, s.columns[k].y - s.columns[m].y) < 1.2 * a)
                    ++vacNeighbours;
            targets.push_back(k);
            weights.push_back(std::exp(p.aggregation * vacNeighbours));
        }
        if (targets.empty()) continue;
        double total = 0;
        for (double wgt : weights) total += wgt;
        double r = rng.uniform() * total;
        std::size_t chosen = targets.back();
        for (std::size_t t = 0; t < targets.size(); ++t)
            if ((r -= weights[t]) <= 0) {
                chosen = targets[t];
                break;
            }
        // Swap what the two sites hold; positions and identities stay.
        auto& from = s.columns[v];
        auto& to = s.columns[chosen];
        std::swap(from.cls, to.cls), std::swap(from.element, to.element), std::swap(from.weight, to.weight);
    }
    labelVacancyLines(s, a);
}

} // namespace atomlens
