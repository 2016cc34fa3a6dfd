// Few-shot on user labels: labels where no node is (placeLabels), head transfer from a base model,
// calibration temperature and expected calibration error against known answers.
#include "tests/TestSupport.h"

#include "core/data/Errors.h"
#include "core/detect/Detector.h"
#include "core/nn/FewShot.h"
#include "core/nn/FineTunedModel.h"
#include "core/nn/GraphSettings.h"
#include "core/nn/LabelPlacement.h"
#include "core/nn/ModelDetection.h"
#include "core/nn/NodeFeatures.h"
#include "core/simulate/Simulator.h"
#include "core/training/PipelineGraph.h"
#include "core/training/SubModelRecipes.h"

#include <cmath>
#include <filesystem>

using namespace atomlens;

namespace {

SimulationResult cleanMoS2(std::uint64_t seed) {
    SimulationParams p;
    p.width = p.height = 192;
    p.seed = seed;
    p.dose = 3e5;
    return simulate(p);
}

const TruthColumn* columnNear(const SimulationResult& sim, const std::string& cls, double x, double y) {
    const TruthColumn* best = nullptr;
    double bestD = 1e30;
    for (const auto& t : sim.truth) {
        const double d = std::hypot(t.x - x, t.y - y);
        if (t.frame == 0 && t.cls == cls && d < bestD) bestD = d, best = &t;
    }
    return best;
}

std::size_t nearestRow(const AtomTable& atoms, double x, double y) {
    std::size_t best = 0;
    for (std::size_t r = 1; r < atoms.size(); ++r)
        if (std::hypot(atoms.xs()[r] - x, atoms.ys()[r] - y) <
            std::hypot(atoms.xs()[best] - x, atoms.ys()[best] - y))
            best = r;
    return best;
}

} // namespace

TEST_CASE("A label where no node is adds one and unusable labels are reported and skipped", "[nn][fewshot]") {
    const auto sim = cleanMoS2(41);
    const Image& image = sim.micrograph.frame(0);
    AtomTable atoms = detectAtoms(image, DetectParams{}, nullJobContext());
    const TruthColumn* mo = columnNear(sim, "Mo", 96, 96);
    REQUIRE(mo);
    // The detected atom on this Mo column is removed: the user labels a column the detector missed.
    const std::size_t missing = nearestRow(atoms, mo->x, mo->y);
    REQUIRE(std::hypot(atoms.xs()[missing] - mo->x, atoms.ys()[missing] - mo->y) < 2.0);
    atoms.removeRows({missing});
    const TruthColumn* s = columnNear(sim, "S2", mo->x + 25, mo->y + 10);
    const TruthColumn* otherMo = columnNear(sim, "Mo", mo->x - 30, mo->y + 20);
    const TruthColumn* otherS = columnNear(sim, "S2", otherMo->x, otherMo->y);
    REQUIRE((s && otherMo && otherS));
    const double hollowX = 2 * otherMo->x - otherS->x, hollowY = 2 * otherMo->y - otherS->y; // no column

    Labels labels;
    labels.add({mo->x + 1.5, mo->y - 1.0, "Mo", -1}); // clicked a little off the missed column
    labels.add({s->x, s->y, "S", -1});
    labels.add({hollowX, hollowY, "V", -1});  // inside the lattice, on no column
    labels.add({-20, 50, "S", -1});           // outside the image
    labels.add({s->x + 0.5, s->y, "Mo", -1}); // on the node labelled "S" just before
    labels.add({s->x, s->y, "Q", -1});        // a class that is not trained
    const std::vector<std::string> classes = {"Mo", "S", "V"};
    GraphSettings noIdealSites; // else an empty ideal site would stand in for the removed atom
    noIdealSites.lattice.idealSites = false;
    const PlacedLabels placed = placeLabels(image, atoms, labels, classes, false, noIdealSites);
    REQUIRE(placed.placements.size() == 6);
    const auto& p = placed.placements;
    const auto& graph = placed.prepared.graph;
    const double bond = graph.bondLength;
    REQUIRE(bond > 3);

    CHECK(p[0].fate == LabelFate::NodeAdded);
    CHECK(p[0].refined);
    REQUIRE(p[0].used());
    CHECK(std::hypot(graph.x[std::size_t(p[0].node)] - mo->x, graph.y[std::size_t(p[0].node)] - mo->y) < 0.8);
    CHECK(placed.prepared.nodes.flags()[std::size_t(p[0].node)] & kFlagUserAdded);
    CHECK(placed.prepared.input.labels[std::size_t(p[0].node)] == 0);

    CHECK(p[1].fate == LabelFate::OnNode);
    REQUIRE(p[1].used());
    CHECK(placed.prepared.input.labels[std::size_t(p[1].node)] == 1);

    CHECK(p[2].fate == LabelFate::NodeAdded);
    CHECK_FALSE(p[2].refined); // no column: kept exactly where the user put it
    REQUIRE(p[2].used());
    CHECK(graph.x[std::size_t(p[2].node)] == Approx(hollowX).margin(1e-9));
    CHECK(graph.y[std::size_t(p[2].node)] == Approx(hollowY).margin(1e-9));
    CHECK(placed.prepared.input.labels[std::size_t(p[2].node)] == 2);

    CHECK(p[3].fate == LabelFate::OutsideImage);
    CHECK(p[4].fate == LabelFate::Conflict);
    CHECK(p[5].fate == LabelFate::UnknownClass);
    for (std::size_t i = 3; i < 6; ++i) CHECK_FALSE(p[i].used());
    CHECK(placed.usedCount() == 3);
    CHECK(placed.addedCount() == 2);
    std::size_t labelled = 0;
    for (auto l : placed.prepared.input.labels) labelled += l >= 0 ? 1 : 0;
    CHECK(labelled == 3);
    CHECK(describePlacement(p[3], 3).find("outside the image") != std::string::npos);
    CHECK(describePlacement(p[0], 0).find("added") != std::string::npos);

    // Far off the lattice: the right part of the image has no atoms.
    AtomTable left;
    for (std::size_t r = 0; r < atoms.size(); ++r)
        if (atoms.xs()[r] < 100) left.add(atoms.at(r));
    Labels far;
    far.add({185, 96, "Mo", -1});
    far.add({s->x < 100 ? s->x : 50.0, 96, "S", -1});
    const PlacedLabels farPlaced = placeLabels(image, left, far, classes, false, GraphSettings{});
    CHECK(farPlaced.placements[0].fate == LabelFate::OffLattice);
    CHECK(farPlaced.placements[0].distance > 3 * bond);
    CHECK(farPlaced.placements[1].used());
}

