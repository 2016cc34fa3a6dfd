// Poisson maximum-likelihood refinement against known answers: a brute-force maximisation of the
// likelihood, the Cramer-Rao bound against the Monte-Carlo scatter of the estimates, calibration of
// the reported standard errors, and the noise model (gain, offset) estimated from the image.
#include "tests/TestSupport.h"

#include "core/base/Random.h"
#include "core/detect/NoiseModel.h"
#include "core/detect/PoissonFit.h"
#include "core/detect/RefineGaussian.h"
#include "core/io/AtomTableCsv.h"
#include "core/simulate/Simulator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

using namespace atomlens;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// A column plus a plane on a (2r+1)^2 patch, Poisson counts (or the means without rng).
FitPixels patch(const GaussianShape& s, double b0, double bx, double by, int radius, Random* rng) {
    FitPixels px;
    for (int y = -radius; y <= radius; ++y)
        for (int x = -radius; x <= radius; ++x) {
            const double mu = b0 + bx * x + by * y + s.at(x, y);
            px.add(float(x), float(y), float(rng ? double(rng->poisson(mu)) : mu));
        }
    return px;
}

/// Negative Poisson log-likelihood of the 7 parameters (x, y, A, sigma, b0, bx, by), exact, in double.
double poissonNll(const FitPixels& px, const std::array<double, 7>& q) {
    if (!(q[2] > 0) || !(q[3] > 0.2)) return 1e300;
    double nll = 0;
    for (std::size_t i = 0; i < px.size(); ++i) {
        const double dx = px.x[i] - q[0], dy = px.y[i] - q[1];
        const double mu = q[4] + q[5] * px.x[i] + q[6] * px.y[i] +
                          q[2] * std::exp(-(dx * dx + dy * dy) / (2 * q[3] * q[3]));
        if (!(mu > 0)) return 1e300;
        nll += mu - px.v[i] * std::log(mu);
    }
    return nll;
}

/// Nelder-Mead with restarts: a generic optimiser that knows nothing about the fit's structure.
std::array<double, 7> nelderMead(const std::function<double(const std::array<double, 7>&)>& f,
                                 std::array<double, 7> start, const std::array<double, 7>& step) {
    constexpr int n = 7;
    for (int restart = 0; restart < 6; ++restart) {
        std::array<std::array<double, 7>, n + 1> p;
        std::array<double, n + 1> v;
        for (int i = 0; i <= n; ++i) {
            p[std::size_t(i)] = start;
            if (i > 0) p[std::size_t(i)][std::size_t(i - 1)] += step[std::size_t(i - 1)] / (1 << restart);
            v[std::size_t(i)] = f(p[std::size_t(i)]);
        }
        for (int it = 0; it < 20000; ++it) {
            std::array<int, n + 1> order;
            for (int i = 0; i <= n; ++i) order[std::size_t(i)] = i;
            std::sort(order.begin(), order.end(),
                      [&](int a, int b) { return v[std::size_t(a)] < v[std::size_t(b)]; });
            const int best = order[0], worst = order[n], second = order[n - 1];
            if (v[std::size_t(worst)] - v[std::size_t(best)] < 1e-12) break;
            std::array<double, 7> c{};
            for (int i = 0; i <= n; ++i)
                if (i != worst)
                    for (int k = 0; k < n; ++k) c[std::size_t(k)] += p[std::size_t(i)][std::size_t(k)] / n;
            auto along = [&](double t) {
                std::array<double, 7> r;
                for (int k = 0; k < n; ++k)
                    r[std::size_t(k)] =
                        c[std::size_t(k)] + t * (p[std::size_t(worst)][std::size_t(k)] - c[std::size_t(k)]);
                return r;
            };
            const auto xr = along(-1);
            const double fr = f(xr);
            if (fr < v[std::size_t(best)]) {
                const auto xe = along(-2);
                const double fe = f(xe);
                if (fe < fr)
                    p[std::size_t(worst)] = xe, v[std::size_t(worst)] = fe;
                else
                    p[std::size_t(worst)] = xr, v[std::size_t(worst)] = fr;
            } else if (fr < v[std::size_t(second)]) {
                p[std::size_t(worst)] = xr, v[std::size_t(worst)] = fr;
            } else {
                const auto xc = along(0.5);
                const double fc = f(xc);
                if (fc < v[std::size_t(worst)]) {
                    p[std::size_t(worst)] = xc, v[std::size_t(worst)] = fc;
                } else {
                    for (int i = 0; i <= n; ++i)
                        if (i != best) {
                            for (int k = 0; k < n; ++k)
                                p[std::size_t(i)][std::size_t(k)] =
                                    0.5 * (p[std::size_t(i)][std::size_t(k)] +
                                           p[std::size_t(best)][std::size_t(k)]);
                            v[std::size_t(i)] = f(p[std::size_t(i)]);
                        }
                }
            }
        }
        start = p[std::size_t(std::min_element(v.begin(), v.end()) - v.begin())];
    }
    return start;
}

