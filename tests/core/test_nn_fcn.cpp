// The FCN atom finder: the shipped model on simulated MoS2, tiled = whole-image inference, clear
// errors for bad weights, scoring and normalisation.
#include "tests/TestSupport.h"

#include "core/data/Errors.h"
#include "core/detect/DetectionMetrics.h"
#include "core/detect/Detector.h"
#include "core/detect/SingleAtomChoice.h"
#include "core/io/CsvTable.h"
#include "core/io/MicrographReader.h"
#include "core/nn/FcnDetector.h"
#include "core/nn/FcnModel.h"
#include "core/nn/NnExtensions.h"
#include "core/simulate/Simulator.h"
#include "core/training/FcnScenes.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

using namespace atomlens;
using atomlens::test::TempDir;

namespace {

const FcnModel& shippedModel() {
    static const FcnModel model = FcnModel::load(loadModel("fcn-atoms"));
    return model;
}

SimulationResult mos2(int w, int h, std::uint64_t seed, double dose) {
    SimulationParams p;
    p.width = w, p.height = h, p.seed = seed, p.dose = dose;
    return simulate(p);
}

std::vector<Point2> truthColumns(const SimulationResult& r) {
    std::vector<Point2> t;
    for (const auto& c : r.truth)
        if (c.cls != "empty") t.push_back({c.x, c.y});
    return t;
}

std::vector<Point2> positions(const AtomTable& atoms) {
    std::vector<Point2> out(atoms.size());
    for (std::size_t i = 0; i < atoms.size(); ++i) out[i] = {atoms.xs()[i], atoms.ys()[i]};
    return out;
}

/// The one detection scorer (core/detect/DetectionMetrics.h) at 3 px, and the mean distance of the pairs.
DetectionScore score(const std::vector<Point2>& found, const std::vector<Point2>& truth,
                     double* meanError = nullptr) {
    const PointMatching m = matchPoints(found, truth, 3.0);
    if (meanError) {
        double sum = 0;
        for (const auto& [d, t] : m.pairs)
            sum += std::hypot(found[d].x - truth[t].x, found[d].y - truth[t].y);
        *meanError = m.pairs.empty() ? 0 : sum / double(m.pairs.size());
    }
    return scoreMatching(m, found, truth);
}

double maxDifference(const Image& a, const Image& b) {
    double d = 0;
    for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, double(std::fabs(a.data()[i] - b.data()[i])));
    return d;
}

} // namespace

TEST_CASE("the shipped FCN finds the columns of simulated MoS2") {
    const FcnModel& model = shippedModel();
    CHECK(model.parameterCount() < 300000);
    CHECK(model.architecture().classes == 1);
    const SimulationResult r = mos2(384, 384, 4242, 1e5);
    const AtomTable atoms = detectAtomsFcn(r.micrograph.frame(0), model, FcnDetectParams{});
    double meanError = 0;
    const DetectionScore s = score(positions(atoms), truthColumns(r), &meanError);
    INFO("precision " << s.precision << " recall " << s.recall << " mean error " << meanError);
    CHECK(s.f1 > 0.97);
    CHECK(meanError < 0.6);
    CHECK(atoms.classNames() == std::vector<std::string>{"atom"});
    for (float c : atoms.confidences()) CHECK((c >= 0.5f && c <= 1.0f));
}

TEST_CASE("tiled inference equals whole-image inference") {
    const FcnModel& model = shippedModel();
    // Odd sizes: padding to multiples of 4 and partial edge tiles are exercised.
    const Image input = normaliseForFcn(mos2(301, 262, 99, 1e5).micrograph.frame(0));
    const Image whole = model.probabilities(input, FcnTiling{0, 0}).front();
    const Image tiled = model.probabilities(input, FcnTiling{96, 32}).front();
    CHECK(maxDifference(whole, tiled) < 1e-4);
    // Without context margin the seams differ: the comparison above can fail.
    const Image seams = model.probabilities(input, FcnTiling{96, 0}).front();
    CHECK(maxDifference(whole, seams) > 1e-3);
    const auto a = atomsFromProbability(whole, 0.5, 2.0), b = atomsFromProbability(tiled, 0.5, 2.0);
    CHECK(a.size() == b.size());
}