TEST_CASE("Temperature scaling fits over- and well-calibrated predictions and ECE by hand", "[nn][fewshot]") {
    // 100 two-class items: 70 right, every one with confidence 0.99 (overconfident).
    CalibrationSet over;
    over.classCount = 2;
    for (int i = 0; i < 100; ++i) {
        over.probabilities.insert(over.probabilities.end(), {0.99f, 0.01f});
        over.labels.push_back(i < 70 ? 0 : 1);
    }
    CHECK(expectedCalibrationError(over, 1) == Approx(0.29).margin(1e-4)); // |0.99 - 0.70|
    const double t = fitTemperature(over);
    CHECK(t > 2);
    // The likelihood alone would bring the confidence to 0.70; the prior on T keeps it a little above.
    const double conf = std::pow(0.99, 1 / t) / (std::pow(0.99, 1 / t) + std::pow(0.01, 1 / t));
    CHECK(conf > 0.70);
    CHECK(conf < 0.78);
    CHECK(expectedCalibrationError(over, t) < 0.06);
    // 15 held-out items, all right and confident: no evidence to soften, T stays near 1.
    CalibrationSet few;
    few.classCount = 3;
    for (int i = 0; i < 15; ++i) {
        few.probabilities.insert(few.probabilities.end(), {0.98f, 0.01f, 0.01f});
        few.labels.push_back(0);
    }
    CHECK(fitTemperature(few) <= 1.0);
    CHECK(fitTemperature(few) > 0.5);

    // Already calibrated: 80 % right at confidence 0.8 -> T stays near 1.
    CalibrationSet good;
    good.classCount = 2;
    for (int i = 0; i < 100; ++i) {
        good.probabilities.insert(good.probabilities.end(), {0.8f, 0.2f});
        good.labels.push_back(i < 80 ? 0 : 1);
    }
    CHECK(expectedCalibrationError(good, 1) == Approx(0.0).margin(1e-6));
    CHECK(fitTemperature(good) == Approx(1.0).margin(0.1));
    CHECK(fitTemperature(CalibrationSet{}) == 1);
}