NoiseModel poissonCounts() {
    NoiseModel m;
    m.slope = 1, m.intercept = 0, m.floor = 0.25, m.source = "given";
    return m;
}

} // namespace

TEST_CASE("the likelihood fit finds the maximum a brute-force optimiser finds", "[detect][likelihood]") {
    Random rng(5);
    const GaussianShape truth = GaussianShape::circular(0.31, -0.44, 40, 1.9);
    for (int trial = 0; trial < 3; ++trial) {
        const FitPixels px = patch(truth, 6, 0.05, -0.03, 7, &rng);
        std::vector<GaussianShape> shapes = {GaussianShape::circular(0, 0, 30, 2.2)};
        double bg = 5;
        FitLimits limits;
        limits.circular = true, limits.tolerance = 1e-6, limits.maxIterations = 100;
        const auto r = fitGaussiansLikelihood(px, {}, poissonCounts(), shapes, bg, limits);
        REQUIRE(r.converged);
        const auto brute = nelderMead([&](const std::array<double, 7>& q) { return poissonNll(px, q); },
                                      {0, 0, 30, 2.2, 5, 0, 0}, {0.5, 0.5, 10, 0.3, 2, 0.05, 0.05});
        const std::array<double, 7> fast = {
            shapes[0].x, shapes[0].y, shapes[0].amplitude, shapes[0].sigma(), bg, 0, 0};
        INFO("trial " << trial << ": fast x " << fast[0] << " y " << fast[1] << " A " << fast[2] << " s "
                      << fast[3] << "; brute x " << brute[0] << " y " << brute[1] << " A " << brute[2]
                      << " s " << brute[3]);
        // The brute-force optimum is at least as good, and the fast fit sits on it.
        CHECK(std::fabs(shapes[0].x - brute[0]) < 2e-3);
        CHECK(std::fabs(shapes[0].y - brute[1]) < 2e-3);
        CHECK(shapes[0].amplitude == Approx(brute[2]).epsilon(2e-3));
        CHECK(shapes[0].sigma() == Approx(brute[3]).epsilon(2e-3));
        CHECK(bg == Approx(brute[4]).epsilon(5e-3));
        // Least squares lands elsewhere on the same data (the test can tell the two apart).
        std::vector<GaussianShape> ls = {GaussianShape::circular(0, 0, 30, 2.2)};
        double lsBg = 5;
        fitGaussiansLikelihood(px, {}, NoiseModel{}, ls, lsBg, limits);
        CHECK(std::fabs(ls[0].amplitude - brute[2]) > 10 * std::fabs(shapes[0].amplitude - brute[2]));
    }
}

