// Model cards: round trip, validation with clear errors, and model resolution (names, folders, paths).
#include "tests/TestSupport.h"

#include "core/data/Errors.h"
#include "core/nn/GraphSettings.h"
#include "core/nn/ModelCard.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace atomlens;
using atomlens::test::TempDir;

namespace {

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary);
    f << bytes;
}

ModelCard sampleCard() {
    ModelCard c;
    c.name = "toy";
    c.kind = "egnn";
    c.description = "a toy model";
    c.inputs.description = "3x3 intensities";
    c.inputs.normalisation = "per image z-score";
    c.inputs.channels = 9;
    c.inputs.pixelSizeMin = 0.1, c.inputs.pixelSizeMax = 0.3;
    c.classes = {"S", "Mo", "vacancy"};
    c.parameterCount = 4321;
    c.weights = "toy.pt";
    c.architecture["hidden"] = "16";
    c.training.command = "atomlens-cli finetune x --model y -o toy";
    c.training.seed = 7;
    c.training.data = "recipe";
    c.training.epochs = 3;
    c.training.steps = 30;
    c.training.optimiser = "AdamW";
    c.metrics = {{"accuracy", 0.97, "41 atoms"}, {"F1 S", 0.5, ""}};
    c.created = "2024-01-02";
    c.calibration = {1.25, "temperature on CV folds"};
    c.graphParams = {{"method", "delaunay"}, {"cut_factor", "1.4"}};
    c.latticeParams = {{"min_votes", "0.3"}};
    return c;
}

std::string expectInputError(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    FAIL("no InputError thrown");
    return {};
}

} // namespace

TEST_CASE("model card round trip keeps every field") {
    TempDir dir;
    ModelCard c = sampleCard();
    writeBytes(dir.file("toy.pt"), "weights-bytes");
    stampWeights(c, dir.file("toy.pt"));
    CHECK(c.weightsBytes == 13);
    CHECK(c.weightsChecksum.size() == 16);
    saveModelCard(c, dir.file("toy.yaml"));
    const ModelCard r = loadModelCard(dir.file("toy.yaml"));
    CHECK(r.name == "toy");
    CHECK(r.kind == "egnn");
    CHECK(r.inputs.channels == 9);
    CHECK(r.inputs.pixelSizeMax == Approx(0.3));
    CHECK(r.classes == std::vector<std::string>{"S", "Mo", "vacancy"});
    CHECK(r.parameterCount == 4321);
    CHECK(r.architectureInt("hidden") == 16);
    CHECK(r.training.seed == 7);
    CHECK(r.training.steps == 30);
    REQUIRE(r.metrics.size() == 2);
    CHECK(r.metrics[0].value == Approx(0.97));
    CHECK(r.metrics[0].note == "41 atoms");
    CHECK(r.weightsPath() == (dir.path() / "toy.pt").string());
    CHECK(r.created == "2024-01-02");
    CHECK(r.calibration.temperature == Approx(1.25));
    CHECK(r.calibration.method == "temperature on CV folds");
    CHECK(r.graphParams == c.graphParams);
    CHECK(r.latticeParams == c.latticeParams);
}

TEST_CASE("model card validation names the file and the problem") {
    TempDir dir;
    ModelCard c = sampleCard();
    writeBytes(dir.file("toy.pt"), "weights-bytes");
    stampWeights(c, dir.file("toy.pt"));
    saveModelCard(c, dir.file("toy.yaml"));

    SECTION("missing field") {
        std::ifstream in(dir.file("toy.yaml"));
        std::string text((std::istreambuf_iterator<char>(in)), {}), filtered;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);)
            if (line.rfind("parameter_count", 0) != 0) filtered += line + "\n";
        writeBytes(dir.file("bad.yaml"), filtered);
        const std::string msg = expectInputError([&] { loadModelCard(dir.file("bad.yaml")); });
        CHECK(msg.find("bad.yaml") != std::string::npos);
        CHECK(msg.find("parameter_count") != std::string::npos);
    }
    SECTION("weights file absent") {
        std::filesystem::remove(dir.file("toy.pt"));
        const std::string msg = expectInputError([&] { loadModelCard(dir.file("toy.yaml")); });
        CHECK(msg.find("toy.pt") != std::string::npos);
        CHECK(msg.find("missing") != std::string::npos);
    }
    SECTION("weights file changed") {
        writeBytes(dir.file("toy.pt"), "weights-BYTES");
        const std::string msg = expectInputError([&] { loadModelCard(dir.file("toy.yaml")); });
        CHECK(msg.find("corrupt") != std::string::npos);
    }
    SECTION("weights file truncated") {
        writeBytes(dir.file("toy.pt"), "weights");
        CHECK(expectInputError([&] { loadModelCard(dir.file("toy.yaml")); }).find("corrupt") !=
              std::string::npos);
    }
    SECTION("not YAML / unknown kind / wrong type") {
        writeBytes(dir.file("x.yaml"), "name: [unclosed");
        CHECK(expectInputError([&] { loadModelCard(dir.file("x.yaml")); }).find("x.yaml") !=
              std::string::npos);
        ModelCard k = c;
        k.kind = "cnn";
        saveModelCard(k, dir.file("k.yaml"));
        CHECK(expectInputError([&] { loadModelCard(dir.file("k.yaml")); }).find("kind") != std::string::npos);
        ModelCard t = c;
        t.architecture["hidden"] = "sixteen";
        saveModelCard(t, dir.file("t.yaml"));
        const ModelCard loaded = loadModelCard(dir.file("t.yaml"));
        CHECK(expectInputError([&] { (void)loaded.architectureInt("hidden"); }).find("hidden") !=
              std::string::npos);
        ModelCard cold = c;
        cold.calibration.temperature = 0; // impossible temperature
        saveModelCard(cold, dir.file("cold.yaml"));
        CHECK(expectInputError([&] {
                  loadModelCard(dir.file("cold.yaml"));
              }).find("calibration.temperature") != std::string::npos);
    }
    SECTION("card absent") {
        CHECK(expectInputError([&] { loadModelCard(dir.file("none.yaml")); }).find("none.yaml") !=
              std::string::npos);
    }
}

