#include "core/detect/PoissonFit.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kPlane = 3;
constexpr float kCutoff = 60.0f;
constexpr int kLanes = 8;

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define ATOMLENS_ML_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define ATOMLENS_ML_CLONES
#endif

/// Matrices up to 8 columns x 6 + 3 plane parameters, on the stack (no allocation per fit).
constexpr int kMaxParams = 8 * 6 + kPlane;
using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, kMaxParams, kMaxParams>;
using Vec = Eigen::Matrix<double, Eigen::Dynamic, 1, 0, kMaxParams, 1>;

/// Parameter layout: per column x, y, amplitude, then w = 1/sigma^2 (circular) or a, b, c
/// (elliptical); the plane b0, bx, by last.
struct Layout {
    int columns = 1;
    int perColumn = 6; ///< 4 circular, 6 elliptical
    bool pinSigma = false;
    int size() const { return columns * perColumn + kPlane; }
};

/// Model, Jacobian and residuals of all pixels at parameters p: rows of `stride` floats.
struct Work {
    int n = 0, m = 0, stride = 0;
    std::vector<float> J;        ///< n rows
    std::vector<float> r, mu, w; ///< residual (data - model), model + rest, weight 1 / variance
    std::vector<float> shared;   ///< pinned widths: derivative by a width parameter all columns share
    void resize(int params, int pixels) {
        n = params, m = pixels, stride = (pixels + kLanes - 1) / kLanes * kLanes;
        J.assign(std::size_t(n) * std::size_t(stride), 0.0f);
        r.assign(std::size_t(stride), 0.0f), mu.assign(std::size_t(stride), 0.0f),
            w.assign(std::size_t(stride), 0.0f);
    }
};

/// One column's rows of the Jacobian and its contribution to the model (vectorised over pixels).
template <bool Circular>
ATOMLENS_ML_CLONES void columnRows(const float* __restrict X, const float* __restrict Y, int m,
                                   const double* q, float* __restrict model, float* __restrict j0,
                                   float* __restrict j1, float* __restrict j2, float* __restrict j3,
                                   float* __restrict j4, float* __restrict j5) {
    const float x0 = float(q[0]), y0 = float(q[1]), A = float(q[2]);
    const float a = float(q[3]), b = Circular ? 0.0f : float(q[4]), c = Circular ? a : float(q[5]);
    for (int i = 0; i < m; ++i) {
        const float dx = X[i] - x0, dy = Y[i] - y0;
        const float qq = a * dx * dx + 2 * b * dx * dy + c * dy * dy;
        const float e = expNegativeFloat(-0.5f * (qq < kCutoff ? qq : kCutoff)), g = A * e;
        model[i] += g;
        j0[i] = g * (a * dx + b * dy);
        j1[i] = g * (b * dx + c * dy);
        j2[i] = e;
        if constexpr (Circular) {
            j3[i] = -0.5f * g * (dx * dx + dy * dy);
        } else {
            j3[i] = -0.5f * g * dx * dx;
            j4[i] = -g * dx * dy;
            j5[i] = -0.5f * g * dy * dy;
        }
    }
}

inline double dotLanes(const float* a, const float* b, int n) {
    float acc[kLanes] = {};
    for (int i = 0; i < n; i += kLanes)
        for (int l = 0; l < kLanes; ++l) acc[l] += a[i + l] * b[i + l];
    double s = 0;
    for (float v : acc) s += double(v);
    return s;
}

inline double dot3Lanes(const float* a, const float* b, const float* c, int n) {
    float acc[kLanes] = {};
    for (int i = 0; i < n; i += kLanes)
        for (int l = 0; l < kLanes; ++l) acc[l] += a[i + l] * b[i + l] * c[i + l];
    double s = 0;
    for (float v : acc) s += double(v);
    return s;
}