TEST_CASE("the Cramer-Rao bound matches the Monte-Carlo scatter and the errors are calibrated",
          "[detect][likelihood]") {
    // The column: peak 200 counts over 10, sigma 2.4 px, Poisson noise.
    Random rng(17);
    const GaussianShape truth = GaussianShape::circular(0.23, -0.17, 200, 2.4);
    const double volume = truth.volume();
    FitLimits limits;
    limits.circular = true;
    const FitPixels clean = patch(truth, 10, 0, 0, 8, nullptr);
    const ColumnErrors bound = likelihoodBounds(clean, {}, poissonCounts(), {truth}, 10, limits)[0];
    const int trials = 600;
    double sx = 0, sy = 0, sa = 0, ss = 0, si = 0, within = 0, withinI = 0, lsX = 0, lsI = 0;
    for (int t = 0; t < trials; ++t) {
        const FitPixels px = patch(truth, 10, 0, 0, 8, &rng);
        std::vector<GaussianShape> s = {GaussianShape::circular(0, 0, 150, 2.0)};
        double bg = 12;
        const auto r = fitGaussiansLikelihood(px, {}, poissonCounts(), s, bg, limits);
        REQUIRE(r.converged);
        const double dx = s[0].x - truth.x, dy = s[0].y - truth.y, dI = s[0].volume() - volume;
        sx += dx * dx, sy += dy * dy, sa += std::pow(s[0].amplitude - 200, 2),
            ss += std::pow(s[0].sigma() - 2.4, 2);
        si += dI * dI;
        within += 0.5 * ((std::fabs(dx) < r.errors[0].x) + (std::fabs(dy) < r.errors[0].y));
        withinI += std::fabs(dI) < r.errors[0].intensity;
        std::vector<GaussianShape> l = {GaussianShape::circular(0, 0, 150, 2.0)};
        double lb = 12;
        fitGaussiansLikelihood(px, {}, NoiseModel{}, l, lb, limits);
        lsX += std::pow(l[0].x - truth.x, 2), lsI += std::pow(l[0].volume() - volume, 2);
    }
    const double rx = std::sqrt(sx / trials), ry = std::sqrt(sy / trials), ra = std::sqrt(sa / trials),
                 rs = std::sqrt(ss / trials), ri = std::sqrt(si / trials);
    INFO("MC x " << rx << " y " << ry << " A " << ra << " sigma " << rs << " I " << ri << "; bounds "
                 << bound.x << " " << bound.amplitude << " " << bound.sigma << " " << bound.intensity);
    // 600 trials: the standard deviation is known to about 3%.
    CHECK(rx == Approx(bound.x).epsilon(0.1));
    CHECK(ry == Approx(bound.y).epsilon(0.1));
    CHECK(ra == Approx(bound.amplitude).epsilon(0.1));
    CHECK(rs == Approx(bound.sigma).epsilon(0.1));
    CHECK(ri == Approx(bound.intensity).epsilon(0.1));
    CHECK(within / trials > 0.63);
    CHECK(within / trials < 0.73);
    CHECK(withinI / trials > 0.63);
    CHECK(withinI / trials < 0.73);
    // Equal weights are measurably less efficient for the intensity under Poisson noise.
    CHECK(std::sqrt(lsI / trials) > 1.1 * ri);
    CHECK(std::sqrt(lsX / trials) > 0.98 * rx);
}

