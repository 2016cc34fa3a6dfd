#include "tests/TestSupport.h"

#include "core/analysis/ChainOutputs.h"
#include "core/chain/ChainRules.h"
#include "core/chain/StepRegistry.h"
#include "core/chain/TaskChain.h"
#include "core/data/Errors.h"
#include "core/graph/LatticeGraph.h"
#include "core/io/CsvTable.h"
#include "core/simulate/Simulator.h"

#include <filesystem>
#include <fstream>

using namespace atomlens;
using atomlens::test::TempDir;

TEST_CASE("Task chains parse steps, shorthand parameters and lists", "[chain]") {
    const TaskChain chain = TaskChain::parse(R"(
name: demo
description: two steps
steps:
  - step: detect
    params: {threshold: 5, refine: false}
  - graph
  - step: count-near
    target: empty
    near: empty
    hops: 0
)",
                                             "demo.yaml");
    CHECK(chain.name == "demo");
    REQUIRE(chain.steps.size() == 3);
    CHECK(chain.steps[0].id == "detect");
    CHECK(chain.steps[0].params.text("threshold") == "5");
    CHECK(chain.steps[1].id == "graph");
    CHECK(chain.steps[2].params.text("target") == "empty");
}

TEST_CASE("Bad task chains are refused with the file and the step named", "[chain][bad-input]") {
    auto expect = [](const std::string& yaml, const std::string& fragment) {
        try {
            TaskChain::parse(yaml, "bad.yaml");
            FAIL("accepted: " << yaml);
        } catch (const InputError& e) {
            const std::string msg = e.what();
            INFO(msg);
            CHECK(msg.find("bad.yaml") == 0);
            CHECK(msg.find(fragment) != std::string::npos);
        }
    };
    expect("steps: [", "not valid YAML");
    expect("name: x", "'steps:' list");
    expect("steps: []", "no steps");
    expect("steps:\n  - step: frobnicate", "unknown step 'frobnicate'");
    expect("steps:\n  - step: detect\n    params: {threshold: lots}", "expects a number");
    expect("steps:\n  - step: detect\n    params: {colour: red}", "no parameter 'colour'");
    expect("steps:\n  - step: graph\n    params: {method: magic}", "one of");
}

TEST_CASE("The shipped default chains parse", "[chain]") {
    for (const char* name : {"mos2-defects", "graphene-si"}) {
        INFO(name);
        const std::string path = atomlens::test::sourceDir() + "/resources/chains/" + name + ".yaml";
        // Network steps exist only where atomlens::nn registered them; core alone must still refuse
        // them cleanly rather than crash.
        if (StepRegistry::instance().find("classify"))
            CHECK_NOTHROW(TaskChain::load(path));
        else
            CHECK_THROWS_AS(TaskChain::load(path), InputError);
    }
    CHECK_NOTHROW(TaskChain::load(atomlens::test::sourceDir() + "/resources/chains/perovskite.yaml"));
}

TEST_CASE("A detect + graph chain finds the empty sites of simulated MoS2 and writes its outputs",
          "[chain]") {
    SimulationParams p;
    p.width = p.height = 256;
    p.seed = 12;
    p.dose = 3e5;
    p.sEmpty = 0.03, p.moVacancy = 0.02, p.sSingleVacancy = 0.0, p.vacancyLines = 0;
    p.heavyDopant = p.lightDopant = 0;
    auto sim = simulate(p);
    int trueEmpty = 0;
    for (const auto& t : sim.truth)
        if (t.cls == "empty" && t.x > 6 && t.y > 6 && t.x < 249 && t.y < 249) ++trueEmpty;
    const TaskChain chain =
        TaskChain::parse("steps:\n  - detect\n  - graph\n  - step: count-near\n    target: empty\n"
                         "    near: empty\n    hops: 0\n    name: empty sites\n",
                         "inline");
    auto micrograph = std::make_shared<const Micrograph>(sim.micrograph);
    BasicJobContext job;
    const ChainState state = runChain(chain, micrograph, 0, job);
    REQUIRE(state.graph);
    CHECK(state.graph->nodeCount() == state.atoms.size());
    const double found = state.summary.at("empty sites");
    CHECK(found >= 0.9 * trueEmpty);
    CHECK(found <= 1.2 * trueEmpty + 2);
    CHECK(job.lastDone() == job.lastTotal());

    TempDir dir;
    writeChainOutputs(state, dir.file("out"));
    for (const char* f : {"atoms.csv", "graph.json", "figure.png", "figure.svg", "summary.json"})
        CHECK(std::filesystem::exists(dir.file(std::string("out/") + f)));
    const CsvTable atoms = CsvTable::read(dir.file("out/atoms.csv"));
    CHECK(atoms.rowCount() == state.atoms.size());
    CHECK(atoms.column("empty sites") >= 0);
}

TEST_CASE("count-near matches a brute-force breadth-first search", "[chain][rules]") {
    // A path graph 0-1-2-3-4-5 with classes: 0 dopant, 3 dopant, 5 empty site.
    ChainState state;
    for (int i = 0; i < 6; ++i) {
        Atom a;
        a.x = 10.0 * i, a.y = 0;
        if (i == 5) a.flags = kFlagEmptySite;
        state.atoms.add(a);
    }
    const int dopant = state.atoms.classIndex("dopant", true);
    state.atoms.setClass(0, dopant, 1), state.atoms.setClass(3, dopant, 1);
    GraphParams radius;
    radius.method = "radius";
    radius.maxEdge = 11;
    auto g = std::make_shared<LatticeGraph>(buildGraph(state.atoms.xs(), state.atoms.ys(), 5, radius));
    state.graph = g;
    const auto target = AtomCondition::parse("class=dopant"), near = AtomCondition::parse("empty");
    CHECK(matchNear(state, target, near, 1) == std::vector<bool>{false, false, false, false, false, false});
    CHECK(matchNear(state, target, near, 2) == std::vector<bool>{false, false, false, true, false, false});
    CHECK(matchNear(state, target, near, 5) == std::vector<bool>{true, false, false, true, false, false});
    CHECK_THROWS_AS(AtomCondition::parse("nonsense"), std::invalid_argument);
}