/// Fills work.J, work.r and work.mu at p.
void evaluate(const FitPixels& px, const std::vector<float>& rest, const Layout& L, const double* p,
              Work& wk) {
    const int m = wk.m, stride = wk.stride;
    thread_local std::vector<float> model;
    model.assign(std::size_t(stride), 0.0f);
    const int nb = L.columns * L.perColumn;
    const float b0 = float(p[nb]), bx = float(p[nb + 1]), by = float(p[nb + 2]);
    const float* X = px.x.data();
    const float* Y = px.y.data();
    for (int i = 0; i < m; ++i) model[std::size_t(i)] = b0 + bx * X[i] + by * Y[i];
    float* J = wk.J.data();
    thread_local std::vector<float> unused; // circular columns have no rows 4 and 5
    unused.resize(std::size_t(stride));
    for (int k = 0; k < L.columns; ++k) {
        float* rows = J + std::size_t(k * L.perColumn) * std::size_t(stride);
        if (L.perColumn == 4)
            columnRows<true>(X, Y, m, p + k * L.perColumn, model.data(), rows, rows + stride,
                             rows + 2 * stride, rows + 3 * stride, unused.data(), unused.data());
        else
            columnRows<false>(X, Y, m, p + k * L.perColumn, model.data(), rows, rows + stride,
                              rows + 2 * stride, rows + 3 * stride, rows + 4 * stride, rows + 5 * stride);
    }
    float* jb = J + std::size_t(nb) * std::size_t(stride);
    for (int i = 0; i < m; ++i) jb[i] = 1.0f, jb[stride + i] = X[i], jb[2 * stride + i] = Y[i];
    for (int i = 0; i < m; ++i) {
        wk.r[std::size_t(i)] = px.v[std::size_t(i)] - model[std::size_t(i)];
        wk.mu[std::size_t(i)] = model[std::size_t(i)] + (rest.empty() ? 0.0f : rest[std::size_t(i)]);
    }
    if (L.pinSigma) {
        wk.shared.assign(std::size_t(stride), 0.0f);
        for (int k = 0; k < L.columns; ++k) {
            float* row = J + std::size_t(k * L.perColumn + 3) * std::size_t(stride);
            for (int i = 0; i < stride; ++i) wk.shared[std::size_t(i)] += row[i];
            std::fill_n(row, stride, 0.0f);
        }
    }
}

void weights(const NoiseModel& noise, Work& wk) {
    const float s = float(noise.slope), c = float(noise.intercept),
                lo = float(std::max({noise.floor, 1e-30, std::fabs(noise.intercept) * 1e-6}));
    for (int i = 0; i < wk.m; ++i) wk.w[std::size_t(i)] = 1.0f / std::max(s * wk.mu[std::size_t(i)] + c, lo);
}

double weightedRss(const Work& wk, const std::vector<float>& w) {
    return dot3Lanes(wk.r.data(), wk.r.data(), w.data(), wk.stride);
}

/// out(u, t) = sum_i J_u[i] J_t[i] weight[i] (upper and lower), and g(u) = sum_i J_u[i] weight[i] r[i]
/// when g is given; rows of `stride` floats (padding zero). Compiled for AVX2 and the baseline.
ATOMLENS_ML_CLONES void weightedProducts(const float* J, int n, int stride, const float* weight,
                                         const float* r, double* out, double* g) {
    thread_local std::vector<float> jw;
    jw.resize(std::size_t(stride));
    float* a = jw.data();
    for (int u = 0; u < n; ++u) {
        const float* ju = J + std::size_t(u) * std::size_t(stride);
        for (int i = 0; i < stride; ++i) a[i] = ju[i] * weight[i];
        if (g) g[u] = dotLanes(a, r, stride);
        for (int t = u; t < n; ++t)
            out[u * n + t] = out[t * n + u] = dotLanes(a, J + std::size_t(t) * std::size_t(stride), stride);
    }
}

void normalEquations(const Work& wk, Mat& H, Vec& g, bool pinSigma, const Layout& L) {
    const int n = wk.n;
    H.resize(n, n), g.resize(n);
    weightedProducts(wk.J.data(), n, wk.stride, wk.w.data(), wk.r.data(), H.data(), g.data());
    if (pinSigma)
        for (int k = 0; k < L.columns; ++k) {
            const int s = k * L.perColumn + 3;
            H.row(s).setZero(), H.col(s).setZero(), H(s, s) = 1, g[s] = 0;
        }
}

