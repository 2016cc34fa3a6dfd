// The one classification pipeline: the chain's classify step (which CLI classify and batch run) equals
// classifyAtoms, finds the simulated species, and a fine-tuned model's card records its graph settings.
#include "tests/TestSupport.h"

#include "core/chain/StepRegistry.h"
#include "core/chain/TaskChain.h"
#include "core/data/PointIndex.h"
#include "core/detect/Detector.h"
#include "core/nn/Classification.h"
#include "core/nn/FineTunedModel.h"
#include "core/nn/NetworkSteps.h"
#include "core/nn/NnExtensions.h"
#include "core/simulate/Simulator.h"

#include <filesystem>

using namespace atomlens;
using atomlens::test::TempDir;

namespace {

std::string shippedCard(const std::string& name) {
    const std::string card = atomlens::test::sourceDir() + "/models/" + name + ".yaml";
    if (!std::filesystem::exists(card)) {
        std::printf("ATOMLENS-SKIP: the shipped %s model is absent\n", name.c_str());
        WARN("skipped: the shipped " << name << " model is absent");
        return {};
    }
    return card;
}

SimulationResult vacancyMoS2() {
    SimulationParams p;
    p.width = p.height = 192;
    p.seed = 43;
    p.dose = 3e5;
    p.sSingleVacancy = 0.06, p.sEmpty = 0.03;
    return simulate(p);
}

} // namespace

TEST_CASE("classify step: a YAML chain finds the simulated species, and the step equals classifyAtoms",
          "[nn][chain][steps]") {
    const std::string card = shippedCard("mos2-species");
    if (card.empty()) return;
    registerNnExtensions();
    const auto sim = vacancyMoS2();
    auto micrograph = std::make_shared<const Micrograph>(sim.micrograph);
    BasicJobContext job;
    const ChainState s =
        runChain(TaskChain::parse("steps:\n  - detect\n  - step: classify\n    model: " + card +
                                      "\n    assign_class: true\n",
                                  "test.yaml"),
                 micrograph, 0, job);
    REQUIRE(s.graph); // built with the model's own graph settings
    CHECK(s.graph->nodeCount() == s.atoms.size());
    const AtomResultColumn* column = s.findColumn("mos2-species");
    REQUIRE(column);

    // Known answer: classes of the nodes standing on a truth column or truth empty site (0.3 bonds).
    std::vector<double> tx, ty;
    for (const auto& t : sim.truth) tx.push_back(t.x), ty.push_back(t.y);
    const PointIndex index(tx, ty);
    std::size_t scored = 0, right = 0;
    for (std::size_t i = 0; i < s.atoms.size(); ++i) {
        const auto [k, d] = index.nearest(s.atoms.xs()[i], s.atoms.ys()[i]);
        if (d > 0.3 * s.graph->bondLength) continue;
        ++scored;
        right += column->values[i] == sim.truth[std::size_t(k)].cls;
        CHECK(s.atoms.className(s.atoms.classIds()[i]) == column->values[i]); // assign_class
    }
    INFO(right << " of " << scored << " nodes right");
    CHECK(scored > 150);
    CHECK(double(right) >= 0.85 * double(scored));

    // The same atoms through classifyAtoms (what the GUI's background job calls) give the same answer.
    const AtomTable atoms = detectAtoms(sim.micrograph.frame(0), DetectParams{}, job);
    const AtomTable direct = classifyAtoms(sim.micrograph.frame(0), atoms, *loadClassifier(card).model, job);
    REQUIRE(direct.size() == s.atoms.size());
    for (std::size_t i = 0; i < direct.size(); ++i)
        CHECK(direct.className(direct.classIds()[i]) == column->values[i]);

    // After an explicit graph step, classify uses that graph (no second graph, same rows).
    const ChainState g = runChain(
        TaskChain::parse("steps:\n  - detect\n  - graph\n  - step: classify\n    model: " + card + "\n",
                         "test.yaml"),
        micrograph, 0, job);
    REQUIRE(g.findColumn("mos2-species"));
    CHECK(g.findColumn("mos2-species")->values.size() == g.atoms.size());
    CHECK(g.graph->nodeCount() == g.atoms.size());
}

TEST_CASE("A fine-tuned model's card is built in one place and records its graph settings",
          "[nn][modelcard]") {
    const std::string card = shippedCard("mos2-species");
    if (card.empty()) return;
    const EgnnModel model = EgnnModel::load(loadModel(card));
    GraphSettings settings = model.graphSettings();
    settings.lattice.idealSites = !settings.lattice.idealSites; // differs from the model's own
    FineTuneRecord record;
    record.name = "tuned";
    record.description = "test";
    record.command = "test_classify_step";
    record.data = "none";
    record.epochs = 3;
    record.labelCount = 12;
    record.crossValidatedAccuracy = 0.75, record.folds = 3;
    record.trainAccuracy = 0.9;
    record.accuracyOnLabels = 0.75, record.accuracyNote = "cross-validated";
    TempDir dir;
    const std::string path = saveFineTunedModel(model, settings, record, dir.file("tuned"));
    CHECK(std::filesystem::exists(dir.file("tuned/tuned.pt")));
    const ModelCard saved = loadModelCard(path);
    CHECK(graphSettingsOf(saved).lattice.idealSites == settings.lattice.idealSites);
    CHECK(EgnnModel::load(saved).graphSettings().lattice.idealSites == settings.lattice.idealSites);
    CHECK(saved.training.epochs == 3);
    std::map<std::string, double> metrics;
    for (const auto& m : saved.metrics) metrics[m.name] = m.value;
    CHECK(metrics["accuracy on the labels"] == Approx(0.75)); // what the GUI reads back
    CHECK(metrics["cross-validated accuracy on the labels"] == Approx(0.75));
    CHECK(metrics["training accuracy on the labels"] == Approx(0.9));
}
