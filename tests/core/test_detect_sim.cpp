// The classical detector end to end: simulated MoS2 against exact truth (F1, Cramer-Rao), real Pt
// single atoms against hand labels, and bad input (NaN, empty, constant, tiny, cancellation).
#include "tests/TestSupport.h"

#include "core/base/Random.h"
#include "core/data/Errors.h"
#include "core/detect/DetectionMetrics.h"
#include "core/detect/Detector.h"
#include "core/detect/LatticeSpacing.h"
#include "core/detect/PeakFinder.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/MicrographReader.h"
#include "core/job/ParallelFor.h"
#include "core/job/ThreadPool.h"
#include "core/simulate/Simulator.h"

#include <cmath>
#include <filesystem>

using namespace atomlens;

namespace {

struct SimScore {
    std::map<std::string, DetectionScore> byClass;
    AtomTable atoms;
    SimulationResult sim;
};

SimScore detectSimulated(double dose, double jitter, std::uint64_t seed) {
    SimulationParams p;
    p.width = p.height = 512;
    p.dose = dose;
    p.seed = seed;
    p.jitter = jitter;
    SimScore s;
    s.sim = simulate(p);
    s.atoms = detectAtoms(s.sim.micrograph.frame(0), DetectParams{}, nullJobContext());
    std::vector<Point2> det, truth;
    std::vector<std::string> cls;
    for (std::size_t i = 0; i < s.atoms.size(); ++i) det.push_back({s.atoms.xs()[i], s.atoms.ys()[i]});
    for (const auto& t : s.sim.truth) truth.push_back({t.x, t.y}), cls.push_back(t.cls);
    s.byClass = scoreByClass(det, truth, cls, 3.0, {"empty"}, ScoringBorder{512, 512, 3.0});
    return s;
}

/// Peak counts of a column in the simulator's model (5% of the probe for Mo, HAADF ~ Z^1.7).
double simulatedPeak(const SimulationResult& sim, double dose, double weight) {
    return dose * sim.pixelSize * sim.pixelSize * 0.05 / std::pow(42.0, 1.7) * weight;
}

} // namespace

TEST_CASE("FFT spacing and blob sigma match the simulated MoS2 lattice", "[detect][scales]") {
    SimulationParams p;
    p.dose = 1e5;
    const auto sim = simulate(p);
    const auto e = estimateLatticeSpacing(sim.micrograph.frame(0));
    REQUIRE(e.lattice);
    const double d100 = 3.16 * std::sqrt(3.0) / 2 / sim.pixelSize; // {100} plane spacing, px
    CHECK(e.spacing == Approx(d100).epsilon(0.02));
    const double sigma = estimateBlobSigma(sim.micrograph.frame(0), e.spacing / 3);
    CHECK(sigma == Approx(sim.probeSigma / sim.pixelSize).epsilon(0.15));
    // Pure noise has no lattice.
    SimulationParams flat = p;
    flat.preset = "mos2";
    Image noise(256, 256);
    Random rng(5);
    for (float& v : noise.pixels()) v = float(rng.normal(100, 10));
    CHECK_FALSE(estimateLatticeSpacing(noise).lattice);
}

TEST_CASE("MoS2 at 1e5 e/A^2: F1 >= 0.99 for Mo and S2 columns", "[detect][sim]") {
    const SimScore s = detectSimulated(1e5, 0.03, 21);
    for (const char* cls : {"Mo", "S2"}) {
        const auto& sc = s.byClass.at(cls);
        INFO(cls << ": TP " << sc.truePositives << " FP " << sc.falsePositives << " FN "
                 << sc.falseNegatives);
        CHECK(sc.f1 >= 0.99);
    }
    CHECK(s.byClass.at("S1").recall > 0.8); // single-S columns are half as bright as S2
    CHECK(s.byClass.count("empty") == 0);   // nothing found on empty sites
}