bool valid(const Vec& p, const Layout& L, const std::vector<GaussianShape>& start, const FitLimits& lim) {
    const double minL = 1.0 / (lim.maxSigma * lim.maxSigma), maxL = 1.0 / (lim.minSigma * lim.minSigma);
    for (int k = 0; k < L.columns; ++k) {
        const double* q = p.data() + k * L.perColumn;
        if (!(q[2] > 0) || !std::isfinite(q[0]) || !std::isfinite(q[1])) return false;
        if (std::hypot(q[0] - start[std::size_t(k)].x, q[1] - start[std::size_t(k)].y) > lim.maxShift)
            return false;
        double lo = q[3], hi = q[3];
        if (L.perColumn == 6) {
            const double half = 0.5 * (q[3] + q[5]),
                         root = std::sqrt(0.25 * (q[3] - q[5]) * (q[3] - q[5]) + q[4] * q[4]);
            lo = half - root, hi = half + root;
        }
        if (!(lo >= minL) || !(hi <= maxL)) return false;
    }
    return p.tail<kPlane>().allFinite();
}

/// Standard errors of x, y, amplitude, sigma and intensity of column k from a covariance.
ColumnErrors derived(const Mat& cov, const Vec& p, const Layout& L, int k) {
    const int o = k * L.perColumn;
    ColumnErrors e;
    auto sd = [](double v) { return float(std::sqrt(std::max(0.0, v))); };
    e.x = sd(cov(o, o)), e.y = sd(cov(o + 1, o + 1)), e.amplitude = sd(cov(o + 2, o + 2));
    const double A = p[o + 2];
    Vec gs = Vec::Zero(L.perColumn), gi = Vec::Zero(L.perColumn);
    if (L.perColumn == 4) {
        const double w = p[o + 3];
        gs[3] = -0.5 * std::pow(w, -1.5);                    // sigma = w^-1/2
        gi[2] = 2 * kPi / w, gi[3] = -2 * kPi * A / (w * w); // intensity = 2 pi A / w
    } else {
        const double a = p[o + 3], b = p[o + 4], c = p[o + 5], det = a * c - b * b;
        const double s = std::pow(det, -0.25);
        gs[3] = -0.25 * s / det * c, gs[4] = -0.25 * s / det * (-2 * b), gs[5] = -0.25 * s / det * a;
        const double v = 2 * kPi / std::sqrt(det); // intensity = A v
        gi[2] = v, gi[3] = -0.5 * A * v / det * c, gi[4] = -0.5 * A * v / det * (-2 * b),
        gi[5] = -0.5 * A * v / det * a;
    }
    const Mat block = cov.block(o, o, L.perColumn, L.perColumn);
    e.sigma = L.pinSigma ? 0.0f : sd(gs.dot(block * gs));
    e.intensity = sd(gi.dot(block * gi));
    return e;
}

Layout layoutFor(const std::vector<GaussianShape>& shapes, const FitLimits& limits) {
    Layout L;
    L.columns = int(shapes.size());
    L.perColumn = limits.circular ? 4 : 6;
    L.pinSigma = L.perColumn == 4 && limits.fixedSigma;
    return L;
}

/// The width prior's part of the objective (its negative log density times 2, like the weighted RSS).
double priorPenalty(const Vec& p, const Layout& L, const WidthPrior& prior) {
    if (!prior.active() || L.pinSigma) return 0;
    double s = 0;
    for (int k = 0; k < L.columns; ++k) {
        const int o = k * L.perColumn + 3;
        if (L.perColumn == 4) {
            s += (p[o] - prior.mean) * (p[o] - prior.mean);
        } else {
            s += (p[o] - prior.mean) * (p[o] - prior.mean) +
                 (p[o + 2] - prior.mean) * (p[o + 2] - prior.mean) + 2 * p[o + 1] * p[o + 1];
        }
    }
    return prior.precision * s;
}

