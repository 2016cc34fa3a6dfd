#include "core/describe/GaussianMixture.h"

#include "core/base/Random.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace atomlens {
namespace {

using Mat = Eigen::MatrixXd;
using Vec = Eigen::VectorXd;

struct Component {
    Vec mean;
    Eigen::LLT<Mat> chol;
    double logNorm = 0; // log(weight) - 0.5 log det(2 pi S)
};

std::vector<Component> prepare(const GaussianMixture& g) {
    const std::size_t d = g.dims;
    std::vector<Component> comps(std::size_t(g.components));
    for (int k = 0; k < g.components; ++k) {
        auto& c = comps[std::size_t(k)];
        c.mean = Eigen::Map<const Vec>(g.means.data() + std::size_t(k) * d, Eigen::Index(d));
        const Mat s = Eigen::Map<const Mat>(g.covariances.data() + std::size_t(k) * d * d, Eigen::Index(d),
                                            Eigen::Index(d));
        c.chol.compute(s);
        const Mat l = c.chol.matrixL();
        double logDet = 0;
        for (Eigen::Index i = 0; i < l.rows(); ++i) logDet += 2 * std::log(std::max(1e-300, l(i, i)));
        c.logNorm = std::log(std::max(1e-300, g.weights[std::size_t(k)])) -
                    0.5 * (double(d) * std::log(2 * M_PI) + logDet);
    }
    return comps;
}

double logDensity(const Component& c, const double* x, std::size_t d) {
    const Vec diff = Eigen::Map<const Vec>(x, Eigen::Index(d)) - c.mean;
    const Vec z = c.chol.matrixL().solve(diff);
    return c.logNorm - 0.5 * z.squaredNorm();
}

} // namespace

std::vector<int> GaussianMixture::predict(const std::vector<double>& data) const {
    const auto comps = prepare(*this);
    const std::size_t n = dims ? data.size() / dims : 0;
    std::vector<int> out(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        double best = -1e300;
        for (int k = 0; k < components; ++k) {
            const double l = logDensity(comps[std::size_t(k)], data.data() + i * dims, dims);
            if (l > best) best = l, out[i] = k;
        }
    }
    return out;
}

GaussianMixture fitGaussianMixture(const std::vector<double>& data, std::size_t d, int k, std::uint64_t seed,
                                   int maxIterations) {
    if (k < 1 || d < 1)
        throw std::invalid_argument("Gaussian mixture needs at least one component and dimension");
    const std::size_t n = data.size() / d;
    if (n < std::size_t(k) * 2) throw std::invalid_argument("too few points for the Gaussian mixture");
    // Overall variance sets the ridge added to covariances.
    Vec mu = Vec::Zero(Eigen::Index(d));
    for (std::size_t i = 0; i < n; ++i) mu += Eigen::Map<const Vec>(data.data() + i * d, Eigen::Index(d));
    mu /= double(n);
    double totalVar = 0;
    for (std::size_t i = 0; i < n; ++i)
        totalVar += (Eigen::Map<const Vec>(data.data() + i * d, Eigen::Index(d)) - mu).squaredNorm();
    const double ridge = 1e-4 * std::max(1e-12, totalVar / double(n * d));

    // k-means++ seeding.
    Random rng(seed);
    std::vector<std::size_t> centres{std::size_t(rng.below(n))};
    std::vector<double> d2(n, 1e300);
    while (centres.size() < std::size_t(k)) {
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double* c = data.data() + centres.back() * d;
            double s = 0;
            for (std::size_t j = 0; j < d; ++j) s += (data[i * d + j] - c[j]) * (data[i * d + j] - c[j]);
            d2[i] = std::min(d2[i], s), total += d2[i];
        }
        double r = rng.uniform() * total;
        std::size_t pick = n - 1;
        for (std::size_t i = 0; i < n; ++i)
            if ((r -= d2[i]) <= 0) {
                pick = i;
                break;
            }
        centres.push_back(pick);
    }
    // Responsibilities from the nearest centre, then EM.
    Mat resp = Mat::Zero(Eigen::Index(n), k);
    for (std::size_t i = 0; i < n; ++i) {
        int best = 0;
        double bd = 1e300;
        for (int c = 0; c < k; ++c) {
            double s = 0;
            for (std::size_t j = 0; j < d; ++j) {
                const double v = data[i * d + j] - data[centres[std::size_t(c)] * d + j];
                s += v * v;
            }
            if (s < bd) bd = s, best = c;
        }
        resp(Eigen::Index(i), best) = 1;
    }
    GaussianMixture g;
    g.components = k, g.dims = d;
    double previous = -1e300;
    for (int iter = 0; iter < maxIterations; ++iter) {
        // M step.
        g.weights.assign(std::size_t(k), 0), g.means.assign(std::size_t(k) * d, 0),
            g.covariances.assign(std::size_t(k) * d * d, 0);
        for (int c = 0; c < k; ++c) {
            double w = 0;
            Vec m = Vec::Zero(Eigen::Index(d));
            for (std::size_t i = 0; i < n; ++i) {
                const double r = resp(Eigen::Index(i), c);
                if (r <= 0) continue;
                w += r, m += r * Eigen::Map<const Vec>(data.data() + i * d, Eigen::Index(d));
            }
            if (w < 1e-9) { // an empty component restarts on a random point
                m = Eigen::Map<const Vec>(data.data() + rng.below(n) * d, Eigen::Index(d));
                w = 1e-9;
            } else {
                m /= w;
            }
            Mat s = Mat::Zero(Eigen::Index(d), Eigen::Index(d));
            for (std::size_t i = 0; i < n; ++i) {
                const double r = resp(Eigen::Index(i), c);
                if (r <= 0) continue;
                const Vec diff = Eigen::Map<const Vec>(data.data() + i * d, Eigen::Index(d)) - m;
                s += r * diff * diff.transpose();
            }
            s /= std::max(w, 1e-9);
            s += ridge * Mat::Identity(Eigen::Index(d), Eigen::Index(d));
            g.weights[std::size_t(c)] = w / double(n);
            std::copy(m.data(), m.data() + d, g.means.begin() + std::ptrdiff_t(std::size_t(c) * d));
            std::copy(s.data(), s.data() + d * d,
                      g.covariances.begin() + std::ptrdiff_t(std::size_t(c) * d * d));
        }
        // E step.
        const auto comps = prepare(g);
        double logL = 0;
        std::vector<double> l{};
        l.resize(std::size_t(k));
        for (std::size_t i = 0; i < n; ++i) {
            double mx = -1e300;
            for (int c = 0; c < k; ++c)
                l[std::size_t(c)] = logDensity(comps[std::size_t(c)], data.data() + i * d, d),
                mx = std::max(mx, l[std::size_t(c)]);
            double s = 0;
            for (int c = 0; c < k; ++c) s += std::exp(l[std::size_t(c)] - mx);
            for (int c = 0; c < k; ++c) resp(Eigen::Index(i), c) = std::exp(l[std::size_t(c)] - mx) / s;
            logL += mx + std::log(s);
        }
        g.logLikelihood = logL;
        if (std::fabs(logL - previous) < 1e-6 * std::fabs(logL) + 1e-9) break;
        previous = logL;
    }
    const double params = double(k - 1) + double(k) * double(d) + double(k) * double(d * (d + 1)) / 2;
    g.bic = -2 * g.logLikelihood + params * std::log(double(n));
    return g;
}