TEST_CASE("MoS2 at 1e4 e/A^2: S2 beside Mo found, no fit runs off (second look, rescue)", "[detect][sim]") {
    // Seed 22: before the residual pass and the fixed-sigma rescue S2 scored 0.978 (P 0.992, R 0.965)
    // here; now 0.997. Dopants (W, V on Mo sites) were lost to fits that ran 3-4 px onto a flank.
    const SimScore s = detectSimulated(1e4, 0.03, 22);
    for (const char* cls : {"Mo", "S2", "dopant"}) {
        const auto& sc = s.byClass.at(cls);
        INFO(cls << ": TP " << sc.truePositives << " FP " << sc.falsePositives << " FN "
                 << sc.falseNegatives);
        CHECK(sc.f1 >= 0.99);
    }
    // Every fitted column has a width near the probe's (2.81 px): nothing wide or noise-narrow survives.
    for (std::size_t i = 0; i < s.atoms.size(); ++i)
        if (!(s.atoms.flags()[i] & (kFlagFitFailed | kFlagAtEdge))) {
            INFO("atom " << i << " at " << s.atoms.xs()[i] << ", " << s.atoms.ys()[i]);
            CHECK(s.atoms.sigmas()[i] < 1.5 * 1.5 * 2.81);
        }
}

TEST_CASE("a column cut by the border does not suppress the column just inside", "[detect][peaks]") {
    // A bright column centred 2 px outside the left edge peaks at x = 0; a fainter one at x = 7 lies
    // within the separation (10 px). The interior one must survive; the border one yields.
    Image img(40, 30, 0.0f);
    for (int y = 0; y < 30; ++y)
        for (int x = 0; x < 40; ++x)
            img.at(x, y) = float(100 * std::exp(-((x + 2.0) * (x + 2.0) + (y - 15.0) * (y - 15.0)) / 8.0) +
                                 30 * std::exp(-((x - 7.0) * (x - 7.0) + (y - 15.0) * (y - 15.0)) / 8.0));
    const auto peaks = findPeaks(img, 5.0, 10.0, nullJobContext());
    REQUIRE(peaks.size() == 1);
    CHECK(peaks[0].x == Approx(7.0).margin(0.3));
    CHECK(peaks[0].y == Approx(15.0).margin(0.3));
}

TEST_CASE("MoS2 at 1e6 e/A^2: RMS position error within 1.5x the Cramer-Rao bound", "[detect][sim][crb]") {
    // No scan jitter: the bound covers shot noise only. Atoms flagged at the edge (fit window cut by
    // the border) are left out: the bound assumes the whole column is seen.
    const double dose = 1e6;
    const SimScore s = detectSimulated(dose, 0.0, 22);
    const double sigmaPx = s.sim.probeSigma / s.sim.pixelSize;
    const double background = dose * s.sim.pixelSize * s.sim.pixelSize * 0.02;
    std::vector<Point2> det, truth;
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < s.atoms.size(); ++i)
        if (!(s.atoms.flags()[i] & (kFlagAtEdge | kFlagFitFailed)))
            det.push_back({s.atoms.xs()[i], s.atoms.ys()[i]}), rows.push_back(i);
    std::vector<std::string> cls;
    for (const auto& t : s.sim.truth) truth.push_back({t.x, t.y}), cls.push_back(t.cls);
    const auto m = matchPoints(det, truth, 3.0);
    for (const auto& [name, weight] : {std::pair<std::string, double>{"Mo", std::pow(42.0, 1.7)},
                                       std::pair<std::string, double>{"S2", 2 * std::pow(16.0, 1.7)}}) {
        double sum2 = 0, amplitude = 0;
        int n = 0;
        for (auto [i, j] : m.pairs) {
            if (cls[j] != name) continue;
            sum2 += 0.5 * (std::pow(det[i].x - truth[j].x, 2) + std::pow(det[i].y - truth[j].y, 2));
            amplitude += s.atoms.amplitudes()[rows[i]];
            ++n;
        }
        REQUIRE(n > 500);
        const double rms = std::sqrt(sum2 / n);
        const double peak = simulatedPeak(s.sim, dose, weight);
        const double crb = cramerRaoBound(peak, sigmaPx, background, 0.5);
        INFO(name << ": RMS per axis " << rms << " px, CRB " << crb << " px, ratio " << rms / crb);
        CHECK(rms <= 1.5 * crb);
        CHECK(amplitude / n == Approx(peak).epsilon(0.05)); // fitted amplitudes agree with the model
    }
}