/// Adds the prior's information to H and its score to g (at p).
void addPrior(const Vec& p, const Layout& L, const WidthPrior& prior, Mat& H, Vec& g) {
    if (!prior.active() || L.pinSigma) return;
    const double P = prior.precision;
    for (int k = 0; k < L.columns; ++k) {
        const int o = k * L.perColumn + 3;
        if (L.perColumn == 4) {
            H(o, o) += P, g[o] += P * (prior.mean - p[o]);
        } else {
            H(o, o) += P, g[o] += P * (prior.mean - p[o]);
            H(o + 1, o + 1) += 2 * P, g[o + 1] -= 2 * P * p[o + 1];
            H(o + 2, o + 2) += P, g[o + 2] += P * (prior.mean - p[o + 2]);
        }
    }
}

Vec pack(const std::vector<GaussianShape>& shapes, double background, const Layout& L) {
    Vec p(L.size());
    for (int k = 0; k < L.columns; ++k) {
        const auto& s = shapes[std::size_t(k)];
        const int o = k * L.perColumn;
        p[o] = s.x, p[o + 1] = s.y, p[o + 2] = s.amplitude;
        if (L.perColumn == 4)
            p[o + 3] = 1.0 / std::max(1e-12, s.sigma() * s.sigma());
        else
            p[o + 3] = s.a, p[o + 4] = s.b, p[o + 5] = s.c;
    }
    p.tail<kPlane>() << background, 0.0, 0.0;
    return p;
}

} // namespace

