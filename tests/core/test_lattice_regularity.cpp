// The low-confidence check of detection (issue 16 item 10): columns on a lattice are regular, random
// peaks are not, and a noise image's "lattice" detections are flagged.
#include <catch2/catch.hpp>

#include "core/detect/Detector.h"
#include "core/detect/LatticeRegularity.h"

#include <random>
#include <string>
#include <vector>

using namespace atomlens;

namespace {

struct RecordingJob : JobContext {
    std::vector<std::string> warnings;
    void log(LogLevel level, const std::string& message) override {
        if (level == LogLevel::Warning) warnings.push_back(message);
    }
};

AtomTable pointsAt(const std::vector<std::pair<double, double>>& xy) {
    AtomTable t;
    for (const auto& [x, y] : xy) {
        Atom a;
        a.x = x, a.y = y;
        t.add(a);
    }
    return t;
}

} // namespace

TEST_CASE("lattice regularity: 1 on a hexagonal lattice, low on random points, -1 for a handful",
          "[detect][regularity]") {
    std::vector<std::pair<double, double>> hex, random;
    for (int j = 0; j < 20; ++j)
        for (int i = 0; i < 20; ++i) hex.emplace_back(10.0 * i + 5.0 * (j % 2), 8.66 * j);
    CHECK(nearestNeighbourRegularity(pointsAt(hex)) == Approx(1.0));
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0, 200);
    for (int k = 0; k < 400; ++k) random.emplace_back(u(rng), u(rng));
    const double r = nearestNeighbourRegularity(pointsAt(random));
    CHECK(r == Approx(0.27).margin(0.08)); // Poisson points: P(0.8 m < d < 1.2 m) = 2^-0.64 - 2^-1.44
    CHECK(nearestNeighbourRegularity(pointsAt({{0, 0}, {1, 1}, {5, 5}})) == -1);

    RecordingJob lattice, scattered;
    CHECK_FALSE(warnIfDetectionsNotLattice(pointsAt(hex), lattice));
    CHECK(lattice.warnings.empty());
    CHECK(warnIfDetectionsNotLattice(pointsAt(random), scattered));
    REQUIRE(scattered.warnings.size() == 1);
    CHECK(scattered.warnings[0].find("no lattice found among the detections: 400 detections") == 0);
}

TEST_CASE("auto detection on a 68x68 noise image warns: no lattice found", "[detect][regularity]") {
    Image noise(68, 68);
    std::mt19937 rng(3);
    std::normal_distribution<float> pixel(100.f, 20.f);
    for (int y = 0; y < 68; ++y)
        for (int x = 0; x < 68; ++x) noise.at(x, y) = pixel(rng);
    RecordingJob job;
    detectAtoms(noise, DetectParams{}, job);
    bool warned = false;
    for (const auto& w : job.warnings) warned |= w.find("no lattice found") == 0;
    CHECK(warned);
}
