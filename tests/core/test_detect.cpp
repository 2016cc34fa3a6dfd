// Detection building blocks against known answers: optimal matching (brute force),
// the Cramer-Rao bound's limits, Gaussian fits on synthetic columns, ATOMS.csv round trips.
#include "tests/TestSupport.h"
#include "tests/core/MatchingReference.h"

#include "core/base/Random.h"
#include "core/data/Errors.h"
#include "core/detect/DetectionMetrics.h"
#include "core/detect/GaussianFit.h"
#include "core/detect/RefineGaussian.h"
#include "core/io/AtomTableCsv.h"
#include "core/job/ParallelFor.h"

#include <atomic>
#include <cmath>
#include <fstream>
#include <numeric>

using namespace atomlens;

namespace {
std::vector<Point2> randomPoints(Random& rng, int n, double size) {
    std::vector<Point2> p(static_cast<std::size_t>(n));
    for (auto& q : p) q = {rng.uniform(0, size), rng.uniform(0, size)};
    return p;
}
double totalCost(const PointMatching& m, const std::vector<Point2>& d, const std::vector<Point2>& t) {
    double c = 0;
    for (auto [i, j] : m.pairs)
        c += (d[i].x - t[j].x) * (d[i].x - t[j].x) + (d[i].y - t[j].y) * (d[i].y - t[j].y);
    return c;
}
} // namespace

TEST_CASE("Hungarian matching equals brute force on small random sets", "[detect][metrics]") {
    Random rng(7);
    for (int trial = 0; trial < 300; ++trial) {
        const int nd = int(rng.below(8)) + 1, nt = int(rng.below(8)) + 1;
        const auto d = randomPoints(rng, nd, 6.0), t = randomPoints(rng, nt, 6.0);
        const double tol = rng.uniform(0.5, 3.0);
        const auto fast = matchPoints(d, t, tol), slow = test::matchPointsBruteForce(d, t, tol);
        REQUIRE(fast.pairs.size() == slow.pairs.size());
        CHECK(totalCost(fast, d, t) == Approx(totalCost(slow, d, t)).margin(1e-9));
        CHECK(fast.unmatchedDetected.size() + fast.pairs.size() == std::size_t(nd));
        CHECK(fast.unmatchedTruth.size() + fast.pairs.size() == std::size_t(nt));
        for (auto [i, j] : fast.pairs) CHECK(std::hypot(d[i].x - t[j].x, d[i].y - t[j].y) <= tol);
    }
}

TEST_CASE("dense Hungarian assignment is optimal on a known matrix", "[detect][metrics]") {
    // Classic example: optimum 5 (row 0 -> col 1, row 1 -> col 0, row 2 -> col 2).
    const std::vector<double> cost = {4, 1, 3, 2, 0, 5, 3, 2, 2};
    CHECK(hungarianAssignment(cost, 3, 3) == std::vector<int>{1, 0, 2});
    // Rectangular: two rows, three columns, and its transpose.
    CHECK(hungarianAssignment({5, 1, 9, 2, 8, 1}, 2, 3) == std::vector<int>{1, 2});
    CHECK(hungarianAssignment({5, 2, 1, 8, 9, 1}, 3, 2) == std::vector<int>{-1, 0, 1});
}

TEST_CASE("matching 100k jittered lattice points is exact and fast enough to use", "[detect][metrics]") {
    Random rng(3);
    std::vector<Point2> truth, det;
    for (int y = 0; y < 316; ++y)
        for (int x = 0; x < 316; ++x) {
            truth.push_back({x * 10.0, y * 10.0});
            if ((x * 7 + y * 3) % 50 == 0) continue; // 2% missed
            det.push_back({x * 10.0 + rng.normal(0, 0.5), y * 10.0 + rng.normal(0, 0.5)});
        }
    det.push_back({5.0, 5.0}); // one false detection between sites
    const auto m = matchPoints(det, truth, 3.0);
    const auto s = scoreMatching(m, det, truth);
    CHECK(s.truePositives == det.size() - 1);
    CHECK(s.falsePositives == 1);
    CHECK(s.falseNegatives == truth.size() - det.size() + 1);
    CHECK(s.rmsPerAxis == Approx(0.5).epsilon(0.02));
    CHECK_THROWS_AS(matchPoints(det, truth, 0.0), std::invalid_argument);
}