LikelihoodFitResult fitGaussiansLikelihood(const FitPixels& pixels, const std::vector<float>& rest,
                                           const NoiseModel& noise, std::vector<GaussianShape>& shapes,
                                           double& background, const FitLimits& limits,
                                           std::vector<NoiseSample>* residuals, const WidthPrior& prior) {
    LikelihoodFitResult result;
    const Layout L = layoutFor(shapes, limits);
    const int n = L.size(), m = int(pixels.size());
    if (L.columns < 1 || L.columns > 8 || m <= n + 2 || (!rest.empty() && int(rest.size()) != m))
        return result;
    Vec p = pack(shapes, background, L);
    if (!valid(p, L, shapes, limits)) return result;
    thread_local Work cur, trial;
    cur.resize(n, m), trial.resize(n, m);
    evaluate(pixels, rest, L, p.data(), cur);
    weights(noise, cur);
    Mat H;
    Vec g;
    normalEquations(cur, H, g, L.pinSigma, L);
    addPrior(p, L, prior, H, g);
    double S = weightedRss(cur, cur.w) + priorPenalty(p, L, prior);
    double lambda = 1e-3, nu = 2;
    bool small = false;
    const double relTol = std::max(0.01, limits.relativeTolerance);
    for (int it = 0; it < limits.maxIterations; ++it) {
        result.iterations = it + 1;
        const Vec scale = H.diagonal().cwiseMax(1e-30);
        Mat damped = H;
        damped.diagonal() += lambda * scale;
        const Vec step = damped.ldlt().solve(g);
        const Vec next = p + step;
        bool accepted = false;
        if (step.allFinite() && valid(next, L, shapes, limits)) {
            evaluate(pixels, rest, L, next.data(), trial);
            // The current weights: one least-squares problem.
            const double St = weightedRss(trial, cur.w) + priorPenalty(next, L, prior);
            const double predicted = step.dot(lambda * scale.cwiseProduct(step) + g);
            const double rho = predicted > 0 ? (S - St) / predicted : -1;
            if (rho > 0 && std::isfinite(St)) {
                accepted = true;
                // Small against every parameter's standard error (a lower bound of it: 1/sqrt(H_jj)).
                double worst = 0, shift = 0;
                for (int j = 0; j < n; ++j) worst = std::max(worst, std::fabs(step[j]) * std::sqrt(scale[j]));
                for (int k = 0; k < L.columns; ++k)
                    shift = std::max(shift, std::hypot(step[k * L.perColumn], step[k * L.perColumn + 1]));
                p = next;
                std::swap(cur, trial);
                weights(noise, cur);
                normalEquations(cur, H, g, L.pinSigma, L);
                addPrior(p, L, prior, H, g);
                S = weightedRss(cur, cur.w) + priorPenalty(p, L, prior);
                lambda *= std::max(1.0 / 3.0, 1.0 - std::pow(2 * rho - 1, 3));
                nu = 2;
                if (worst < relTol || shift < 0.1 * limits.tolerance) {
                    small = true;
                    break;
                }
            }
        }
        if (!accepted) {
            lambda *= nu, nu *= 2;
            if (lambda > 1e12) break;
        }
    }
    result.converged = small || lambda > 1e12;
    const int dof = std::max(1, m - n);
    result.pearson = (S - priorPenalty(p, L, prior)) / dof;
    const Eigen::LDLT<Mat> ldlt(H);
    const Mat bound = ldlt.solve(Mat::Identity(n, n));
    Mat meat(n, n);
    {
        thread_local std::vector<float> w2;
        w2.resize(std::size_t(cur.stride));
        for (int i = 0; i < cur.stride; ++i) {
            const float wr = cur.w[std::size_t(i)] * cur.r[std::size_t(i)];
            w2[std::size_t(i)] = wr * wr;
        }
        weightedProducts(cur.J.data(), n, cur.stride, w2.data(), nullptr, meat.data(), nullptr);
        if (L.pinSigma)
            for (int k = 0; k < L.columns; ++k) {
                const int s = k * L.perColumn + 3;
                meat.row(s).setZero(), meat.col(s).setZero();
            }
    }
    // Pinned widths are known: no variance (the identity rows of H would give them 1).
    Mat bound0 = bound;
    if (L.pinSigma)
        for (int k = 0; k < L.columns; ++k) {
            const int sgm = k * L.perColumn + 3;
            bound0.row(sgm).setZero(), bound0.col(sgm).setZero();
        }
    const Mat cov = bound0 * meat * bound0 * (double(m) / dof);
    if (L.pinSigma && ldlt.info() == Eigen::Success) {
        // Score and information of one width parameter (w = 1/sigma^2) shared by all columns, the others
        // profiled out (Schur complement): the caller's Fisher-scoring step for a common probe width.
        Vec hs(n);
        {
            thread_local std::vector<float> ws;
            ws.resize(std::size_t(cur.stride));
            for (int i = 0; i < cur.stride; ++i)
                ws[std::size_t(i)] = cur.w[std::size_t(i)] * cur.shared[std::size_t(i)];
            for (int u = 0; u < n; ++u)
                hs[u] =
                    dotLanes(cur.J.data() + std::size_t(u) * std::size_t(cur.stride), ws.data(), cur.stride);
            const double hss = dotLanes(ws.data(), cur.shared.data(), cur.stride);
            const double gs = dotLanes(ws.data(), cur.r.data(), cur.stride);
            result.sharedWidthInformation = hss - hs.dot(bound0 * hs);
            result.sharedWidthScore = gs - hs.dot(bound0 * g);
        }
    }
    if (residuals && ldlt.info() == Eigen::Success) {
        // Leverage h_i = w_i J_i^T H^-1 J_i: E[r_i^2] = variance_i (1 - h_i) at the optimum.
        const int stride = cur.stride;
        double ji[kMaxParams];
        for (int i = 0; i < m; ++i) {
            for (int u = 0; u < n; ++u) ji[u] = cur.J[std::size_t(u) * std::size_t(stride) + std::size_t(i)];
            double q = 0;
            for (int u = 0; u < n; ++u) {
                double row = 0;
                for (int t = 0; t < n; ++t) row += bound(u, t) * ji[t];
                q += ji[u] * row;
            }
            const double h = std::min(0.9, double(cur.w[std::size_t(i)]) * q);
            const double r = cur.r[std::size_t(i)];
            residuals->push_back({cur.mu[std::size_t(i)], float(r * r / (1 - h))});
        }
    }
    if (ldlt.info() != Eigen::Success || !cov.allFinite() || !bound.allFinite()) result.converged = false;
    for (int k = 0; k < L.columns; ++k) {
        result.errors.push_back(derived(cov, p, L, k));
        result.bounds.push_back(derived(bound0, p, L, k));
        const int o = k * L.perColumn;
        result.positionVariance.push_back(0.5 * (cov(o, o) + cov(o + 1, o + 1)));
        auto& s = shapes[std::size_t(k)];
        s.x = p[o], s.y = p[o + 1], s.amplitude = p[o + 2];
        if (L.perColumn == 4)
            s.a = s.c = p[o + 3], s.b = 0;
        else
            s.a = p[o + 3], s.b = p[o + 4], s.c = p[o + 5];
    }
    background = p[n - kPlane];
    return result;
}