TEST_CASE("Head transfer answers like the base model folded onto the label classes and fine-tuning "
          "calibrates",
          "[nn][fewshot]") {
    const std::string card = atomlens::test::sourceDir() + "/models/mos2-species.yaml";
    if (!std::filesystem::exists(card)) {
        WARN("skipped: the shipped mos2-species model is absent");
        return;
    }
    const EgnnModel base = EgnnModel::load(loadModel(card));
    SimulationParams params;
    params.width = params.height = 192;
    params.seed = 43;
    params.dose = 3e5;
    params.sSingleVacancy = 0.06, params.sEmpty = 0.03;
    const auto sim = simulate(params);
    const LabelledPipelineGraph truth = labelPipelineGraph(subModelRecipe("mos2-species"), sim);
    REQUIRE_FALSE(truth.failed());
    // New classes: Mo -> metal, S2 -> chalcogen, S1 and empty -> missing; 5 labels per class.
    const std::vector<int> fold = {0, 1, 2, 2};
    EgnnInput input = truth.prepared.input;
    int perClass[3] = {0, 0, 0};
    for (auto& l : input.labels) {
        if (l < 0) continue;
        const int c = fold[std::size_t(l)];
        l = perClass[c] < 5 ? c : -1;
        perClass[c] += 1;
    }
    REQUIRE(perClass[2] >= 5);
    EgnnModel transferred = base.clone();
    transferred.transferHead({"metal", "chalcogen", "missing"}, {input});
    CHECK(transferred.classes() == std::vector<std::string>{"metal", "chalcogen", "missing"});
    const auto before = base.predict(input), after = transferred.predict(input);
    std::size_t agree = 0;
    for (std::size_t i = 0; i < input.nodeCount; ++i)
        agree += fold[std::size_t(before.best(i))] == after.best(i);
    CHECK(double(agree) >= 0.97 * double(input.nodeCount));

    FewShotOptions options;
    options.epochs = 20;
    const FewShotResult r =
        fineTune(&base, {"metal", "chalcogen", "missing"}, {input}, options, nullJobContext());
    CHECK(r.folds == 5);
    CHECK(r.crossValidatedAccuracy >= 0.8);
    CHECK(r.temperature == r.model.temperature());
    CHECK(r.heldOutEceCalibrated >= 0);
    CHECK(base.temperature() == 1); // the base model is never changed
}

TEST_CASE("Feature alignment undoes a per-image contrast change and the card keeps calibration "
          "alignment and graph settings",
          "[nn][fewshot]") {
    SimulationParams params;
    params.width = params.height = 160;
    params.seed = 44;
    params.dose = 3e5;
    const auto sim = simulate(params);
    const LabelledPipelineGraph g = labelPipelineGraph(subModelRecipe("mos2-species"), sim);
    REQUIRE_FALSE(g.failed());
    const EgnnInput& input = g.prepared.input;
    EgnnModel model({"a", "b", "c"}, EgnnArchitecture{}, 3);
    const auto plain = model.predict(input);
    model.setFeatureReference(EgnnModel::featureQuartiles({input}));
    // The reference image itself is read unchanged.
    const auto same = model.predict(input);
    for (std::size_t i = 0; i < plain.probabilities.size(); ++i)
        CHECK(same.probabilities[i] == Approx(plain.probabilities[i]).margin(1e-5));
    // Another "image" whose features differ by a gain and an offset per feature reads the same.
    EgnnInput other = input;
    const auto f = std::size_t(input.featureCount);
    for (std::size_t i = 0; i < input.nodeCount; ++i)
        for (std::size_t k = 0; k < f; ++k)
            other.features[i * f + k] = float(0.6 + 0.1 * double(k)) * input.features[i * f + k] + 0.2f;
    const auto shifted = model.predict(other);
    double worst = 0;
    for (std::size_t i = 0; i < plain.probabilities.size(); ++i)
        worst = std::max(worst, double(std::fabs(shifted.probabilities[i] - plain.probabilities[i])));
    CHECK(worst < 1e-4);

    test::TempDir dir;
    model.setTemperature(1.7);
    GraphSettings settings;
    settings.graph.cutFactor = 1.5;
    settings.lattice.minVoteFraction = 0.4;
    model.setGraphSettings(settings);
    ModelCard card;
    card.name = "aligned";
    card.description = "test";
    card.training.command = "test";
    card.training.data = "test";
    card.training.optimiser = "test";
    card.created = "2026-12-04";
    model.saveWeights(card, dir.file("aligned.pt"));
    saveModelCard(card, dir.file("aligned.yaml"));
    const EgnnModel loaded = EgnnModel::load(loadModel(dir.file("aligned.yaml")));
    CHECK(loaded.temperature() == Approx(1.7));
    CHECK(loaded.graphSettings().graph.cutFactor == Approx(1.5));
    CHECK(loaded.graphSettings().lattice.minVoteFraction == Approx(0.4));
    REQUIRE(loaded.featureReference().size() == model.featureReference().size());
    const auto back = loaded.predict(other), now = model.predict(other);
    for (std::size_t i = 0; i < back.probabilities.size(); ++i)
        CHECK(back.probabilities[i] == Approx(now.probabilities[i]).margin(1e-5));
}

