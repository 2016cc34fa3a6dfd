// The width prior of the Poisson refinement (issue 18): fitted across columns (random effects) against
// known answers, and the Bayesian bound it reports for a dim column against the Monte-Carlo scatter of
// the estimates when the true widths are drawn from that prior.
#include "tests/TestSupport.h"

#include "core/base/Random.h"
#include "core/detect/PoissonFit.h"

#include <cmath>

using namespace atomlens;

namespace {

NoiseModel countsNoise() {
    NoiseModel m;
    m.slope = 1, m.intercept = 0, m.floor = 0.25, m.source = "given";
    return m;
}

FitPixels patchOf(const GaussianShape& s, double background, int radius, Random* rng) {
    FitPixels px;
    for (int y = -radius; y <= radius; ++y)
        for (int x = -radius; x <= radius; ++x) {
            const double mu = background + s.at(x, y);
            px.add(float(x), float(y), float(rng ? double(rng->poisson(mu)) : mu));
        }
    return px;
}

} // namespace

TEST_CASE("the width prior recovers the mean and the spread of the true widths",
          "[detect][likelihood][prior]") {
    Random rng(41);
    const double mean = 0.127, tau = 0.006;
    for (double spread : {tau, 0.0}) {
        std::vector<WidthSample> samples;
        for (int i = 0; i < 3000; ++i) {
            const double sd = rng.uniform(0.001, 0.04); // bright to dim columns
            samples.push_back({rng.normal(mean, spread) + rng.normal(0, sd), sd * sd});
        }
        for (int i = 0; i < 90; ++i) samples.push_back({rng.uniform(0.4, 0.9), 1e-4}); // noise spikes
        const WidthPrior prior = estimateWidthPrior(samples);
        REQUIRE(prior.active());
        INFO("spread " << spread << ": mean " << prior.mean << ", prior sd "
                       << 1 / std::sqrt(prior.precision));
        CHECK(prior.mean == Approx(mean).epsilon(0.01));
        if (spread > 0)
            CHECK(1 / std::sqrt(prior.precision) == Approx(tau).epsilon(0.15));
        else
            CHECK(1 / std::sqrt(prior.precision) < 0.0015);
    }
    // Too few columns: no prior.
    std::vector<WidthSample> few(20, WidthSample{0.12, 1e-4});
    CHECK_FALSE(estimateWidthPrior(few).active());
}

TEST_CASE("with the width prior a dim column reaches the Bayesian bound it reports",
          "[detect][likelihood][prior]") {
    // A dim column (peak 8 counts over 5, like S2 at 1e4 e/A^2), true widths drawn from the prior.
    Random rng(43);
    const double sigma0 = 2.8, w0 = 1 / (sigma0 * sigma0), tau = 0.05 * w0, background = 5, peak = 8;
    WidthPrior prior;
    prior.mean = w0, prior.precision = 1 / (tau * tau);
    FitLimits limits;
    limits.circular = true;
    limits.maxShift = 3;
    const int trials = 500;
    double dI2 = 0, bound2 = 0, dX2 = 0, boundX2 = 0, within = 0, withinI = 0, freeI2 = 0;
    int n = 0;
    for (int t = 0; t < trials; ++t) {
        const double w = rng.normal(w0, tau);
        const GaussianShape truth =
            GaussianShape::circular(rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5), peak, 1 / std::sqrt(w));
        const FitPixels px = patchOf(truth, background, 10, &rng);
        std::vector<GaussianShape> s = {GaussianShape::circular(0, 0, peak, sigma0)};
        double bg = background;
        const auto r = fitGaussiansLikelihood(px, {}, countsNoise(), s, bg, limits, nullptr, prior);
        std::vector<GaussianShape> f = {GaussianShape::circular(0, 0, peak, sigma0)};
        double fb = background;
        const auto rf = fitGaussiansLikelihood(px, {}, countsNoise(), f, fb, limits);
        if (!r.converged || !rf.converged) continue;
        // The bound at the truth (the Fisher information of the column plus the prior's).
        const ColumnErrors b = likelihoodBounds(patchOf(truth, background, 10, nullptr), {}, countsNoise(),
                                                {truth}, background, limits, prior)[0];
        const double dI = s[0].volume() - truth.volume(), dx = s[0].x - truth.x;
        dI2 += dI * dI, bound2 += double(b.intensity) * b.intensity;
        dX2 += dx * dx, boundX2 += double(b.x) * b.x;
        freeI2 += std::pow(f[0].volume() - truth.volume(), 2);
        within += std::fabs(dx) < r.errors[0].x;
        withinI += std::fabs(dI) < r.errors[0].intensity;
        ++n;
    }
    REQUIRE(n > 0.95 * trials);
    const double rmsI = std::sqrt(dI2 / n), bI = std::sqrt(bound2 / n), rmsX = std::sqrt(dX2 / n),
                 bX = std::sqrt(boundX2 / n);
    INFO("n " << n << ": intensity RMS " << rmsI << " (width free " << std::sqrt(freeI2 / n) << "), bound "
              << bI << "; x RMS " << rmsX << ", bound " << bX << "; within 1 sd x " << within / n
              << ", intensity " << withinI / n);
    CHECK(rmsI < 1.1 * bI);
    CHECK(rmsI > 0.9 * bI);
    CHECK(rmsX < 1.1 * bX);
    CHECK(rmsX > 0.9 * bX);
    // The prior is worth having: the free-width fit scatters much more.
    CHECK(std::sqrt(freeI2 / n) > 1.3 * rmsI);
    CHECK(within / n > 0.6);
    CHECK(within / n < 0.76);
    CHECK(withinI / n > 0.6);
    CHECK(withinI / n < 0.76);
}