TEST_CASE("resolveModel accepts a card path, a model folder and a shipped name") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "mymodel");
    ModelCard c = sampleCard();
    writeBytes(dir.file("mymodel/toy.pt"), "w");
    stampWeights(c, dir.file("mymodel/toy.pt"));
    saveModelCard(c, dir.file("mymodel/toy.yaml"));

    CHECK(resolveModel(dir.file("mymodel/toy.yaml")) == dir.file("mymodel/toy.yaml"));
    CHECK(resolveModel(dir.file("mymodel")) == dir.file("mymodel/toy.yaml")); // the folder's only card
    CHECK(loadModel(dir.file("mymodel")).name == "toy");

    ::setenv("ATOMLENS_MODELS", dir.file("mymodel").c_str(), 1);
    CHECK(modelSearchPaths().front() == dir.file("mymodel"));
    CHECK(resolveModel("toy") == (std::filesystem::path(dir.file("mymodel")) / "toy.yaml").string());
    const std::string msg = expectInputError([&] { resolveModel("no-such-model"); });
    CHECK(msg.find("no-such-model") != std::string::npos);
    CHECK(msg.find(dir.file("mymodel")) != std::string::npos); // says where it looked
    ::unsetenv("ATOMLENS_MODELS");

    // The shipped detector is found from the source tree without any environment.
    CHECK(loadModel("fcn-atoms").kind == "fcn");

    std::filesystem::create_directories(dir.path() / "empty");
    CHECK(expectInputError([&] { resolveModel(dir.file("empty")); }).find("no model card") !=
          std::string::npos);
    CHECK(expectInputError([&] { resolveModel(dir.file("missing/card.yaml")); }).find("not found") !=
          std::string::npos);
}

TEST_CASE("graph settings come from the card with defaults for missing keys and errors naming the card") {
    ModelCard c = sampleCard();
    c.cardPath = "cards/toy.yaml";
    const GraphSettings s = graphSettingsOf(c);
    CHECK(s.graph.cutFactor == Approx(1.4));
    CHECK(s.graph.method == "delaunay");
    CHECK(s.lattice.fitRadius == Approx(LatticeParams{}.fitRadius)); // not in the card: the default
    c.graphParams["bogus"] = "1";
    CHECK(expectInputError([&] { (void)graphSettingsOf(c); }).find("cards/toy.yaml") != std::string::npos);
    c.graphParams = {{"cut_factor", "9"}}; // outside 1..3
    CHECK(expectInputError([&] { (void)graphSettingsOf(c); }).find("cut_factor") != std::string::npos);
    ModelCard written = sampleCard();
    GraphSettings changed;
    changed.lattice.minVoteFraction = 0.45;
    recordGraphSettings(written, changed);
    CHECK(graphSettingsOf(written).lattice.minVoteFraction == Approx(0.45));
    CHECK(written.graphParams.count("method") == 1);
}

TEST_CASE("every shipped sub-model card records the graph it was trained on") {
    // A model applied with other graph settings than it was trained with sees other neighbourhoods and
    // empty sites: the shipped cards pin them, so later changes of the defaults do not reach them.
    int cards = 0;
    for (const auto& entry : std::filesystem::directory_iterator(atomlens::test::sourceDir() + "/models")) {
        if (entry.path().extension() != ".yaml") continue;
        const ModelCard card = loadModelCard(entry.path().string());
        if (card.kind != "egnn") continue;
        INFO(entry.path().string());
        ++cards;
        CHECK(card.graphParams.count("cut_factor"));
        CHECK(card.graphParams.count("method"));
        CHECK(card.latticeParams.count("ideal_sites"));
        CHECK(card.latticeParams.count("min_votes"));
        const GraphSettings s = graphSettingsOf(card); // parses, within range
        CHECK(s.graph.method == "delaunay");
        CHECK(s.graph.cutFactor == Approx(1.35));
        CHECK(s.lattice.idealSites);
        CHECK(s.lattice.minVoteFraction == Approx(0.3));
    }
    CHECK(cards >= 6);
}