TEST_CASE("corrupt or missing FCN weights give a clear error") {
    TempDir dir;
    const ModelCard shipped = loadModel("fcn-atoms");
    ModelCard card = shipped;
    card.weights = "fcn-copy.pt";
    // Garbage bytes, re-stamped so that the card's own checks pass and the loader must notice.
    { std::ofstream(dir.file("fcn-copy.pt"), std::ios::binary) << "this is not a torch archive"; }
    stampWeights(card, dir.file("fcn-copy.pt"));
    saveModelCard(card, dir.file("fcn-copy.yaml"));
    try {
        FcnModel::load(loadModelCard(dir.file("fcn-copy.yaml")));
        FAIL("garbage weights loaded");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("fcn-copy.pt") != std::string::npos);
        CHECK(std::string(e.what()).find("cannot load FCN weights") != std::string::npos);
    }
    // A truncated real weights file.
    {
        std::ifstream in(shipped.weightsPath(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(dir.file("fcn-copy.pt"), std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    }
    stampWeights(card, dir.file("fcn-copy.pt"));
    saveModelCard(card, dir.file("fcn-copy.yaml"));
    CHECK_THROWS_AS(FcnModel::load(loadModelCard(dir.file("fcn-copy.yaml"))), InputError);
    // Weights changed behind the card's back, or gone.
    { std::ofstream(dir.file("fcn-copy.pt"), std::ios::binary | std::ios::app) << "x"; }
    CHECK_THROWS_WITH(loadModelCard(dir.file("fcn-copy.yaml")), Catch::Contains("corrupt"));
    std::filesystem::remove(dir.file("fcn-copy.pt"));
    CHECK_THROWS_WITH(loadModelCard(dir.file("fcn-copy.yaml")), Catch::Contains("missing"));
    // A card whose architecture does not fit the weights.
    card.weights = shipped.weightsPath();
    card.architecture["base_channels"] = "8";
    saveModelCard(card, dir.file("arch.yaml"));
    CHECK_THROWS_AS(FcnModel::load(loadModelCard(dir.file("arch.yaml"))), InputError);
}

TEST_CASE("method fcn of detectAtoms runs the registered network") {
    registerNnExtensions();
    CHECK(hasDetector("fcn"));
    const SimulationResult r = mos2(160, 160, 5, 1e5);
    DetectParams p;
    p.method = "fcn";
    const AtomTable viaRegistry = detectAtoms(r.micrograph.frame(0), p, nullJobContext());
    const AtomTable direct = detectAtomsFcn(r.micrograph.frame(0), shippedModel(), FcnDetectParams{});
    CHECK(viaRegistry.size() == direct.size());
    CHECK(score(positions(viaRegistry), truthColumns(r)).f1 > 0.9);
}

TEST_CASE("detection scores against hand-made answers (the one scorer the FCN evaluation uses)") {
    const std::vector<Point2> truth = {{10, 10}, {20, 10}, {30, 10}, {40, 40}};
    const std::vector<Point2> found = {{10.5, 10}, {21, 11}, {33.5, 10}, {100, 100}, {19.5, 10}};
    double meanError = 0;
    const DetectionScore s = score(found, truth, &meanError);
    CHECK(s.truePositives == 2); // (10,10) and (20,10) (by its closer detection); 33.5 is 3.5 px off
    CHECK(s.falsePositives == 3);
    CHECK(s.falseNegatives == 2);
    const PointMatching m = matchPoints(found, truth, 3.0);
    CHECK(m.pairs == std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}, {4, 1}});
    CHECK(s.precision == Approx(0.4));
    CHECK(s.recall == Approx(0.5));
    CHECK(s.f1 == Approx(2 * 0.4 * 0.5 / 0.9));
    CHECK(meanError == Approx(0.5));
    const std::vector<std::string> cls = {"Mo", "S2", "S2", "Mo"};
    const auto byClass = scoreByClass(found, truth, cls, 3.0, {});
    CHECK(byClass.at("Mo").truePositives == 1);
    CHECK(byClass.at("Mo").falseNegatives == 1);
    CHECK(byClass.at("Mo").falsePositives == 1); // (100,100): nearest truth point (40,40) is Mo
    CHECK(byClass.at("S2").truePositives == 1);
    CHECK(byClass.at("S2").falsePositives == 2); // (21,11) beside S2 at (20,10), (33.5,10) beside (30,10)
}