TEST_CASE("the noise model is estimated from the image: gain and offset of any scale",
          "[detect][likelihood]") {
    SimulationParams p;
    p.width = p.height = 256, p.dose = 1e5, p.seed = 31, p.jitter = 0;
    const auto sim = simulate(p);
    const Image& counts = sim.micrograph.frame(0);
    AtomTable start = truthAtoms(sim);
    for (std::size_t r = 0; r < start.size(); ++r)
        start.setPosition(r, start.xs()[r] + 0.4, start.ys()[r] - 0.3); // not at the answer
    AtomTable a = start;
    NoiseModel noise;
    refineAtoms(counts, a, RefineParams{}, nullJobContext(), &noise);
    INFO(noise.describe());
    REQUIRE(noise.source == "estimated");
    CHECK(noise.slope == Approx(1.0).epsilon(0.1));                 // counts: one unit per electron
    CHECK(std::fabs(noise.intercept) < 0.05 * noise.variance(100)); // read noise 0.5: intercept 0.25
    // The same image in other units (x 37.5, offset 1000): the gain follows, the fit does not move.
    const double gain = 37.5, offset = 1000;
    Image scaled(counts.width(), counts.height());
    for (int y = 0; y < counts.height(); ++y)
        for (int x = 0; x < counts.width(); ++x) scaled.at(x, y) = float(gain * counts.at(x, y) + offset);
    AtomTable b = start;
    NoiseModel scaledNoise;
    refineAtoms(scaled, b, RefineParams{}, nullJobContext(), &scaledNoise);
    INFO(scaledNoise.describe());
    CHECK(scaledNoise.slope == Approx(gain).epsilon(0.1));
    CHECK(scaledNoise.electrons(offset + gain * 100) == Approx(100).epsilon(0.05)); // offset recovered
    REQUIRE(a.size() == b.size());
    double worst = 0;
    for (std::size_t r = 0; r < a.size(); ++r) {
        if ((a.flags()[r] | b.flags()[r]) & kFlagFitFailed) continue;
        worst = std::max({worst, std::fabs(a.xs()[r] - b.xs()[r]), std::fabs(a.ys()[r] - b.ys()[r])});
        CHECK(b.intensities()[r] == Approx(gain * a.intensities()[r]).epsilon(0.02));
        CHECK(b.crlbs()[r].x == Approx(a.crlbs()[r].x).epsilon(0.1));
    }
    CHECK(worst < 0.02); // well inside the bound (about 0.08 px here): the same fit up to the noise model
    // Given by the detector: used as it is.
    RefineParams given;
    given.gain = 1, given.readNoise = 0.5;
    AtomTable c = start;
    NoiseModel used;
    refineAtoms(counts, c, given, nullJobContext(), &used);
    CHECK(used.source == "given");
    CHECK(used.slope == 1.0);
}

TEST_CASE("without shot noise the likelihood pass keeps least squares", "[detect][likelihood]") {
    // Gaussian noise of constant variance (like a smoothed JPEG): no gain to find.
    Random rng(3);
    Image image(96, 96, 20.0f);
    std::vector<std::array<double, 2>> centres;
    for (int j = 0; j < 6; ++j)
        for (int i = 0; i < 6; ++i) centres.push_back({12.3 + 14 * i, 11.7 + 14 * j});
    for (int y = 0; y < 96; ++y)
        for (int x = 0; x < 96; ++x) {
            double v = 20 + rng.normal(0, 4);
            for (const auto& c : centres)
                v += 150 * std::exp(-((x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1])) / (2 * 2.3 * 2.3));
            image.at(x, y) = float(v);
        }
    AtomTable atoms;
    for (const auto& c : centres) {
        Atom a;
        a.x = std::round(c[0]), a.y = std::round(c[1]), a.sigma = 2.5f;
        atoms.add(a);
    }
    AtomTable ls = atoms;
    RefineParams lsParams;
    lsParams.likelihood = "least-squares";
    refineAtoms(image, ls, lsParams, nullJobContext());
    NoiseModel noise;
    refineAtoms(image, atoms, RefineParams{}, nullJobContext(), &noise);
    INFO(noise.describe());
    CHECK_FALSE(noise.shotNoise());
    CHECK(noise.variance(0) == Approx(16).epsilon(0.15));
    for (std::size_t r = 0; r < atoms.size(); ++r) {
        CHECK(atoms.xs()[r] == ls.xs()[r]); // the least-squares columns stand
        CHECK(atoms.crlbs()[r].x > 0);      // with their bounds and errors
        CHECK(atoms.errors()[r].intensity > 0);
    }
    RefineParams bad;
    bad.likelihood = "cauchy";
    CHECK_THROWS_AS(refineAtoms(image, atoms, bad, nullJobContext()), std::invalid_argument);
}