TEST_CASE("Sublattice contrast by hand and its logit term", "[nn][fewshot]") {
    // A centre node, six second neighbours on a hexagon of radius sqrt(3) (each 1.73 from the centre
    // and from its two hexagon neighbours) and three first neighbours at 1 (ignored).
    EgnnInput in;
    in.featureCount = 9;
    auto add = [&](double x, double y, float disc) {
        in.x.push_back(float(x)), in.y.push_back(float(y));
        for (int k = 0; k < 9; ++k) in.features.push_back(k == 8 ? disc : 0.3f);
        in.labels.push_back(-1);
        in.nodeCount += 1;
    };
    add(0, 0, 0.5f);
    const double pi = 3.14159265358979323846, r = std::sqrt(3.0);
    for (int k = 0; k < 6; ++k)
        add(r * std::cos(pi / 3 * k), r * std::sin(pi / 3 * k), k == 0 ? 0.01f : 1.0f);
    for (int k = 0; k < 3; ++k) add(std::cos(pi / 3 * (2 * k + 1)), std::sin(pi / 3 * (2 * k + 1)), 3.0f);
    const auto l = sublatticeContrast(in);
    REQUIRE(l.size() == in.nodeCount);
    CHECK(l[0] == Approx(std::log(0.5)));  // median of 0.01 and five 1.0
    CHECK(l[1] == Approx(std::log(0.25))); // 0.01 / median(0.5, 1, 1): clipped at log 0.25
    CHECK(l[3] == Approx(0).margin(1e-6)); // 1 / median(0.5, 1, 1)
    CHECK(l[7] == 0.0f);                   // no second neighbour in reach: 0

    for (std::size_t i = 0; i + 1 < in.nodeCount; ++i)
        in.edgeSource.push_back(std::int64_t(i)), in.edgeTarget.push_back(std::int64_t(i + 1));
    EgnnModel model({"a", "b", "v"}, EgnnArchitecture{}, 9);
    const auto before = model.predict(in);
    const float mu = float(std::log(0.5));
    model.setSublatticeContrast({0.0f, 0.0f, mu}, 3.0);
    const auto after = model.predict(in);
    for (std::size_t i = 0; i < in.nodeCount; ++i) {
        const auto p = [&](const EgnnPrediction& e, int c) {
            return double(e.probabilities[i * 3 + std::size_t(c)]);
        };
        INFO("node " << i);
        CHECK(std::log(p(after, 2) / p(after, 0)) - std::log(p(before, 2) / p(before, 0)) ==
              Approx(3.0 * (l[i] * mu - mu * mu / 2)).margin(1e-3));
        CHECK(std::log(p(after, 1) / p(after, 0)) ==
              Approx(std::log(p(before, 1) / p(before, 0))).margin(1e-3));
    }
    CHECK_THROWS(model.setSublatticeContrast({0.0f}, 1.0));
    EgnnModel renamed = model.clone();
    REQUIRE(renamed.sublatticeContrastCentres().size() == 3u);
    renamed.resetClasses({"x", "y"}); // one centre per class: new classes drop the term
    CHECK(renamed.sublatticeContrastCentres().empty());

    test::TempDir dir;
    ModelCard card;
    card.name = "contrast";
    card.description = "test";
    card.training.command = "test";
    card.training.data = "test";
    card.training.optimiser = "test";
    card.created = "2026-12-05";
    model.saveWeights(card, dir.file("contrast.pt"));
    saveModelCard(card, dir.file("contrast.yaml"));
    const EgnnModel loaded = EgnnModel::load(loadModel(dir.file("contrast.yaml")));
    REQUIRE(loaded.sublatticeContrastCentres().size() == 3u);
    const auto back = loaded.predict(in);
    for (std::size_t i = 0; i < back.probabilities.size(); ++i)
        CHECK(back.probabilities[i] == Approx(after.probabilities[i]).margin(1e-5));
}

