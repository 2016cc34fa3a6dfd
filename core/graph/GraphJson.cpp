#include "core/graph/GraphJson.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

namespace atomlens {

std::string graphToJson(const LatticeGraph& g, const AtomTable* atoms, const FeatureMatrix* features) {
    using nlohmann::json;
    const std::size_t n = g.nodeCount();
    if (features && features->rows != n)
        throw std::invalid_argument("graphToJson: feature rows differ from nodes");
    const bool lattice = g.sublattice.size() == n && g.idealX.size() == n && g.strain.size() == n;
    json j;
    j["format"] = "atomlens-graph";
    j["version"] = 1;
    j["atom_count"] = g.atomCount;
    j["bond_length"] = g.bondLength;
    j["max_edge_length"] = g.maxEdgeLength;
    j["feature_names"] = features ? features->names : std::vector<std::string>{};
    json nodes = json::array();
    for (std::size_t i = 0; i < n; ++i) {
        json node = {{"index", i},
                     {"x", g.x[i]},
                     {"y", g.y[i]},
                     {"empty_site", g.isEmptySite(i)},
                     {"flags", g.flags[i]}};
        const bool atom = atoms && i < g.atomCount && i < atoms->size();
        node["id"] = atom ? json(atoms->ids()[i]) : json(nullptr);
        if (atom) node["class"] = atoms->className(atoms->classIds()[i]);
        if (lattice) {
            node["sublattice"] = g.sublattice[i];
            node["ideal"] = {g.idealX[i], g.idealY[i]};
            node["displacement"] = {g.displacementX(i), g.displacementY(i)};
            const auto& s = g.strain[i];
            node["strain"] = {{"exx", s.exx}, {"eyy", s.eyy}, {"exy", s.exy}, {"rotation", s.rotation}};
        }
        if (features) {
            std::vector<float> row(features->values.begin() + std::ptrdiff_t(i * features->cols()),
                                   features->values.begin() + std::ptrdiff_t((i + 1) * features->cols()));
            for (auto& v : row)
                if (!std::isfinite(v)) v = 0;
            node["features"] = row;
        }
        nodes.push_back(std::move(node));
    }
    j["nodes"] = std::move(nodes);
    json edges = json::array();
    for (std::size_t i = 0; i < n; ++i)
        for (auto p = g.offsets[i]; p < g.offsets[i + 1]; ++p)
            if (g.neighbours[p] > i) edges.push_back({i, g.neighbours[p], g.edgeLength[p]});
    j["edges"] = std::move(edges);
    json rings = json::array();
    for (std::size_t r = 0; r < g.ringCount(); ++r)
        rings.push_back(std::vector<std::uint32_t>(g.ringNodes.begin() + g.ringOffsets[r],
                                                   g.ringNodes.begin() + g.ringOffsets[r + 1]));
    j["rings"] = std::move(rings);
    json ideal = json::array();
    for (std::size_t i = 0; i < n; ++i)
        if (g.isEmptySite(i)) ideal.push_back(i);
    j["ideal_sites"] = std::move(ideal);
    return j.dump();
}

void writeGraphJson(const std::string& path, const LatticeGraph& g, const AtomTable* atoms,
                    const FeatureMatrix* features) {
    const std::string text = graphToJson(g, atoms, features);
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << text << '\n';
        if (!out) throw InputError(path, "cannot write");
    });
}

LatticeGraph readGraphJson(const std::string& path, FeatureMatrix* features) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "no such file or not readable");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
        throw InputError(path, "not valid JSON");
    }
    try {
        if (j.value("format", "") != "atomlens-graph")
            throw InputError(path, "not an atomlens graph (format key)");
        LatticeGraph g;
        const auto& nodes = j.at("nodes");
        const std::size_t n = nodes.size();
        g.atomCount = j.at("atom_count").get<std::size_t>();
        if (g.atomCount > n) throw InputError(path, "atom_count exceeds the number of nodes");
        g.bondLength = j.value("bond_length", 0.0);
        g.maxEdgeLength = j.value("max_edge_length", 0.0);
        const bool lattice = n > 0 && nodes[0].contains("sublattice");
        if (features) {
            features->names = j.value("feature_names", std::vector<std::string>{});
            features->rows = n;
            features->values.assign(n * features->cols(), 0.f);
        }
        for (std::size_t i = 0; i < n; ++i) {
            const auto& node = nodes[i];
            const double x = node.at("x").get<double>(), y = node.at("y").get<double>();
            if (!std::isfinite(x) || !std::isfinite(y))
                throw InputError(path, "node " + std::to_string(i) + " has a non-finite position");
            g.x.push_back(x), g.y.push_back(y);
            g.flags.push_back(node.value("flags", 0u) |
                              (node.value("empty_site", false) ? kFlagEmptySite : 0u));
            if (lattice) {
                g.sublattice.push_back(node.at("sublattice").get<std::int32_t>());
                g.idealX.push_back(node.at("ideal").at(0).get<float>());
                g.idealY.push_back(node.at("ideal").at(1).get<float>());
                const auto& s = node.at("strain");
                g.strain.push_back({s.at("exx").get<float>(), s.at("eyy").get<float>(),
                                    s.at("exy").get<float>(), s.at("rotation").get<float>()});
            }
            if (features && features->cols()) {
                const auto row = node.at("features").get<std::vector<float>>();
                if (row.size() != features->cols())
                    throw InputError(path, "node " + std::to_string(i) + ": wrong feature count");
                std::copy(row.begin(), row.end(),
                          features->values.begin() + std::ptrdiff_t(i * features->cols()));
            }
        }
        std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
        for (const auto& e : j.at("edges")) {
            const auto a = e.at(0).get<std::size_t>(), b = e.at(1).get<std::size_t>();
            if (a >= n || b >= n || a == b) throw InputError(path, "edge with a bad node index");
            edges.push_back({std::uint32_t(a), std::uint32_t(b)});
        }
        assignEdges(g, edges);
        g.ringOffsets.assign(1, 0);
        for (const auto& r : j.at("rings")) {
            for (const auto& v : r) {
                const auto i = v.get<std::size_t>();
                if (i >= n) throw InputError(path, "ring with a bad node index");
                g.ringNodes.push_back(std::uint32_t(i));
            }
            g.ringOffsets.push_back(std::uint32_t(g.ringNodes.size()));
        }
        return g;
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path, std::string("malformed graph JSON (") + e.what() + ")");
    }
}

} // namespace atomlens