TEST_CASE("normalisation ignores gain and offset, and targets mark every atom") {
    const Image raw = mos2(96, 96, 3, 1e5).micrograph.frame(0);
    Image scaled = raw;
    for (float& v : scaled.pixels()) v = 65535.0f - 3.0f * v; // inverted too: then it must differ
    Image affine = raw;
    for (float& v : affine.pixels()) v = 1000.0f + 7.5f * v;
    CHECK(maxDifference(normaliseForFcn(raw), normaliseForFcn(affine)) < 1e-4);
    CHECK(maxDifference(normaliseForFcn(raw), normaliseForFcn(scaled)) > 0.5);

    const std::vector<Point2> atoms = {{5, 5}, {5.4, 9}, {50.2, 60.7}};
    const Image mask = atomTargetMask(64, 64, atoms);
    CHECK(mask.at(5, 5) == 1.0f);
    CHECK(mask.at(5, 9) == 1.0f);
    CHECK(mask.at(50, 61) == 1.0f);
    CHECK(mask.at(30, 30) == 0.0f);
    CHECK(mask.at(5, 7) == 0.0f); // close pair: discs shrink to 0.4 x 4 px and stay apart
    Random rng(11);
    const FcnSample sample = makeTrainingSample(64, rng);
    CHECK(sample.input.width() == 64);
    double on = 0;
    for (float v : sample.target.pixels()) on += v;
    CHECK(on > 0);
}

TEST_CASE("method auto runs the shipped single-atom network on held-out real Re images, above classical") {
    const std::string dir = test::sharedData("micrographs/re-single-atoms");
    if (dir.empty()) return; // skipped visibly (sharedData printed the reason)
    registerNnExtensions();
    if (singleAtomModel().model.empty()) {
        WARN("SKIPPED: the shipped fcn-single-atoms model was not found in " +
             (modelSearchPaths().empty() ? std::string("no model folder") : modelSearchPaths().front()));
        return;
    }
    // Images at odd positions of the sorted list: not trained on (the model learnt from re_01, 05, ...).
    std::size_t autoTp = 0, autoFp = 0, autoFn = 0, classicalTp = 0, classicalFp = 0, classicalFn = 0;
    for (const char* stem : {"re_03.png", "re_11.png", "re_19.tif"}) {
        const Image image = readMicrograph(dir + "/" + stem).frame(0);
        const std::string labels = dir + "/" + std::string(stem).substr(0, 5) + ".csv";
        const CsvTable t = CsvTable::read(labels);
        std::vector<Point2> truth;
        for (std::size_t r = 0; r < t.rowCount(); ++r)
            truth.push_back({t.number(r, t.requireColumn("x", labels), labels),
                             t.number(r, t.requireColumn("y", labels), labels)});
        DetectScales scales;
        const AtomTable automatic = detectAtoms(image, DetectParams{}, nullJobContext(), &scales);
        CHECK(scales.method == "fcn");
        CHECK(scales.reason.find("fcn-single-atoms") != std::string::npos);
        CHECK(scales.reason.find("held-out F1") != std::string::npos);
        DetectParams classical;
        classical.method = "classical";
        const DetectionScore a = score(positions(automatic), truth);
        const DetectionScore c = score(positions(detectAtoms(image, classical, nullJobContext())), truth);
        autoTp += a.truePositives, autoFp += a.falsePositives, autoFn += a.falseNegatives;
        classicalTp += c.truePositives, classicalFp += c.falsePositives, classicalFn += c.falseNegatives;
    }
    const double autoF1 = 2.0 * double(autoTp) / double(2 * autoTp + autoFp + autoFn);
    const double classicalF1 =
        2.0 * double(classicalTp) / double(2 * classicalTp + classicalFp + classicalFn);
    INFO("auto F1 " << autoF1 << ", classical F1 " << classicalF1);
    // Measured: 0.660 vs 0.578 on these three images (3 px, Hungarian matching).
    CHECK(autoF1 > classicalF1 + 0.04);
    CHECK(autoF1 > 0.62);
}