TEST_CASE("scores per class attribute false detections to the nearest truth site", "[detect][metrics]") {
    const std::vector<Point2> truth = {{10, 10}, {20, 10}, {30, 10}, {40, 10}};
    const std::vector<std::string> cls = {"Mo", "S2", "empty", "Mo"};
    const std::vector<Point2> det = {{10.5, 10}, {30.2, 10}, {60, 60}};
    const auto s = scoreByClass(det, truth, cls, 2.0);
    CHECK(s.at("Mo").truePositives == 1);
    CHECK(s.at("Mo").falseNegatives == 1);
    CHECK(s.at("S2").falseNegatives == 1);
    CHECK(s.at("empty").falsePositives == 1); // a detection on an empty site is a false one
    CHECK(s.at("all").truePositives == 1);
    CHECK(s.at("all").falsePositives == 2);
    // With a border band, the unmatched detection near the corner is left out.
    const auto b = scoreByClass(det, truth, cls, 2.0, {"empty"}, ScoringBorder{62, 62, 3});
    CHECK(b.at("all").falsePositives == 1);
}

TEST_CASE("Cramer-Rao bound reaches sigma/sqrt(N) without background and grows with it",
          "[detect][metrics]") {
    const double sigma = 2.5, peak = 5000;
    const double counts = peak * 2 * 3.14159265358979 * sigma * sigma;
    const double crbClean = cramerRaoBound(peak, sigma, 1e-6);
    CHECK(crbClean == Approx(cramerRaoSimple(sigma, counts)).epsilon(0.05));
    CHECK(cramerRaoBound(peak, sigma, peak) > 1.3 * crbClean);
    CHECK(cramerRaoBound(4 * peak, sigma, 4 * peak) ==
          Approx(cramerRaoBound(peak, sigma, peak) / 2).epsilon(0.01));
}

namespace {
/// A synthetic column plus plane background, point-sampled, with Poisson noise when rng is given.
FitPixels syntheticColumn(const GaussianShape& s, double b0, double bx, double by, int radius, Random* rng) {
    FitPixels px;
    for (int y = -radius; y <= radius; ++y)
        for (int x = -radius; x <= radius; ++x) {
            const double mu = b0 + bx * x + by * y + s.at(x, y);
            px.add(float(x), float(y), float(rng ? double(rng->poisson(mu)) : mu));
        }
    return px;
}
} // namespace

TEST_CASE("elliptical Gaussian fit recovers a noiseless column exactly", "[detect][fit]") {
    GaussianShape truth;
    truth.x = 0.37, truth.y = -0.21, truth.amplitude = 800, truth.a = 1 / 4.0, truth.b = 0.03,
    truth.c = 1 / 6.0;
    const FitPixels px = syntheticColumn(truth, 100, 0.8, -0.5, 9, nullptr);
    std::vector<GaussianShape> shapes = {GaussianShape::circular(0.8, 0.3, 500, 2.0)};
    double bg = 80;
    const auto r = fitGaussians(px, shapes, bg, FitLimits{});
    REQUIRE(r.converged);
    CHECK(shapes[0].x == Approx(truth.x).margin(1e-4));
    CHECK(shapes[0].y == Approx(truth.y).margin(1e-4));
    CHECK(shapes[0].amplitude == Approx(800).epsilon(1e-4));
    CHECK(shapes[0].sigma() == Approx(truth.sigma()).epsilon(1e-4));
    CHECK(bg == Approx(100).epsilon(1e-4));
}

TEST_CASE("a fixed-sigma fit keeps its width and still finds the column", "[detect][fit]") {
    const GaussianShape truth = GaussianShape::circular(0.6, -0.4, 300, 2.0);
    const FitPixels px = syntheticColumn(truth, 50, 0.0, 0.0, 8, nullptr);
    for (double fixed : {2.0, 2.6}) {
        std::vector<GaussianShape> shapes = {GaussianShape::circular(-0.5, 0.5, 200, fixed)};
        double bg = 40;
        FitLimits limits;
        limits.circular = limits.fixedSigma = true;
        const auto r = fitGaussians(px, shapes, bg, limits);
        INFO("fixed sigma " << fixed);
        REQUIRE(r.converged);
        CHECK(shapes[0].sigma() == Approx(fixed).epsilon(1e-9)); // the width never moved
        // Exact with the right width; a wrong width leaves a small bias from the window's asymmetry
        // around the off-centre column (and the amplitude is only right with the right width).
        const double margin = fixed == 2.0 ? 1e-3 : 0.05;
        CHECK(shapes[0].x == Approx(truth.x).margin(margin));
        CHECK(shapes[0].y == Approx(truth.y).margin(margin));
        if (fixed == 2.0) CHECK(shapes[0].amplitude == Approx(300).epsilon(1e-4));
    }
}

