#include "core/detect/GaussianFit.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kPerColumn = 6;
constexpr int kMaxColumns = 8;
constexpr int kBackground = 3;   ///< plane: b0 + bx X + by Y
constexpr double kCutoff = 60.0; ///< Q beyond which exp(-Q/2) is treated as zero

/// exp(x) for x in [-kCutoff/2, 0], to about 1e-10 relative: 2^(x log2 e) split into an integer
/// power (exponent bits) and a polynomial for the fraction. Several times faster than std::exp and
/// free of branches, so the pixel loop stays cheap.
inline double expNegative(double x) {
    const double t = x * 1.4426950408889634; // log2(e)
    const double fi = std::floor(t);
    const double f = t - fi; // [0, 1)
    // 2^f on [0,1): Taylor of e^(f ln2) to degree 11 would be overkill; degree-9 minimax-like series.
    const double y = f * 0.6931471805599453;
    double poly =
        1.0 +
        y * (1.0 +
             y * (0.5 + y * (1.0 / 6 +
                             y * (1.0 / 24 +
                                  y * (1.0 / 120 +
                                       y * (1.0 / 720 +
                                            y * (1.0 / 5040 + y * (1.0 / 40320 + y * (1.0 / 362880)))))))));
    const std::int64_t e = std::int64_t(fi) + 1023;
    std::uint64_t bits = std::uint64_t(e) << 52;
    double scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return poly * scale;
}

/// Residual sum of squares and (optionally) the normal equations at parameters p.
struct Evaluation {
    bool wantMeat = false; ///< also form sum_i r_i^2 J_i J_i^T (the sandwich covariance's middle)
    Eigen::MatrixXd meat;
    double rss = 0;
    Eigen::MatrixXd normal;   ///< J^T J
    Eigen::VectorXd gradient; ///< J^T r
};

/// The inner loop, templated on the number of columns (0 = known only at run time). Fills the
/// Jacobian column by column (one pixel each), then forms J J^T and J r with Eigen's vectorised
/// products, which is several times faster than accumulating the normal matrix pixel by pixel.
template <int Cols>
void evaluateImpl(const FitPixels& px, const double* p, int columnsRuntime, bool withJacobian,
                  Evaluation& out) {
    constexpr int N = Cols > 0 ? Cols * kPerColumn + kBackground : Eigen::Dynamic;
    const int columns = Cols > 0 ? Cols : columnsRuntime;
    const int n = columns * kPerColumn + kBackground, nb = n - kBackground;
    const Eigen::Index m = Eigen::Index(px.size());
    // Single precision for the products: twice the SIMD width; sums over a few hundred pixels keep
    // ample precision for Levenberg-Marquardt steps and covariances.
    thread_local Eigen::Matrix<float, N, Eigen::Dynamic> J;
    thread_local Eigen::VectorXf residual;
    if (withJacobian) J.resize(n, m);
    residual.resize(m);
    const double b0 = p[nb], bx = p[nb + 1], by = p[nb + 2];
    double rss = 0;
    for (Eigen::Index i = 0; i < m; ++i) {
        const double X = px.x[std::size_t(i)], Y = px.y[std::size_t(i)];
        double f = b0 + bx * X + by * Y;
        for (int k = 0; k < columns; ++k) {
            const double* q = p + k * kPerColumn;
            const double dx = X - q[0], dy = Y - q[1];
            const double Q = std::min(q[3] * dx * dx + 2 * q[4] * dx * dy + q[5] * dy * dy, kCutoff);
            const double e = expNegative(-0.5 * Q), g = q[2] * e;
            f += g;
            if (withJacobian) {
                float* jk = J.col(i).data() + k * kPerColumn;
                jk[0] = float(g * (q[3] * dx + q[4] * dy));
                jk[1] = float(g * (q[4] * dx + q[5] * dy));
                jk[2] = float(e);
                jk[3] = float(-0.5 * g * dx * dx);
                jk[4] = float(-g * dx * dy);
                jk[5] = float(-0.5 * g * dy * dy);
            }
        }
        const double r = px.v[std::size_t(i)] - f;
        rss += r * r;
        residual[i] = float(r);
        if (withJacobian) {
            float* jb = J.col(i).data() + nb;
            jb[0] = 1.0f, jb[1] = float(X), jb[2] = float(Y);
        }
    }
    out.rss = rss;
    if (!withJacobian) return;
    thread_local Eigen::MatrixXf normal;
    normal.setZero(n, n);
    normal.selfadjointView<Eigen::Lower>().rankUpdate(J);
    out.normal = normal.template selfadjointView<Eigen::Lower>().toDenseMatrix().template cast<double>();
    thread_local Eigen::VectorXf gradient;
    gradient.noalias() = J * residual;
    out.gradient = gradient.template cast<double>();
    if (out.wantMeat) {
        const Eigen::MatrixXf weighted = J * residual.asDiagonal();
        out.meat = (weighted * weighted.transpose()).template cast<double>();
    }
}

