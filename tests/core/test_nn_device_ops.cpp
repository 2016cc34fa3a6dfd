// Graph preparation on the networks' device (issue 17): the tensor path (used on a GPU) gives the same
// radius edges as a brute-force reference and the same node features as the CPU loops, including NaN
// pixels, nodes at and beyond the border and a strided large image; a model with radius edges predicts
// the same with either path. Run here on the CPU device, where the tensor path is forced on.
#include "tests/TestSupport.h"

#include "core/nn/DeviceGraphOps.h"
#include "core/nn/EgnnModel.h"
#include "core/nn/NodeFeatures.h"
#include "core/training/PipelineGraph.h"
#include "core/training/SubModelRecipes.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace atomlens;

namespace {

struct ModeGuard {
    ~ModeGuard() { setDeviceGraphOps(DeviceGraphOpsMode::Auto); }
};

} // namespace

TEST_CASE("tensor radius edges equal the brute-force pairs", "[nn][device]") {
    Random rng(4);
    std::vector<float> x, y;
    for (int i = 0; i < 700; ++i)
        x.push_back(float(rng.uniform(0, 20))), y.push_back(float(rng.uniform(0, 15)));
    x.push_back(x[5]), y.push_back(y[5]); // a duplicate point: an edge each way, no self edge
    const double reach = 1.9;
    std::vector<std::pair<std::int64_t, std::int64_t>> want;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = 0; j < x.size(); ++j) {
            const double dx = double(x[j]) - double(x[i]), dy = double(y[j]) - double(y[i]);
            if (i != j && dx * dx + dy * dy <= reach * reach)
                want.push_back({std::int64_t(j), std::int64_t(i)});
        }
    const auto got = radiusEdgesWithTensors(x, y, reach);
    CHECK(got.size() == want.size());
    CHECK(got == want); // ordered by target, then source, like the reference loop
    CHECK(radiusEdgesWithTensors({}, {}, reach).empty());
}

TEST_CASE("tensor node features equal the CPU features", "[nn][device]") {
    SimulationParams p;
    p.width = p.height = 128;
    p.seed = 8;
    Image image = simulate(p).micrograph.frame(0);
    image.at(40, 41) = std::numeric_limits<float>::quiet_NaN(); // masked pixels
    image.at(90, 12) = std::numeric_limits<float>::infinity();
    std::vector<double> x, y;
    Random rng(5);
    for (int i = 0; i < 400; ++i) x.push_back(rng.uniform(-3, 131)), y.push_back(rng.uniform(-3, 131));
    x.push_back(40.2), y.push_back(41.1); // on the NaN pixel
    x.push_back(0), y.push_back(127);     // exactly on the border
    const double bond = 9.3;
    const auto cpu = computeNodeFeatures(image, x, y, bond);
    const auto tensors = computeNodeFeaturesWithTensors(image, x, y, bond);
    REQUIRE(tensors.size() == cpu.size());
    double worst = 0;
    for (std::size_t k = 0; k < cpu.size(); ++k) {
        REQUIRE(std::isfinite(tensors[k]));
        worst =
            std::max(worst, std::fabs(double(tensors[k]) - double(cpu[k])) / (1 + std::fabs(double(cpu[k]))));
    }
    CHECK(worst < 1e-5);

    // A 2100 x 2048 image: the background percentile is taken over a stride of the pixels.
    Image large(2100, 2048);
    for (int yy = 0; yy < large.height(); ++yy)
        for (int xx = 0; xx < large.width(); ++xx) large.at(xx, yy) = float((xx * 7 + yy * 13) % 101);
    const std::vector<double> lx = {10.5, 1000.25, 2099}, ly = {3.5, 1500.75, 2047};
    const auto a = computeNodeFeatures(large, lx, ly, 12.0),
               b = computeNodeFeaturesWithTensors(large, lx, ly, 12.0);
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) CHECK(b[k] == Approx(a[k]).epsilon(1e-5).margin(1e-6));
}

TEST_CASE("a radius-edge model predicts the same through either path", "[nn][device]") {
    ModeGuard guard;
    SimulationParams p;
    p.width = p.height = 128;
    p.seed = 12;
    const auto sim = simulate(p);
    const auto& recipe = subModelRecipe("mos2-species");
    EgnnArchitecture arch;
    arch.edgeReach = 1.9;
    const EgnnModel model(recipe.classes, arch, 4);
    Random rngA(1), rngB(1);
    setDeviceGraphOps(DeviceGraphOpsMode::Off);
    const EgnnInput cpuInput = makeTrainingGraph(recipe, sim, rngA);
    const EgnnPrediction cpu = model.predict(cpuInput);
    setDeviceGraphOps(DeviceGraphOpsMode::On);
    const EgnnInput tensorInput = makeTrainingGraph(recipe, sim, rngB);
    const EgnnPrediction tensors = model.predict(tensorInput);
    REQUIRE(cpuInput.features.size() == tensorInput.features.size());
    for (std::size_t k = 0; k < cpuInput.features.size(); ++k)
        REQUIRE(tensorInput.features[k] == Approx(cpuInput.features[k]).epsilon(1e-5).margin(1e-6));
    REQUIRE(cpu.probabilities.size() == tensors.probabilities.size());
    double worst = 0;
    for (std::size_t k = 0; k < cpu.probabilities.size(); ++k)
        worst = std::max(worst, double(std::fabs(cpu.probabilities[k] - tensors.probabilities[k])));
    CHECK(worst < 1e-4);
}