TEST_CASE("detection gives bit-identical results on 1 and 4 threads", "[detect][sim][job]") {
    SimulationParams p;
    p.width = p.height = 256;
    const auto sim = simulate(p);
    // Each run gets its own pool through the job context (nothing process-wide is switched).
    auto detectOn = [&](int threads, const DetectParams& params) {
        ThreadPool pool(threads);
        BasicJobContext job;
        job.setThreadPool(&pool);
        return detectAtoms(sim.micrograph.frame(0), params, job);
    };
    for (const char* likelihood : {"poisson", "least-squares"}) {
        DetectParams params;
        params.likelihood = likelihood;
        const AtomTable one = detectOn(1, params), four = detectOn(4, params);
        INFO(likelihood << ": " << one.size() << " atoms on 1 thread, " << four.size() << " on 4");
        REQUIRE(one.size() > 100);
        REQUIRE(one.size() == four.size());
        CHECK(one.xs() == four.xs()); // exact: the same floating-point sums in the same order
        CHECK(one.ys() == four.ys());
        CHECK(one.sigmas() == four.sigmas());
        CHECK(one.amplitudes() == four.amplitudes());
        CHECK(one.intensities() == four.intensities());
        CHECK(one.uncertainties() == four.uncertainties());
        CHECK(one.flags() == four.flags());
    }
}

TEST_CASE("Pt single atoms: classical detection against the hand labels", "[detect][real]") {
    const std::string dir = test::sharedData("micrographs/pt-single-atoms");
    if (dir.empty()) return;
    std::size_t tp = 0, fp = 0, fn = 0, images = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string path = entry.path().string();
        if (path.find("_HAADF") == std::string::npos) continue;
        const Micrograph m = readMicrograph(path);
        DetectScales scales;
        const AtomTable atoms = detectAtoms(m.frame(0), DetectParams{}, nullJobContext(), &scales);
        CHECK_FALSE(scales.lattice); // sparse atoms on a support: the blob-size fallback is used
        std::vector<Point2> det, truth;
        for (std::size_t i = 0; i < atoms.size(); ++i) det.push_back({atoms.xs()[i], atoms.ys()[i]});
        for (const auto& l : readPositionsCsv(path.substr(0, path.find("_HAADF")) + "_Results.csv"))
            truth.push_back({l.x, l.y});
        const auto sc = scoreMatching(matchPoints(det, truth, 3.0), det, truth);
        tp += sc.truePositives, fp += sc.falsePositives, fn += sc.falseNegatives, ++images;
    }
    REQUIRE(images == 11);
    const double precision = double(tp) / double(tp + fp), recall = double(tp) / double(tp + fn);
    const double f1 = 2 * precision * recall / (precision + recall);
    INFO("precision " << precision << " recall " << recall << " F1 " << f1);
    // Measured P 0.44 / R 0.46 / F1 0.45 on all 11 (threshold chosen on the first 4 by name; see
    // BENCHMARKS.md); the checks guard against regressions.
    CHECK(f1 > 0.40);
    CHECK(precision > 0.35);
    CHECK(recall > 0.35);
}