// The single-column kernels are compiled twice, for x86-64-v3 (AVX2 + FMA: eight floats a step) and
// for the baseline, and the loader picks the one the CPU runs (GCC/Clang function multiversioning).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define ATOMLENS_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define ATOMLENS_VECTOR_CLONES
#endif
// The Jacobian rows never overlap the pixel arrays (GCC ignores __restrict on local pointers).
#if defined(__GNUC__) && !defined(__clang__)
#define ATOMLENS_NO_ALIASING _Pragma("GCC ivdep")
#else
#define ATOMLENS_NO_ALIASING
#endif

constexpr int kLanes = 8; ///< pixel rows are padded to a multiple of this (zeros add nothing)

/// sum a[i] b[i] (w[i]) over n (a multiple of kLanes) in kLanes independent partial sums, so the
/// loop vectorises without reassociating a single sum.
inline double dotLanes(const float* a, const float* b, int n) {
    float acc[kLanes] = {};
    for (int i = 0; i < n; i += kLanes)
        for (int l = 0; l < kLanes; ++l) acc[l] += a[i + l] * b[i + l];
    double s = 0;
    for (float v : acc) s += double(v);
    return s;
}

/// One column plus a background plane, N = 7 (circular: x, y, amplitude, w = 1/sigma^2, plane) or
/// N = 9 (elliptical: x, y, amplitude, a, b, c, plane). Fills the Jacobian as N rows of `stride`
/// floats and the residuals as row N (padding zeroed); returns the residual sum of squares.
template <int N>
ATOMLENS_VECTOR_CLONES double evaluateColumn(const FitPixels& px, const double* p, float* J, int stride) {
    constexpr bool circular = N == 7;
    const int m = int(px.size());
    const float x0 = float(p[0]), y0 = float(p[1]), A = float(p[2]);
    const float a = float(p[3]), b = circular ? 0.0f : float(p[4]), c = circular ? a : float(p[5]);
    const float b0 = float(p[N - 3]), bx = float(p[N - 2]), by = float(p[N - 1]);
    const float* __restrict X = px.x.data();
    const float* __restrict Y = px.y.data();
    const float* __restrict V = px.v.data();
    float* __restrict j0 = J;
    float* __restrict j1 = J + stride;
    float* __restrict j2 = J + 2 * stride;
    float* __restrict j3 = J + 3 * stride;
    float* __restrict j4 = J + 4 * stride;
    float* __restrict j5 = J + 5 * stride;
    float* __restrict jb0 = J + (N - 3) * stride;
    float* __restrict jbx = J + (N - 2) * stride;
    float* __restrict jby = J + (N - 1) * stride;
    float* __restrict r = J + N * stride;
    const float cutoff = float(kCutoff);
    ATOMLENS_NO_ALIASING
    for (int i = 0; i < m; ++i) {
        const float dx = X[i] - x0, dy = Y[i] - y0;
        const float q = a * dx * dx + 2 * b * dx * dy + c * dy * dy;
        const float e = expNegativeFloat(-0.5f * (q < cutoff ? q : cutoff)), g = A * e;
        r[i] = V[i] - (b0 + bx * X[i] + by * Y[i] + g);
        j0[i] = g * (a * dx + b * dy);
        j1[i] = g * (b * dx + c * dy);
        j2[i] = e;
        if constexpr (circular) {
            j3[i] = -0.5f * g * (dx * dx + dy * dy);
        } else {
            j3[i] = -0.5f * g * dx * dx;
            j4[i] = -g * dx * dy;
            j5[i] = -0.5f * g * dy * dy;
        }
        jb0[i] = 1.0f;
        jbx[i] = X[i];
        jby[i] = Y[i];
    }
    for (int row = 0; row <= N; ++row)
        for (int i = m; i < stride; ++i) J[row * stride + i] = 0.0f;
    double lanes[kLanes] = {};
    for (int i = 0; i < stride; i += kLanes)
        for (int l = 0; l < kLanes; ++l) lanes[l] += double(r[i + l]) * double(r[i + l]);
    double rss = 0;
    for (double v : lanes) rss += v;
    return rss;
}