TEST_CASE("fit uncertainties match the scatter over noise realisations and the Cramer-Rao bound",
          "[detect][fit]") {
    Random rng(11);
    const GaussianShape truth = GaussianShape::circular(0.2, -0.3, 400, 2.5);
    double sumErr2 = 0, sumVar = 0;
    const int trials = 300;
    for (int t = 0; t < trials; ++t) {
        const FitPixels px = syntheticColumn(truth, 100, 0, 0, 9, &rng);
        std::vector<GaussianShape> shapes = {GaussianShape::circular(0, 0, 300, 2.0)};
        double bg = 90;
        const auto r = fitGaussians(px, shapes, bg, FitLimits{});
        REQUIRE(r.converged);
        sumErr2 += 0.5 * (std::pow(shapes[0].x - truth.x, 2) + std::pow(shapes[0].y - truth.y, 2));
        sumVar += r.positionVariance[0];
    }
    const double empirical = std::sqrt(sumErr2 / trials), reported = std::sqrt(sumVar / trials);
    const double crb = cramerRaoBound(400, 2.5, 100);
    INFO("empirical " << empirical << " reported " << reported << " CRB " << crb);
    CHECK(reported == Approx(empirical).epsilon(0.15));
    CHECK(empirical < 1.3 * crb);  // unweighted least squares is close to efficient here
    CHECK(empirical > 0.85 * crb); // nothing beats the bound (up to sampling scatter)
}

TEST_CASE("refineAtomsNear moves an edited atom back onto its column and leaves others alone",
          "[detect][fit]") {
    Image image(64, 64, 50.0f);
    const double cx[3] = {20.3, 40.6, 30.2}, cy[3] = {20.1, 22.4, 42.7};
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x)
            for (int k = 0; k < 3; ++k)
                image.at(x, y) +=
                    float(300 * std::exp(-((x - cx[k]) * (x - cx[k]) + (y - cy[k]) * (y - cy[k])) /
                                         (2 * 2.2 * 2.2)));
    AtomTable atoms;
    for (int k = 0; k < 3; ++k) {
        Atom a;
        a.x = std::round(cx[k]), a.y = std::round(cy[k]);
        atoms.add(a);
    }
    refineAtoms(image, atoms, RefineParams{}, nullJobContext());
    for (int k = 0; k < 3; ++k) {
        CHECK(atoms.xs()[std::size_t(k)] == Approx(cx[k]).margin(1e-3));
        CHECK(atoms.ys()[std::size_t(k)] == Approx(cy[k]).margin(1e-3));
        CHECK(atoms.sigmas()[std::size_t(k)] == Approx(2.2).epsilon(1e-3));
        CHECK((atoms.flags()[std::size_t(k)] & kFlagFitFailed) == 0);
    }
    atoms.setPosition(0, 21.5, 18.9); // a user drags atom 0 by about 1.7 px
    const double otherX = atoms.xs()[2];
    refineAtomsNear(image, atoms, {0}, RefineParams{}, nullJobContext());
    CHECK(atoms.xs()[0] == Approx(cx[0]).margin(1e-3));
    CHECK(atoms.ys()[0] == Approx(cy[0]).margin(1e-3));
    CHECK(atoms.xs()[2] == otherX);
    // NaN pixels inside a window are skipped, not propagated.
    image.at(20, 21) = std::nanf("");
    refineAtoms(image, atoms, RefineParams{}, nullJobContext());
    CHECK(atoms.xs()[0] == Approx(cx[0]).margin(1e-3));
    CHECK(std::isfinite(atoms.uncertainties()[0]));
}