TEST_CASE("A model tuned on one image reads a degraded image of the series with gamma blur and JPEG",
          "[nn][fewshot]") {
    const std::string card = atomlens::test::sourceDir() + "/models/mos2-species.yaml";
    if (!std::filesystem::exists(card)) {
        WARN("skipped: the shipped mos2-species model is absent");
        return;
    }
    const EgnnModel base = EgnnModel::load(loadModel(card));
    const auto& recipe = subModelRecipe("mos2-species");
    SimulationParams params;
    params.width = params.height = 192;
    params.seed = 45;
    params.dose = 3e5;
    params.sSingleVacancy = 0.06, params.sEmpty = 0.03;
    const auto clean = simulate(params);
    const LabelledPipelineGraph labelled = labelPipelineGraph(recipe, clean);
    REQUIRE_FALSE(labelled.failed());
    EgnnInput input = labelled.prepared.input;
    int perClass[4] = {0, 0, 0, 0};
    for (auto& l : input.labels) {
        if (l < 0) continue;
        const auto c = std::size_t(l);
        l = perClass[c] < 5 ? l : -1;
        perClass[c] += 1;
    }
    const FewShotResult tuned = fineTune(&base, base.classes(), {input}, fewShotDefaults(), nullJobContext());
    // The same structure imaged differently: detector gamma, gain and offset, blur, 8-bit JPEG.
    for (std::uint64_t seed : {3u, 8u, 11u}) {
        auto degraded = clean;
        Random rng(seed);
        augmentImaging(degraded, rng);
        const LabelledPipelineGraph other = labelPipelineGraph(recipe, degraded);
        REQUIRE_FALSE(other.failed());
        const double accuracy =
            labelledAccuracy(tuned.model.predict(other.prepared.input), other.prepared.input, false);
        INFO("degradation seed " << seed);
        CHECK(accuracy >= 0.95);
    }
}

TEST_CASE("Cross-validation keeps the base model when fine-tuning does worse on the labels",
          "[nn][fewshot]") {
    const std::string card = atomlens::test::sourceDir() + "/models/mos2-species.yaml";
    if (!std::filesystem::exists(card)) {
        WARN("skipped: the shipped mos2-species model is absent");
        return;
    }
    const EgnnModel base = EgnnModel::load(loadModel(card));
    SimulationParams params;
    params.width = params.height = 192;
    params.seed = 44;
    params.dose = 3e5;
    params.sSingleVacancy = 0.06, params.sEmpty = 0.03;
    const LabelledPipelineGraph truth = labelPipelineGraph(subModelRecipe("mos2-species"), simulate(params));
    REQUIRE_FALSE(truth.failed());
    // Up to 6 true labels per class in the base model's own classes.
    EgnnInput input = truth.prepared.input;
    std::vector<int> perClass(base.classes().size(), 0);
    for (auto& l : input.labels)
        if (l >= 0) l = perClass[std::size_t(l)]++ < 6 ? l : -1;
    for (int n : perClass) REQUIRE(n >= 2);

    // A recipe that wrecks the model (a huge step): the held-out folds score below the base model.
    FewShotOptions harmful = fewShotDefaults();
    harmful.learningRate = 50;
    harmful.epochs = 5;
    const FewShotResult kept = fineTune(&base, base.classes(), {input}, harmful, nullJobContext());
    INFO("base " << kept.baseAccuracy << ", cross-validated " << kept.crossValidatedAccuracy);
    CHECK(kept.keptBase);
    CHECK(kept.baseAccuracy > kept.crossValidatedAccuracy);
    const auto a = base.predict(input), b = kept.model.predict(input);
    CHECK(a.probabilities == b.probabilities); // the base model's own answers

    harmful.keepBaseWhenBetter = false; // without the selection: the wrecked model
    const FewShotResult forced = fineTune(&base, base.classes(), {input}, harmful, nullJobContext());
    CHECK_FALSE(forced.keptBase);
    CHECK(forced.baseAccuracy < 0);

    // From an untrained starting point (other classes) nothing is compared; it needs an optimiser step.
    FewShotOptions fromScratch = fewShotDefaults();
    CHECK_THROWS_AS(fineTune(nullptr, {"a", "b", "c", "d"}, {input}, fromScratch, nullJobContext()),
                    std::invalid_argument);
    fromScratch.epochs = 1;
    const FewShotResult scratch =
        fineTune(nullptr, {"a", "b", "c", "d"}, {input}, fromScratch, nullJobContext());
    CHECK_FALSE(scratch.keptBase);

    // With no optimiser step and no fitted term, in the base's own classes the folds answer like the
    // base model (aligning an image to itself changes nothing), and a tie keeps the unchanged model.
    FewShotOptions alignOnly = fewShotDefaults();
    alignOnly.sublatticeContrast = 0;
    const FewShotResult tie = fineTune(&base, base.classes(), {input}, alignOnly, nullJobContext());
    INFO("base " << tie.baseAccuracy << ", cross-validated " << tie.crossValidatedAccuracy);
    CHECK(tie.crossValidatedAccuracy == tie.baseAccuracy);
    CHECK(tie.keptBase);
    // The default recipe fits the sublattice-contrast term on the folds' labels: here it gets more of
    // the held-out labels right than the base model (S1 / empty sites dim against their sublattice), so
    // the tuned model is kept.
    const FewShotResult tuned = fineTune(&base, base.classes(), {input}, fewShotDefaults(), nullJobContext());
    INFO("default: base " << tuned.baseAccuracy << ", cross-validated " << tuned.crossValidatedAccuracy);
    CHECK(tuned.crossValidatedAccuracy > tuned.baseAccuracy);
    CHECK_FALSE(tuned.keptBase);
    CHECK(tuned.model.sublatticeContrastCentres().size() == base.classes().size());
}

