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

/// exp(x) for x in [-kCutoff/2, 0] in single precision (about 2e-7 relative), written without
/// branches or calls so the single-column pixel loop below vectorises.
inline float expNegativeF(float x) {
    const float t = x * 1.44269504f;
    const int ti = int(t);
    const float fi = float(ti) - (float(ti) > t ? 1.0f : 0.0f);
    const float y = (t - fi) * 0.693147181f;
    const float poly =
        1.0f +
        y * (1.0f +
             y * (0.5f + y * (1.0f / 6 +
                              y * (1.0f / 24 + y * (1.0f / 120 + y * (1.0f / 720 + y * (1.0f / 5040)))))));
    const std::int32_t bits = (std::int32_t(fi) + 127) << 23;
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return poly * scale;
}

/// The single-column case (nearly every fit): everything in float, the Jacobian stored row by row
/// so the pixel loop vectorises, then J J^T by a symmetric rank update.
void evaluateSingle(const FitPixels& px, const double* p, bool withJacobian, Evaluation& out) {
    constexpr int n = kPerColumn + kBackground;
    const int m = int(px.size());
    thread_local Eigen::Matrix<float, n, Eigen::Dynamic, Eigen::RowMajor> J;
    thread_local Eigen::VectorXf residual;
    if (withJacobian) J.resize(n, m);
    residual.resize(m);
    const float x0 = float(p[0]), y0 = float(p[1]), A = float(p[2]), a = float(p[3]), b = float(p[4]),
                c = float(p[5]);
    const float b0 = float(p[6]), bx = float(p[7]), by = float(p[8]);
    const float* X = px.x.data();
    const float* Y = px.y.data();
    const float* V = px.v.data();
    float* r = residual.data();
    const float cutoff = float(kCutoff);
    if (withJacobian) {
        float *j0 = J.row(0).data(), *j1 = J.row(1).data(), *j2 = J.row(2).data(), *j3 = J.row(3).data();
        float *j4 = J.row(4).data(), *j5 = J.row(5).data(), *j6 = J.row(6).data(), *j7 = J.row(7).data();
        float* j8 = J.row(8).data();
        for (int i = 0; i < m; ++i) {
            const float dx = X[i] - x0, dy = Y[i] - y0;
            const float Q = std::min(a * dx * dx + 2 * b * dx * dy + c * dy * dy, cutoff);
            const float e = expNegativeF(-0.5f * Q), g = A * e;
            r[i] = V[i] - (b0 + bx * X[i] + by * Y[i] + g);
            j0[i] = g * (a * dx + b * dy);
            j1[i] = g * (b * dx + c * dy);
            j2[i] = e;
            j3[i] = -0.5f * g * dx * dx;
            j4[i] = -g * dx * dy;
            j5[i] = -0.5f * g * dy * dy;
            j6[i] = 1.0f;
            j7[i] = X[i];
            j8[i] = Y[i];
        }
    } else {
        for (int i = 0; i < m; ++i) {
            const float dx = X[i] - x0, dy = Y[i] - y0;
            const float Q = std::min(a * dx * dx + 2 * b * dx * dy + c * dy * dy, cutoff);
            r[i] = V[i] - (b0 + bx * X[i] + by * Y[i] + A * expNegativeF(-0.5f * Q));
        }
    }
    out.rss = double(residual.cast<double>().squaredNorm());
    if (!withJacobian) return;
    // 45 + 9 contiguous dot products: cheaper than a general product with packing for 9 rows.
    out.normal.resize(n, n);
    out.gradient.resize(n);
    for (int u = 0; u < n; ++u) {
        out.gradient[u] = double(J.row(u).dot(residual.transpose()));
        for (int t = u; t < n; ++t) out.normal(u, t) = out.normal(t, u) = double(J.row(u).dot(J.row(t)));
    }
    if (out.wantMeat) {
        const Eigen::Matrix<float, n, Eigen::Dynamic, Eigen::RowMajor> weighted = J * residual.asDiagonal();
        out.meat = (weighted * weighted.transpose()).cast<double>();
    }
}

void evaluate(const FitPixels& px, const Eigen::VectorXd& p, int columns, bool withJacobian,
              Evaluation& out) {
    if (columns == 1)
        evaluateSingle(px, p.data(), withJacobian, out);
    else if (columns == 2)
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
