// Known answers for single atoms on an amorphous support: the realistic simulator
// (core/training/SupportScenes) is deterministic and its truth marks real atoms, and the default
// detector finds them against that truth.
#include "tests/TestSupport.h"

#include "core/base/Random.h"
#include "core/detect/DetectionMetrics.h"
#include "core/detect/DetectionOverlay.h"
#include "core/detect/Detector.h"
#include "core/training/SupportScenes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace atomlens;

namespace {

/// Micro-averaged counts over scenes.
struct Tally {
    std::size_t tp = 0, fp = 0, fn = 0;
    void add(const DetectionScore& s) {
        tp += s.truePositives, fp += s.falsePositives, fn += s.falseNegatives;
    }
    double precision() const { return tp + fp ? double(tp) / double(tp + fp) : 1.0; }
    double recall() const { return tp + fn ? double(tp) / double(tp + fn) : 1.0; }
    double f1() const { return 2.0 * double(tp) / std::max(1.0, double(2 * tp + fp + fn)); }
};

DetectionScore detectScene(const FcnScene& scene, DetectScales* scales = nullptr) {
    const AtomTable atoms = detectAtoms(scene.image, DetectParams{}, nullJobContext(), scales);
    std::vector<Point2> det;
    for (std::size_t i = 0; i < atoms.size(); ++i) det.push_back({atoms.xs()[i], atoms.ys()[i]});
    if (const char* dir = std::getenv("ATOMLENS_SCENE_OVERLAYS")) { // look at the scenes
        std::vector<OverlayMark> marks;
        for (const auto& t : scene.atoms) marks.push_back({t.x, t.y, 4, 255, 0, 255, true});
        static int n = 0;
        OverlayStyle style;
        style.upscale = 2;
        writeDetectionOverlay(scene.image, atoms, std::string(dir) + "/scene-" + std::to_string(n++) + ".png",
                              style, marks);
    }
    return scoreMatching(matchPoints(det, scene.atoms, 3.0), det, scene.atoms);
}

} // namespace

TEST_CASE("realistic single-atom scenes are deterministic and their truth lies on bright atoms") {
    Random a(7), b(7);
    SupportSceneRecipe ra, rb;
    const FcnScene s1 = realisticSingleAtomScene(256, a, &ra), s2 = realisticSingleAtomScene(256, b, &rb);
    REQUIRE(s1.image.pixels() == s2.image.pixels());
    REQUIRE(s1.atoms.size() == s2.atoms.size());
    REQUIRE(!s1.atoms.empty());
    REQUIRE(s1.recipe == s2.recipe);
    // Every truth atom inside the frame; over many scenes the mean of a 3x3 window at the truth
    // stands above the mean of the image (the atoms are real, drift applied to the truth too).
    double atTruth = 0;
    std::size_t n = 0;
    Random rng(11);
    for (int k = 0; k < 6; ++k) {
        SupportSceneRecipe r;
        const FcnScene s = realisticSingleAtomScene(192, rng, &r);
        REQUIRE(r.sigma >= 1.0);
        REQUIRE(r.sigma <= 3.0);
        double mean = 0;
        for (float v : s.image.pixels()) mean += v;
        mean /= double(s.image.size());
        double sd = 0;
        for (float v : s.image.pixels()) sd += (v - mean) * (v - mean);
        sd = std::sqrt(sd / double(s.image.size()));
        for (const auto& p : s.atoms) {
            REQUIRE(p.x >= 0);
            REQUIRE(p.y >= 0);
            REQUIRE(p.x <= 191);
            REQUIRE(p.y <= 191);
            double local = 0;
            int c = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int x = int(std::lround(p.x)) + dx, y = int(std::lround(p.y)) + dy;
                    if (x >= 0 && y >= 0 && x < 192 && y < 192) local += s.image.at(x, y), ++c;
                }
            atTruth += (local / c - mean) / sd, ++n;
        }
    }
    REQUIRE(n > 20);
    CHECK(atTruth / double(n) > 0.5); // in units of the image's sd
}

TEST_CASE("default detector on simulated single atoms on amorphous carbon against exact truth") {
    Random rng(2026);
    Tally all;
    for (int k = 0; k < 12; ++k) {
        SupportSceneRecipe r;
        const FcnScene scene = realisticSingleAtomScene(256, rng, &r);
        DetectScales scales;
        const DetectionScore score = detectScene(scene, &scales);
        all.add(score);
        std::printf("scene %d: %s -> %s, P %.3f R %.3f F1 %.3f\n", k, scene.recipe.c_str(),
                    scales.lattice ? "lattice (wrong)" : "no lattice", score.precision, score.recall,
                    score.f1);
        CHECK(!scales.lattice); // single atoms: never a lattice
    }
    std::printf("all: P %.3f R %.3f F1 %.3f\n", all.precision(), all.recall(), all.f1());
    // Measured 2026-12-04 (classical, 12 scenes of 256^2, seed 2026): P 0.869, R 0.385, F1 0.534. The
    // support's light-atom texture at the atoms' own scale is what limits recall; the bars sit a little
    // below, so a detector that gets worse on supported single atoms fails here.
    CHECK(all.precision() >= 0.80);
    CHECK(all.f1() >= 0.48);
}