TEST_CASE("bad images: NaN masked, empty/constant/tiny give no atoms, cancel throws", "[detect][bad]") {
    SimulationParams p;
    p.width = p.height = 192;
    const auto sim = simulate(p);
    Image image = sim.micrograph.frame(0);
    const AtomTable clean = detectAtoms(image, DetectParams{}, nullJobContext());
    for (int y = 80; y < 100; ++y)
        for (int x = 0; x < image.width(); ++x) image.at(x, y) = std::nanf("");
    image.at(5, 5) = INFINITY;
    const AtomTable masked = detectAtoms(image, DetectParams{}, nullJobContext());
    CHECK(masked.size() > clean.size() * 8 / 10);
    CHECK(masked.size() <= clean.size());
    for (std::size_t i = 0; i < masked.size(); ++i) {
        CHECK(std::isfinite(masked.xs()[i]));
        CHECK(std::isfinite(masked.sigmas()[i]));
        CHECK(std::isfinite(masked.amplitudes()[i]));
    }
    CHECK(detectAtoms(Image(), DetectParams{}, nullJobContext()).empty());
    CHECK(detectAtoms(Image(64, 64, 7.0f), DetectParams{}, nullJobContext()).empty());
    CHECK(detectAtoms(Image(64, 64, std::nanf("")), DetectParams{}, nullJobContext()).empty());
    Image tiny(3, 3, 1.0f);
    tiny.at(1, 1) = 5;
    CHECK(detectAtoms(tiny, DetectParams{}, nullJobContext()).empty());
    Image small(6, 5, 1.0f);
    small.at(2, 2) = 9;
    CHECK_NOTHROW(detectAtoms(small, DetectParams{}, nullJobContext()));

    BasicJobContext job;
    job.cancel();
    CHECK_THROWS_AS(detectAtoms(sim.micrograph.frame(0), DetectParams{}, job), CanceledError);
    AtomTable atoms = clean;
    const auto before = atoms.xs();
    CHECK_THROWS_AS(refineAtoms(sim.micrograph.frame(0), atoms, RefineParams{}, job), CanceledError);
    CHECK(atoms.xs() == before); // nothing half-written

    DetectParams fcn;
    fcn.method = "fcn";
    if (!hasDetector("fcn"))
        CHECK_THROWS_WITH(detectAtoms(image, fcn, nullJobContext()), Catch::Contains("FCN"));
    DetectParams unknown;
    unknown.method = "magic";
    CHECK_THROWS_AS(detectAtoms(image, unknown, nullJobContext()), std::invalid_argument);
}

TEST_CASE("detect parameters round-trip through ParamValues", "[detect][params]") {
    DetectParams p;
    p.threshold = 6, p.refine = false, p.method = "fcn";
    const auto back = fromParamValues(toParamValues(p, DetectParams::fields()), DetectParams::fields());
    CHECK(back.threshold == 6);
    CHECK_FALSE(back.refine);
    CHECK(back.method == "fcn");
    ParamValues bad;
    bad.set("method", "magic");
    CHECK_THROWS_AS(fromParamValues(bad, DetectParams::fields()), std::invalid_argument);
}

TEST_CASE("graphene at 0.1 A/px: the faint lattice is found and its columns detected", "[detect][sim]") {
    // Oversampled, faint carbon columns (pixel SNR about 1 at 1e6 e/A^2): one strong FFT reflection
    // used to fall below the lattice test, and the LoG blob size locked onto the pixel noise.
    SimulationParams p;
    p.preset = "graphene-si";
    p.width = p.height = 384;
    p.dose = 1e6;
    p.seed = 41;
    p.jitter = 0;
    const auto sim = simulate(p);
    DetectScales scales;
    const AtomTable atoms = detectAtoms(sim.micrograph.frame(0), DetectParams{}, nullJobContext(), &scales);
    REQUIRE(scales.lattice);
    const double bond = 1.42 / sim.pixelSize, d100 = 2.46 * std::sqrt(3.0) / 2 / sim.pixelSize;
    CHECK(scales.spacing == Approx(d100).epsilon(0.03));
    CHECK(scales.sigma == Approx(sim.probeSigma / sim.pixelSize).epsilon(0.2));
    std::vector<Point2> det, truth;
    std::vector<std::string> cls;
    for (std::size_t i = 0; i < atoms.size(); ++i) det.push_back({atoms.xs()[i], atoms.ys()[i]});
    for (const auto& t : sim.truth) truth.push_back({t.x, t.y}), cls.push_back(t.cls);
    // Tolerance 0.5 A (a third of the bond): the columns' positional scatter is about 1 px here.
    const auto s = scoreByClass(det, truth, cls, 0.35 * bond, {"empty"}, ScoringBorder{384, 384, 3});
    const auto& c = s.at("C");
    INFO("C: P " << c.precision << " R " << c.recall << " F1 " << c.f1);
    CHECK(c.f1 >= 0.95);
}