TEST_CASE("ATOMS.csv round-trips and bad tables fail with clear messages", "[detect][io]") {
    test::TempDir dir;
    AtomTable atoms;
    atoms.classIndex("Mo", true);
    Atom a;
    a.x = 12.25, a.y = 7.5, a.sigma = 2.5f, a.amplitude = 100, a.intensity = 3927, a.uncertainty = 0.02f;
    a.classId = 0, a.confidence = 0.9f, a.flags = kFlagAtEdge | kFlagUserAdded;
    atoms.add(a);
    Calibration cal;
    cal.unit = "nm", cal.pixelSizeX = cal.pixelSizeY = 0.016, cal.originX = 1.0;
    writeAtomsCsv(atoms, cal, dir.file("atoms.csv"));
    std::ifstream in(dir.file("atoms.csv"));
    std::string header, row;
    std::getline(in, header), std::getline(in, row);
    CHECK(header == "id,x,y,x_cal,y_cal,unit,class,confidence,sigma,amplitude,intensity,uncertainty,flags,"
                    "sd_x,sd_y,sd_amplitude,sd_sigma,sd_intensity,crlb_x,crlb_y,crlb_amplitude,crlb_sigma,"
                    "crlb_intensity");
    CHECK(row.rfind("1,12.25,7.5,1.196,0.12,nm,Mo,0.9,2.5,100,3927,0.02,", 0) == 0);
    const AtomTable back = readAtomsCsv(dir.file("atoms.csv"));
    REQUIRE(back.size() == 1);
    CHECK(back.xs()[0] == 12.25);
    CHECK(back.className(back.classIds()[0]) == "Mo");
    CHECK(back.flags()[0] == (kFlagAtEdge | kFlagUserAdded));
    CHECK(back.uncertainties()[0] == Approx(0.02f));

    auto writeText = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir.file(name)) << text;
        return dir.file(name);
    };
    CHECK_THROWS_WITH(readAtomsCsv(writeText("noy.csv", "id,x\n1,2\n")), Catch::Contains("no 'y' column"));
    CHECK_THROWS_WITH(readAtomsCsv(writeText("nan.csv", "x,y\n1,nan\n")), Catch::Contains("row 2"));
    CHECK_THROWS_WITH(readAtomsCsv(writeText("dup.csv", "id,x,y\n3,1,1\n3,2,2\n")),
                      Catch::Contains("duplicate atom id"));
    CHECK_THROWS_AS(readAtomsCsv(dir.file("missing.csv")), InputError);
    // ImageJ's Results.csv: an unnamed index column, then X and Y.
    const auto labels = readPositionsCsv(writeText("Results.csv", " ,X,Y\n1,152,351\n2,174,332\n"));
    REQUIRE(labels.size() == 2);
    CHECK(labels[1].x == 174);
    CHECK(labels[1].y == 332);
    CHECK(labels[1].className.empty());
    const auto truth = readPositionsCsv(writeText("truth.csv", "x,y,class\n1.5,2.5,S2\n"));
    CHECK(truth.at(0).className == "S2");
}

TEST_CASE("overlapping columns are fitted jointly and both recovered", "[detect][fit]") {
    // Two columns 4.5 px apart with sigma 2 (closer than the joint distance of 3 sigma): a dumbbell.
    Image image(48, 48, 20.0f);
    const double cx[2] = {21.3, 25.8}, cy[2] = {24.2, 24.9}, amp[2] = {500, 300};
    for (int y = 0; y < 48; ++y)
        for (int x = 0; x < 48; ++x)
            for (int k = 0; k < 2; ++k)
                image.at(x, y) +=
                    float(amp[k] * std::exp(-((x - cx[k]) * (x - cx[k]) + (y - cy[k]) * (y - cy[k])) /
                                            (2 * 2.0 * 2.0)));
    AtomTable atoms;
    for (int k = 0; k < 2; ++k) {
        Atom a;
        a.x = std::round(cx[k]), a.y = std::round(cy[k]), a.sigma = 2.0f;
        atoms.add(a);
    }
    refineAtoms(image, atoms, RefineParams{}, nullJobContext());
    for (std::size_t k = 0; k < 2; ++k) {
        INFO("column " << k);
        CHECK((atoms.flags()[k] & kFlagFitFailed) == 0);
        CHECK(atoms.xs()[k] == Approx(cx[k]).margin(1e-3));
        CHECK(atoms.ys()[k] == Approx(cy[k]).margin(1e-3));
        CHECK(atoms.amplitudes()[k] == Approx(amp[k]).epsilon(1e-3));
    }
    // Fitted one by one (joint fitting off) the two pull on each other's windows less accurately.
    RefineParams separate;
    separate.jointDistance = 0;
    separate.subtractNeighbours = false;
    AtomTable alone;
    for (int k = 0; k < 2; ++k) {
        Atom a;
        a.x = std::round(cx[k]), a.y = std::round(cy[k]), a.sigma = 2.0f;
        alone.add(a);
    }
    refineAtoms(image, alone, separate, nullJobContext());
    CHECK(std::hypot(alone.xs()[1] - cx[1], alone.ys()[1] - cy[1]) > 0.05);
}