/// J J^T and J r from the rows evaluateColumn wrote.
template <int N>
ATOMLENS_VECTOR_CLONES void normalEquations(const float* J, int stride, Eigen::Matrix<double, N, N>& normal,
                                            Eigen::Matrix<double, N, 1>& gradient) {
    const float* r = J + N * stride;
    for (int u = 0; u < N; ++u) {
        gradient[u] = dotLanes(J + u * stride, r, stride);
        for (int t = u; t < N; ++t)
            normal(u, t) = normal(t, u) = dotLanes(J + u * stride, J + t * stride, stride);
    }
}

/// sum_i r_i^2 J_i J_i^T (the middle of the sandwich covariance); `scratch` holds N x stride floats.
template <int N>
ATOMLENS_VECTOR_CLONES void residualWeightedProducts(const float* J, int stride, float* scratch,
                                                     Eigen::Matrix<double, N, N>& meat) {
    const float* r = J + N * stride;
    for (int u = 0; u < N; ++u)
        for (int i = 0; i < stride; ++i) scratch[u * stride + i] = J[u * stride + i] * r[i];
    for (int u = 0; u < N; ++u)
        for (int t = u; t < N; ++t)
            meat(u, t) = meat(t, u) = dotLanes(scratch + u * stride, scratch + t * stride, stride);
}

void evaluate(const FitPixels& px, const Eigen::VectorXd& p, int columns, bool withJacobian,
              Evaluation& out) {
    if (columns == 2)
        evaluateImpl<2>(px, p.data(), 2, withJacobian, out);
    else
        evaluateImpl<0>(px, p.data(), columns, withJacobian, out);
}

bool valid(const Eigen::VectorXd& p, int columns, const std::vector<GaussianShape>& start,
           const FitLimits& lim) {
    const double minL = 1.0 / (lim.maxSigma * lim.maxSigma), maxL = 1.0 / (lim.minSigma * lim.minSigma);
    for (int k = 0; k < columns; ++k) {
        const double* q = p.data() + k * kPerColumn;
        if (!(q[2] > 0) || !std::isfinite(q[0]) || !std::isfinite(q[1])) return false;
        if (std::hypot(q[0] - start[std::size_t(k)].x, q[1] - start[std::size_t(k)].y) > lim.maxShift)
            return false;
        const double half = 0.5 * (q[3] + q[5]),
                     root = std::sqrt(0.25 * (q[3] - q[5]) * (q[3] - q[5]) + q[4] * q[4]);
        const double lo = half - root, hi = half + root; // eigenvalues of the inverse covariance
        if (!(lo >= minL) || !(hi <= maxL)) return false;
    }
    return p.tail<kBackground>().allFinite();
}