TEST_CASE("estimateNoiseModel: a straight variance line, outliers and too few samples",
          "[detect][likelihood]") {
    Random rng(9);
    std::vector<NoiseSample> s;
    for (int i = 0; i < 20000; ++i) {
        const double mu = rng.uniform(5, 300), r = rng.normal(0, std::sqrt(2.5 * mu + 40));
        s.push_back({float(mu), float(r * r)});
    }
    for (int i = 0; i < 50; ++i) s.push_back({float(rng.uniform(5, 300)), 1e7f}); // an unmodelled column
    const NoiseModel m = estimateNoiseModel(s);
    CHECK(m.source == "estimated");
    CHECK(m.slope == Approx(2.5).epsilon(0.08));
    CHECK(m.intercept == Approx(40).margin(15));
    s.resize(100);
    CHECK_FALSE(estimateNoiseModel(s).shotNoise());
    CHECK_THROWS_AS(noiseFromDetector(0, 1), std::invalid_argument);
}

TEST_CASE("ATOMS.csv keeps standard errors and Cramer-Rao bounds", "[detect][likelihood][io]") {
    test::TempDir dir;
    AtomTable atoms;
    Atom a;
    a.x = 3, a.y = 4;
    a.errors = {0.01f, 0.02f, 3.0f, 0.04f, 50.0f};
    a.crlb = {0.009f, 0.018f, 2.5f, 0.035f, 45.0f};
    atoms.add(a);
    writeAtomsCsv(atoms, Calibration{}, dir.file("a.csv"));
    const AtomTable back = readAtomsCsv(dir.file("a.csv"));
    REQUIRE(back.size() == 1);
    CHECK(back.errors()[0].y == Approx(0.02f));
    CHECK(back.errors()[0].intensity == Approx(50.0f));
    CHECK(back.crlbs()[0].sigma == Approx(0.035f));
    CHECK(back.crlbs()[0].amplitude == Approx(2.5f));
}

TEST_CASE("pinned widths: the pooled score steps reach the common width", "[detect][likelihood][joint]") {
    // Two overlapping columns of one width on exact means: fitted with the width held at a wrong value,
    // the shared-width score / information is a Fisher-scoring step that lands on the true width.
    const double trueSigma = 2.0;
    const GaussianShape a = GaussianShape::circular(-2.6, 0.2, 60, trueSigma),
                        b = GaussianShape::circular(3.1, -0.3, 25, trueSigma);
    FitPixels px;
    for (int y = -9; y <= 9; ++y)
        for (int x = -9; x <= 9; ++x) px.add(float(x), float(y), float(8 + a.at(x, y) + b.at(x, y)));
    FitLimits limits;
    limits.circular = true, limits.fixedSigma = true, limits.tolerance = 1e-6, limits.maxIterations = 100;
    double sigma = 2.4;
    std::vector<double> path;
    for (int step = 0; step < 6; ++step) {
        std::vector<GaussianShape> shapes = {GaussianShape::circular(-2.5, 0, 50, sigma),
                                             GaussianShape::circular(3, 0, 30, sigma)};
        double bg = 7;
        const auto r = fitGaussiansLikelihood(px, {}, poissonCounts(), shapes, bg, limits);
        REQUIRE(r.converged);
        CHECK(shapes[0].sigma() == Approx(sigma)); // held
        CHECK(r.errors[0].sigma == 0.0f);
        CHECK(r.bounds[0].sigma == 0.0f);
        // The intensity bound is the amplitude's times 2 pi sigma^2 (the width is known).
        CHECK(r.bounds[0].intensity == Approx(r.bounds[0].amplitude * 2 * kPi * sigma * sigma).epsilon(1e-3));
        REQUIRE(r.sharedWidthInformation > 0);
        const double w = 1 / (sigma * sigma) + r.sharedWidthScore / r.sharedWidthInformation;
        sigma = 1 / std::sqrt(w);
        path.push_back(sigma);
    }
    INFO("widths after each step: " << path[0] << " " << path[1] << " " << path[2] << " ... " << path.back());
    CHECK(std::fabs(path[0] - trueSigma) < 0.5 * 0.4); // the first step goes most of the way
    CHECK(path.back() == Approx(trueSigma).epsilon(1e-4));
}