std::vector<ColumnErrors> likelihoodBounds(const FitPixels& pixels, const std::vector<float>& rest,
                                           const NoiseModel& noise, const std::vector<GaussianShape>& shapes,
                                           double background, const FitLimits& limits,
                                           const WidthPrior& prior) {
    const Layout L = layoutFor(shapes, limits);
    const int n = L.size(), m = int(pixels.size());
    std::vector<ColumnErrors> out(shapes.size());
    if (L.columns < 1 || m <= n) return out;
    const Vec p = pack(shapes, background, L);
    Work wk;
    wk.resize(n, m);
    evaluate(pixels, rest, L, p.data(), wk);
    weights(noise, wk);
    Mat H;
    Vec g;
    normalEquations(wk, H, g, L.pinSigma, L);
    addPrior(p, L, prior, H, g);
    Mat bound = H.ldlt().solve(Mat::Identity(n, n));
    if (L.pinSigma)
        for (int k = 0; k < L.columns; ++k) {
            const int sgm = k * L.perColumn + 3;
            bound.row(sgm).setZero(), bound.col(sgm).setZero();
        }
    for (int k = 0; k < L.columns; ++k) out[std::size_t(k)] = derived(bound, p, L, k);
    return out;
}

WidthPrior estimateWidthPrior(std::vector<WidthSample> samples, std::size_t minSamples) {
    WidthPrior prior;
    samples.erase(std::remove_if(samples.begin(), samples.end(),
                                 [](const WidthSample& s) {
                                     return !(s.w > 0) || !(s.variance > 0) || !std::isfinite(s.w) ||
                                            !std::isfinite(s.variance);
                                 }),
                  samples.end());
    if (samples.size() < std::max<std::size_t>(minSamples, 3)) return prior;
    // Start: the median width, the median variance as the spread (wide enough to keep nearly all).
    std::vector<double> ws, vs;
    for (const auto& s : samples) ws.push_back(s.w), vs.push_back(s.variance);
    std::nth_element(ws.begin(), ws.begin() + std::ptrdiff_t(ws.size() / 2), ws.end());
    std::nth_element(vs.begin(), vs.begin() + std::ptrdiff_t(vs.size() / 2), vs.end());
    double mean = ws[ws.size() / 2], tau2 = vs[vs.size() / 2], sumP = 0;
    std::vector<const WidthSample*> kept;
    for (int round = 0; round < 4; ++round) {
        kept.clear();
        for (const auto& s : samples)
            if ((s.w - mean) * (s.w - mean) <= 16 * (s.variance + tau2)) kept.push_back(&s);
        if (kept.size() < std::max<std::size_t>(minSamples, 3)) return WidthPrior{};
        // Paule-Mandel: tau^2 such that sum (w - mean)^2 / (v + tau^2) = n - 1 (bisection on log tau^2).
        auto fitMean = [&](double t2, double& sp) {
            double sw = 0;
            sp = 0;
            for (const WidthSample* s : kept) sw += s->w / (s->variance + t2), sp += 1 / (s->variance + t2);
            return sw / sp;
        };
        auto excess = [&](double t2) {
            double sp = 0;
            const double m = fitMean(t2, sp);
            double q = 0;
            for (const WidthSample* s : kept) q += (s->w - m) * (s->w - m) / (s->variance + t2);
            return q - double(kept.size() - 1);
        };
        if (excess(0) <= 0) {
            tau2 = 0;
        } else {
            double lo = 0, hi = std::max(1e-30, mean * mean);
            while (excess(hi) > 0 && hi < 1e6 * mean * mean) hi *= 4;
            for (int it = 0; it < 60; ++it) {
                const double mid = 0.5 * (lo + hi);
                (excess(mid) > 0 ? lo : hi) = mid;
            }
            tau2 = 0.5 * (lo + hi);
        }
        mean = fitMean(tau2, sumP);
    }
    prior.mean = mean;
    prior.precision = 1 / (tau2 + 1 / sumP);
    return prior;
}

} // namespace atomlens
