// Bench suite "graph": graph, lattice analysis and descriptors for about 100k atoms.
#include "bench/Benchmark.h"
#include "core/describe/Descriptors.h"
#include "core/graph/IdealLattice.h"
#include "core/job/ThreadPool.h"
#include "core/simulate/Simulator.h"

#include <cstdio>
#include <ctime>
#include <string>

namespace atomlens {
namespace {

/// Process CPU seconds (all threads) of one run of f: on a shared machine the wall time says little
/// about the work, and CPU / cores is what an idle machine would approach.
double cpuSecondsOf(const std::function<void()>& f) {
    const std::clock_t start = std::clock();
    f();
    return double(std::clock() - start) / CLOCKS_PER_SEC;
}

} // namespace

std::vector<BenchResult> runGraphBench(bool quick) {
    SimulationParams p;
    p.width = p.height = quick ? 1024 : 4096;
    p.seed = 1;
    std::fprintf(stderr, "graph bench: simulating %dx%d MoS2\n", p.width, p.height);
    const auto sim = simulate(p);
    const AtomTable atoms = truthAtoms(sim);
    const std::string n = std::to_string(atoms.size()) + " atoms";
    const Image& image = sim.micrograph.frame(0);
    const int repeats = quick ? 1 : 3;
    std::vector<BenchResult> out;
    LatticeGraph graph;
    LatticeParams lp;
    lp.imageWidth = p.width, lp.imageHeight = p.height;
    GraphParams plain;
    PooledJobContext job; // every core, as the CLI's pool
    const double tDelaunay = timeBestOf(repeats, [&] { graph = buildGraph(atoms, plain, job); });
    out.push_back({"graph", "Delaunay graph + rings, " + n, tDelaunay, "s", ""});
    const double tLattice = timeBestOf(repeats, [&] { graph = buildLatticeGraph(atoms, {}, lp, job); });
    out.push_back({"graph",
                   "lattice graph (Delaunay, rings, local lattice fit, ideal sites, strain), " + n + ", " +
                       std::to_string(graph.nodeCount() - graph.atomCount) + " empty sites",
                   tLattice, "s", ""});
    DescriptorParams basic;
    basic.zernike = false;
    const double tBasic = timeBestOf(repeats, [&] { computeDescriptors(&image, graph, basic, job); });
    out.push_back({"graph", "descriptors without Zernike (3x3 patch, intensity, bonds, strain), " + n, tBasic,
                   "s", ""});
    DescriptorParams full;
    const double tFull = timeBestOf(repeats, [&] { computeDescriptors(&image, graph, full, job); });
    out.push_back({"graph", "descriptors with Zernike order 10 (35 magnitudes), " + n, tFull, "s", ""});
    out.push_back(
        {"graph", "lattice graph + all descriptors, " + n, tLattice + tFull, "s", "target < 1 s on 2 cores"});
    const double cpu = cpuSecondsOf([&] {
        graph = buildLatticeGraph(atoms, {}, lp, job);
        computeDescriptors(&image, graph, full, job);
    });
    out.push_back({"graph", "lattice graph + all descriptors, process CPU time (all threads), " + n, cpu, "s",
                   "CPU / 2 approaches the wall time on an idle 2-core machine"});
    return out;
}

} // namespace atomlens