/// The single-column parameter bounds (valid() for the fixed-size path).
template <int N>
bool validColumn(const Eigen::Matrix<double, N, 1>& p, const GaussianShape& start, const FitLimits& lim) {
    if (!(p[2] > 0) || !std::isfinite(p[0]) || !std::isfinite(p[1])) return false;
    if (std::hypot(p[0] - start.x, p[1] - start.y) > lim.maxShift) return false;
    const double minL = 1.0 / (lim.maxSigma * lim.maxSigma), maxL = 1.0 / (lim.minSigma * lim.minSigma);
    double lo = p[3], hi = p[3];
    if (N == 9) {
        const double half = 0.5 * (p[3] + p[5]),
                     root = std::sqrt(0.25 * (p[3] - p[5]) * (p[3] - p[5]) + p[4] * p[4]);
        lo = half - root, hi = half + root;
    }
    if (!(lo >= minL) || !(hi <= maxL)) return false;
    return p.template tail<kBackground>().allFinite();
}

/// Levenberg-Marquardt for one column with fixed-size matrices (no allocation per fit): the
/// Jacobian of the last accepted point is kept, so the normal equations of a rejected step are never
/// formed and the sandwich covariance needs no extra evaluation.
template <int N>
GaussianFitResult fitColumn(const FitPixels& pixels, GaussianShape& shape, double& background,
                            const FitLimits& limits) {
    using Vec = Eigen::Matrix<double, N, 1>;
    using Mat = Eigen::Matrix<double, N, N>;
    GaussianFitResult result;
    const int m = int(pixels.size());
    const int stride = (m + kLanes - 1) / kLanes * kLanes;
    thread_local std::vector<float> bufferA, bufferB;
    bufferA.resize(std::size_t(N + 1) * std::size_t(stride));
    bufferB.resize(bufferA.size());
    float* cur = bufferA.data();
    float* trial = bufferB.data();
    Vec p;
    if constexpr (N == 7)
        p << shape.x, shape.y, shape.amplitude, 1.0 / std::max(1e-12, shape.sigma() * shape.sigma()),
            background, 0.0, 0.0;
    else
        p << shape.x, shape.y, shape.amplitude, shape.a, shape.b, shape.c, background, 0.0, 0.0;
    if (!validColumn<N>(p, shape, limits)) return result;
    const int dof = m - N;
    double rss = evaluateColumn<N>(pixels, p.data(), cur, stride);
    Mat normal;
    Vec gradient;
    const bool pinSigma = N == 7 && limits.fixedSigma;
    // A pinned sigma: its row and column of the normal equations become the identity, so every step
    // leaves it where it started (and the covariance treats it as known).
    auto normalEquationsPinned = [&](const float* J) {
        normalEquations<N>(J, stride, normal, gradient);
        if (pinSigma) {
            normal.row(3).setZero(), normal.col(3).setZero();
            normal(3, 3) = 1, gradient[3] = 0;
        }
    };
    normalEquationsPinned(cur);
    double lambda = 1e-3, nu = 2, lastShift = 1e9;
    bool smallStep = false;
    for (int it = 0; it < limits.maxIterations; ++it) {
        result.iterations = it + 1;
        const Vec scale = normal.diagonal().cwiseMax(1e-12);
        Mat damped = normal;
        damped.diagonal() += lambda * scale;
        const Vec step = damped.ldlt().solve(gradient);
        const Vec next = p + step;
        const double shift = std::hypot(step[0], step[1]);
        bool accepted = false;
        if (step.allFinite() && validColumn<N>(next, shape, limits)) {
            const double trialRss = evaluateColumn<N>(pixels, next.data(), trial, stride);
            const double predicted = step.dot(lambda * scale.cwiseProduct(step) + gradient);
            const double rho = predicted > 0 ? (rss - trialRss) / predicted : -1;
            if (rho > 0 && std::isfinite(trialRss)) {
                accepted = true;
                const double relDrop = (rss - trialRss) / std::max(rss, 1e-300);
                p = next, rss = trialRss;
                std::swap(cur, trial);
                if (limits.residualsOnly && it + 1 == limits.maxIterations) {
                    lastShift = shift; // the last step: its normal equations would go unused
                    break;
                }
                normalEquationsPinned(cur);
                lambda *= std::max(1.0 / 3.0, 1.0 - std::pow(2 * rho - 1, 3));
                nu = 2;
                lastShift = shift;
                // Small in pixels, or against the position's standard error (a lower bound of it:
                // s^2 / H_xx ignores correlations, so the test errs on the strict side).
                const double se =
                    std::sqrt(rss / std::max(1, dof) / std::max({normal(0, 0), normal(1, 1), 1e-300}));
                if (shift < std::max(limits.tolerance, limits.relativeTolerance * se) && relDrop < 1e-4) {
                    smallStep = true;
                    break;
                }
            }
        }
        if (!accepted) {
            lambda *= nu, nu *= 2;
            if (lambda > 1e12) break;
        }
    }
    result.converged = smallStep || lastShift < std::max(1e-3, limits.tolerance) || lambda > 1e12;
    result.residualVariance = rss / std::max(1, dof);
    auto writeShape = [&] {
        shape.x = p[0], shape.y = p[1], shape.amplitude = p[2];
        if constexpr (N == 7)
            shape.a = shape.c = p[3], shape.b = 0;
        else
            shape.a = p[3], shape.b = p[4], shape.c = p[5];
        background = p[N - 3];
    };
    if (limits.residualsOnly) {
        result.positionVariance.assign(1, 0.0);
        writeShape();
        return result;
    }
    const Eigen::LDLT<Mat> ldlt(normal);
    const Mat hInv = ldlt.solve(Mat::Identity());
    Mat cov;
    if (limits.sandwich) {
        Mat meat;
        residualWeightedProducts<N>(cur, stride, trial, meat);
        cov = hInv * meat * hInv * (double(m) / std::max(1, dof));
    } else {
        cov = hInv * result.residualVariance;
    }
    if (ldlt.info() != Eigen::Success || !cov.allFinite()) result.converged = false;
    result.positionVariance.assign(1, 0.5 * (cov(0, 0) + cov(1, 1)));
    if (!(result.positionVariance[0] >= 0)) result.converged = false;
    writeShape();
    return result;
}

} // namespace

