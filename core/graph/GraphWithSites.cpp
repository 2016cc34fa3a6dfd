#include "core/graph/GraphWithSites.h"

namespace atomlens {

GraphWithSites buildGraphWithSites(const AtomTable& atoms, int imageWidth, int imageHeight,
                                   const GraphParams& graphParams, const LatticeParams& latticeParams,
                                   JobContext& job) {
    GraphWithSites out;
    out.nodes = atoms;
    std::vector<std::size_t> empty;
    for (std::size_t r = 0; r < out.nodes.size(); ++r)
        if (out.nodes.flags()[r] & kFlagEmptySite) empty.push_back(r);
    if (!empty.empty()) out.nodes.removeRows(empty);
    LatticeParams lattice = latticeParams;
    lattice.imageWidth = imageWidth, lattice.imageHeight = imageHeight;
    out.graph = buildLatticeGraph(out.nodes, graphParams, lattice, job);
    for (std::size_t i = out.nodes.size(); i < out.graph.nodeCount(); ++i) {
        Atom a;
        a.x = out.graph.x[i], a.y = out.graph.y[i];
        a.flags = kFlagEmptySite;
        out.nodes.add(a);
    }
    return out;
}

} // namespace atomlens
