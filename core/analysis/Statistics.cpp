#include "core/analysis/Statistics.h"

#include <algorithm>
#include <cmath>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::string nodeClass(const AtomTable& atoms, const LatticeGraph& graph, std::size_t node) {
    if (graph.isEmptySite(node) || node >= atoms.size() || (atoms.flags()[node] & kFlagEmptySite))
        return "empty-site";
    const std::int32_t c = atoms.classIds()[node];
    return c < 0 ? "unclassified" : atoms.className(c);
}

} // namespace

Distribution describeDistribution(const std::vector<double>& values, int bins) {
    std::vector<double> v;
    v.reserve(values.size());
    for (double x : values)
        if (std::isfinite(x)) v.push_back(x);
    Distribution d;
    d.count = v.size();
    if (v.empty()) return d;
    std::sort(v.begin(), v.end());
    d.min = v.front(), d.max = v.back();
    const std::size_t n = v.size();
    d.median = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    double sum = 0;
    for (double x : v) sum += x;
    d.mean = sum / double(n);
    double ss = 0;
    for (double x : v) ss += (x - d.mean) * (x - d.mean);
    d.sd = n > 1 ? std::sqrt(ss / double(n - 1)) : 0.0;
    bins = std::max(1, bins);
    d.binStart = d.min;
    d.binWidth = d.max > d.min ? (d.max - d.min) / bins : 1.0;
    d.histogram.assign(std::size_t(bins), 0);
    for (double x : v) {
        const long b = std::min<long>(bins - 1, long(std::floor((x - d.binStart) / d.binWidth)));
        ++d.histogram[std::size_t(std::max<long>(0, b))];
    }
    return d;
}

std::map<std::string, std::size_t> countByClass(const AtomTable& atoms) {
    std::map<std::string, std::size_t> counts;
    for (std::size_t r = 0; r < atoms.size(); ++r) {
        const std::uint32_t f = atoms.flags()[r];
        if (f & kFlagRejected) continue;
        if (f & kFlagEmptySite) {
            ++counts["empty-site"];
            continue;
        }
        const std::int32_t c = atoms.classIds()[r];
        ++counts[c < 0 ? "unclassified" : atoms.className(c)];
    }
    return counts;
}

std::vector<double> bondLengths(const LatticeGraph& g, bool includeEmptySites) {
    std::vector<double> out;
    for (std::size_t i = 0; i < g.nodeCount(); ++i) {
        if (!includeEmptySites && g.isEmptySite(i)) continue;
        for (std::uint32_t k = g.offsets[i]; k < g.offsets[i + 1]; ++k) {
            const std::size_t j = g.neighbours[k];
            if (j <= i || (!includeEmptySites && g.isEmptySite(j))) continue;
            out.push_back(g.edgeLength[k]);
        }
    }
    return out;
}

std::vector<double> bondAngles(const LatticeGraph& g, bool includeEmptySites) {
    std::vector<double> out;
    for (std::size_t i = 0; i < g.nodeCount(); ++i) {
        if (!includeEmptySites && g.isEmptySite(i)) continue;
        std::vector<double> angles;
        for (std::uint32_t k = g.offsets[i]; k < g.offsets[i + 1]; ++k)
            if (includeEmptySites || !g.isEmptySite(g.neighbours[k])) angles.push_back(g.edgeAngle[k]);
        if (angles.size() < 2) continue;
        std::sort(angles.begin(), angles.end());
        for (std::size_t a = 0; a < angles.size(); ++a) {
            double d = (a + 1 < angles.size() ? angles[a + 1] : angles[0] + 2 * kPi) - angles[a];
            out.push_back(d * 180 / kPi);
        }
    }
    return out;
}

StrainStatistics strainStatistics(const LatticeGraph& g) {
    std::vector<double> exx, eyy, exy, rot;
    for (std::size_t i = 0; i < g.strain.size() && i < g.nodeCount(); ++i) {
        if (g.isEmptySite(i)) continue;
        exx.push_back(g.strain[i].exx), eyy.push_back(g.strain[i].eyy), exy.push_back(g.strain[i].exy);
        rot.push_back(g.strain[i].rotation * 180 / kPi);
    }
    return {describeDistribution(exx), describeDistribution(eyy), describeDistribution(exy),
            describeDistribution(rot)};
}

std::vector<DopantNeighbourhood> dopantNeighbourhoods(const AtomTable& atoms, const LatticeGraph& g,
                                                      const std::vector<std::string>& dopantClasses) {
    std::vector<DopantNeighbourhood> out;
    for (std::size_t i = 0; i < std::min(atoms.size(), g.nodeCount()); ++i) {
        const std::string cls = nodeClass(atoms, g, i);
        if (std::find(dopantClasses.begin(), dopantClasses.end(), cls) == dopantClasses.end()) continue;
        DopantNeighbourhood d;
        d.row = i, d.dopantClass = cls;
        for (std::uint32_t k = g.offsets[i]; k < g.offsets[i + 1]; ++k)
            ++d.neighbours[nodeClass(atoms, g, g.neighbours[k])];
        out.push_back(std::move(d));
    }
    return out;
}

ImageStatistics computeImageStatistics(const AtomTable& atoms, const LatticeGraph& g,
                                       const StatisticsParams& params) {
    ImageStatistics s;
    s.counts = countByClass(atoms);
    for (std::size_t i = atoms.size(); i < g.nodeCount(); ++i)
        ++s.counts["empty-site"]; // graph-only empty sites
    s.bondLength = describeDistribution(bondLengths(g), params.bins);
    s.bondAngle = describeDistribution(bondAngles(g), params.bins);
    s.strain = strainStatistics(g);
    std::vector<std::size_t> vacant;
    for (std::size_t i = 0; i < g.nodeCount(); ++i) {
        const std::string cls = nodeClass(atoms, g, i);
        const bool isVacancy = (cls == "empty-site" && params.emptySitesAreVacancies) ||
                               std::find(params.vacancyClasses.begin(), params.vacancyClasses.end(), cls) !=
                                   params.vacancyClasses.end();
        if (isVacancy) vacant.push_back(i);
    }
    const double link =
        params.lineLinkDistance > 0 ? params.lineLinkDistance : 1.2 * std::sqrt(3.0) * g.bondLength;
    s.vacancyLines = findVacancyLines(g.x, g.y, vacant, link);
    s.dopants = dopantNeighbourhoods(atoms, g, params.dopantClasses);
    return s;
}

} // namespace atomlens