double GaussianShape::sigma() const {
    const double det = a * c - b * b;
    return det > 0 ? std::pow(det, -0.25) : 0.0;
}

double GaussianShape::volume() const {
    const double det = a * c - b * b;
    return det > 0 ? amplitude * 2 * kPi / std::sqrt(det) : 0.0;
}

double GaussianShape::at(double px, double py) const {
    const double dx = px - x, dy = py - y;
    const double Q = a * dx * dx + 2 * b * dx * dy + c * dy * dy;
    return Q > kCutoff ? 0.0 : amplitude * expNegative(-0.5 * Q);
}

GaussianShape GaussianShape::circular(double x, double y, double amplitude, double sigma) {
    GaussianShape s;
    s.x = x, s.y = y, s.amplitude = amplitude;
    s.a = s.c = 1.0 / (sigma * sigma), s.b = 0;
    return s;
}

GaussianFitResult fitGaussians(const FitPixels& pixels, std::vector<GaussianShape>& shapes,
                               double& background, const FitLimits& limits) {
    GaussianFitResult result;
    const int columns = int(shapes.size());
    const int n = columns * kPerColumn + kBackground;
    if (columns < 1 || columns > kMaxColumns || int(pixels.size()) <= n + 2) return result;
    if (columns == 1)
        return limits.circular ? fitColumn<7>(pixels, shapes[0], background, limits)
                               : fitColumn<9>(pixels, shapes[0], background, limits);
    Eigen::VectorXd p(n);
    for (int k = 0; k < columns; ++k) {
        const auto& s = shapes[std::size_t(k)];
        p.segment<kPerColumn>(k * kPerColumn) << s.x, s.y, s.amplitude, s.a, s.b, s.c;
    }
    p.tail<kBackground>() << background, 0.0, 0.0;
    if (!valid(p, columns, shapes, limits)) return result;

    Evaluation cur, trial;
    evaluate(pixels, p, columns, true, cur);
    double lambda = 1e-3, nu = 2;
    double lastShift = 1e9;
    bool smallStep = false;
    for (int it = 0; it < limits.maxIterations; ++it) {
        result.iterations = it + 1;
        Eigen::MatrixXd damped = cur.normal;
        for (int i = 0; i < n; ++i) damped(i, i) += lambda * std::max(cur.normal(i, i), 1e-12);
        const Eigen::VectorXd step = damped.ldlt().solve(cur.gradient);
        const Eigen::VectorXd next = p + step;
        double trialShift = 0;
        for (int k = 0; k < columns; ++k)
            trialShift = std::max(trialShift, std::hypot(step[k * kPerColumn], step[k * kPerColumn + 1]));
        bool accepted = false;
        if (step.allFinite() && valid(next, columns, shapes, limits)) {
            evaluate(pixels, next, columns, true, trial);
            const double predicted =
                step.dot(lambda * cur.normal.diagonal().cwiseMax(1e-12).cwiseProduct(step) + cur.gradient);
            const double rho = predicted > 0 ? (cur.rss - trial.rss) / predicted : -1;
            if (rho > 0 && std::isfinite(trial.rss)) {
                accepted = true;
                const double relDrop = (cur.rss - trial.rss) / std::max(cur.rss, 1e-300);
                p = next;
                std::swap(cur, trial);
                lambda *= std::max(1.0 / 3.0, 1.0 - std::pow(2 * rho - 1, 3));
                nu = 2;
                lastShift = trialShift;
                if (trialShift < limits.tolerance && relDrop < 1e-4) {
                    smallStep = true;
                    break;
                }
            }
        }
        if (!accepted) {
            lambda *= nu, nu *= 2;
            if (lambda > 1e12) break;
        }
    }
    // A minimum was reached when the last accepted step no longer moved the columns noticeably.
    result.converged = smallStep || lastShift < std::max(1e-3, limits.tolerance) || lambda > 1e12;
    const int dof = int(pixels.size()) - n;
    result.residualVariance = cur.rss / std::max(1, dof);
    // Sandwich (heteroscedasticity-consistent) covariance H^-1 (sum r^2 J J^T) H^-1 * m / (m - p):
    // Poisson noise is stronger on the column than on the support, which the plain s^2 H^-1 misses.
    Eigen::MatrixXd cov;
    Eigen::LDLT<Eigen::MatrixXd> ldlt;
    if (limits.sandwich) {
        Evaluation last;
        last.wantMeat = true;
        evaluate(pixels, p, columns, true, last);
        ldlt.compute(last.normal);
        const Eigen::MatrixXd hInv = ldlt.solve(Eigen::MatrixXd::Identity(n, n));
        cov = hInv * last.meat * hInv * (double(pixels.size()) / std::max(1, dof));
    } else {
        ldlt.compute(cur.normal);
        cov = ldlt.solve(Eigen::MatrixXd::Identity(n, n)) * result.residualVariance;
    }
    if (ldlt.info() != Eigen::Success || !cov.allFinite()) result.converged = false;
    result.positionVariance.resize(std::size_t(columns));
    for (int k = 0; k < columns; ++k) {
        const int o = k * kPerColumn;
        result.positionVariance[std::size_t(k)] = 0.5 * (cov(o, o) + cov(o + 1, o + 1));
        if (!(result.positionVariance[std::size_t(k)] >= 0)) result.converged = false;
        auto& s = shapes[std::size_t(k)];
        s.x = p[o], s.y = p[o + 1], s.amplitude = p[o + 2], s.a = p[o + 3], s.b = p[o + 4], s.c = p[o + 5];
    }
    background = p[n - kBackground]; // the plane's value at the reference point
    return result;
}

} // namespace atomlens