GaussianMixture selectGaussianMixture(const std::vector<double>& data, std::size_t dims, int maxComponents,
                                      std::uint64_t seed, std::vector<double>* bics) {
    GaussianMixture best;
    bool have = false;
    if (bics) bics->clear();
    const std::size_t n = dims ? data.size() / dims : 0;
    for (int k = 1; k <= maxComponents && n >= std::size_t(k) * 2; ++k) {
        // Two seeds per k; keep the better likelihood.
        GaussianMixture g = fitGaussianMixture(data, dims, k, seed + std::uint64_t(k) * 7919);
        if (k > 1) {
            GaussianMixture h = fitGaussianMixture(data, dims, k, seed + std::uint64_t(k) * 7919 + 1);
            if (h.logLikelihood > g.logLikelihood) g = std::move(h);
        }
        if (bics) bics->push_back(g.bic);
        if (!have || g.bic < best.bic) best = std::move(g), have = true;
    }
    if (!have) throw std::invalid_argument("too few points for a Gaussian mixture");
    return best;
}

double adjustedRandIndex(const std::vector<int>& a, const std::vector<int>& b) {
    if (a.size() != b.size()) throw std::invalid_argument("adjustedRandIndex: labelings differ in length");
    std::map<std::pair<int, int>, double> table;
    std::map<int, double> rowSum, colSum;
    double n = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] < 0 || b[i] < 0) continue;
        table[{a[i], b[i]}] += 1, rowSum[a[i]] += 1, colSum[b[i]] += 1, n += 1;
    }
    auto pairs = [](double v) { return v * (v - 1) / 2; };
    double index = 0, sa = 0, sb = 0;
    for (const auto& [key, v] : table) index += pairs(v);
    for (const auto& [key, v] : rowSum) sa += pairs(v);
    for (const auto& [key, v] : colSum) sb += pairs(v);
    const double total = pairs(n);
    if (total <= 0) return 1;
    const double expected = sa * sb / total, maxIndex = 0.5 * (sa + sb);
    if (maxIndex == expected) return 1; // both labelings trivial (one cluster each, or all singletons)
    return (index - expected) / (maxIndex - expected);
}

} // namespace atomlens