TEST_CASE("Model selection: the folds must beat the base by more than the labels' binomial noise",
          "[nn][fewshot]") {
    // graphene-si, 5+5 labelled crops: 38 of 40 items against the base's 37 of 40, one item apart.
    CHECK_FALSE(foldsBeatBase(38.0 / 40, 37.0 / 40, 40)); // sd sqrt(0.925 x 0.075 / 40) = 0.042
    CHECK(foldsBeatBase(40.0 / 40, 37.0 / 40, 40));       // 0.075 above: more than the noise
    CHECK_FALSE(foldsBeatBase(0.9, 0.9, 40));             // a tie keeps the base
    CHECK_FALSE(foldsBeatBase(0.8, 0.9, 40));
    CHECK(foldsBeatBase(1.0, 20.0 / 21, 21)); // the default recipe's case above: sd 0.046
    CHECK(foldsBeatBase(0.5, 0.0, 10));       // a base that gets nothing right has no noise
    CHECK_FALSE(foldsBeatBase(1.0, 1.0, 10));
}

TEST_CASE("A card's atom source round-trips and a fine-tuned model keeps its base model's", "[nn][fewshot]") {
    atomlens::test::TempDir dir;
    CHECK(atomSourceOf(loadModel("graphene-si")) == "graphene"); // shipped: the graphene analysis
    CHECK(atomSourceOf(loadModel("mos2-species")).empty());      // the default detector
    ModelCard legacy = loadModel("graphene-si");
    legacy.inputs.atoms.clear(); // a card written before the field: known by its name
    CHECK(atomSourceOf(legacy) == "graphene");

    // Fine-tuned from graphene-si under another name: the new card says where its atoms come from.
    FineTuneRecord record;
    record.name = "my-graphene";
    record.description = "fine-tuned from graphene-si";
    record.command = "test";
    record.data = "none";
    record.atoms = atomSourceOf(loadModel("graphene-si"));
    const EgnnModel model({"C", "Si3", "Si4"}, EgnnArchitecture{}, 3);
    const std::string path = saveFineTunedModel(model, GraphSettings{}, record, dir.file("my-graphene"));
    const ModelCard written = loadModelCard(path);
    CHECK(written.inputs.atoms == "graphene");
    CHECK(atomSourceOf(written) == "graphene");

    // A value the program does not know is refused, naming the field.
    ModelCard bad = written;
    bad.inputs.atoms = "magic";
    saveModelCard(bad, dir.file("bad.yaml"));
    try {
        (void)loadModelCard(dir.file("bad.yaml"));
        FAIL("an unknown inputs.atoms was accepted");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("inputs.atoms") != std::string::npos);
    }
}
