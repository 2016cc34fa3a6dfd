#include "core/describe/Zernike.h"

#include <Eigen/Core>

#include <cmath>
#include <stdexcept>

namespace atomlens {
namespace {

double factorial(int k) {
    double f = 1;
    for (int i = 2; i <= k; ++i) f *= i;
    return f;
}

double radial(int n, int m, double rho) {
    double r = 0;
    for (int k = 0; k <= (n - m) / 2; ++k) {
        const double c =
            factorial(n - k) / (factorial(k) * factorial((n + m) / 2 - k) * factorial((n - m) / 2 - k));
        r += (k % 2 ? -c : c) * std::pow(rho, n - 2 * k);
    }
    return r;
}

} // namespace

ZernikeBasis::ZernikeBasis(int order, int grid) : m_order(order), m_grid(grid) {
    if (order < 1 || order > 30) throw std::invalid_argument("Zernike order must be between 1 and 30");
    if (grid < 4 || grid > 256) throw std::invalid_argument("Zernike grid must be between 4 and 256");
    for (int n = 1; n <= order; ++n)
        for (int m = n % 2; m <= n; m += 2) m_nm.push_back({n, m});
    // A polar grid (rings x angles): rotating the patch shifts the samples along the angle, so the
    // magnitudes stay invariant far better than on a square grid with its jagged rim. The moments
    // separate into an angular DFT per ring and a radial sum.
    m_rings = std::max(4, grid / 2), m_angles = 2 * grid;
    for (int k = 0; k < m_rings; ++k)
        for (int j = 0; j < m_angles; ++j) {
            const double rho = (k + 0.5) / m_rings, theta = 2 * M_PI * j / m_angles;
            m_points.push_back(float(rho * std::cos(theta))),
                m_points.push_back(float(rho * std::sin(theta)));
        }
    m_cos.resize(std::size_t(order + 1) * std::size_t(m_angles)), m_sin.resize(m_cos.size());
    for (int j = 0; j < m_angles; ++j)
        for (int m = 0; m <= order; ++m) { // angle-major: the inner loop over m vectorises
            const double theta = 2 * M_PI * j / m_angles;
            m_cos[std::size_t(j * (order + 1) + m)] = float(std::cos(m * theta));
            m_sin[std::size_t(j * (order + 1) + m)] = float(std::sin(m * theta));
        }
    m_radial.resize(m_nm.size() * std::size_t(m_rings));
    for (std::size_t q = 0; q < m_nm.size(); ++q)
        for (int k = 0; k < m_rings; ++k) {
            const double rho = (k + 0.5) / m_rings, area = rho / m_rings * 2 * M_PI / m_angles;
            m_radial[q * std::size_t(m_rings) + std::size_t(k)] =
                float((m_nm[q].first + 1) / M_PI * area * radial(m_nm[q].first, m_nm[q].second, rho));
        }
}

std::vector<std::string> ZernikeBasis::names() const {
    std::vector<std::string> out;
    for (const auto& [n, m] : m_nm) out.push_back("zernike_" + std::to_string(n) + "_" + std::to_string(m));
    return out;
}

void ZernikeBasis::magnitudes(const float* samples, float* out) const {
    magnitudesBatch(samples, 1, out, 0);
}

void ZernikeBasis::magnitudesBatch(const float* samples, std::size_t count, float* out,
                                   std::size_t outStride) const {
    using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const std::size_t harmonics = std::size_t(m_order + 1), rings = std::size_t(m_rings),
                      angles = std::size_t(m_angles);
    const std::size_t perPatch = rings * angles;
    // The angular DFT of every ring of every patch as matrix products: Eigen's vectorised kernels do
    // the bulk of the work. The angles come in opposite pairs (theta, theta + pi), where
    // cos/sin(m theta) change sign for odd m only, so each ring is folded into sums (even m) and
    // differences (odd m) of the pairs first: (count*rings x angles/2) * (angles/2 x 2*harmonics)
    // twice, half the work of the unfolded product.
    const std::size_t half = angles / 2, evens = harmonics / 2 + harmonics % 2, odds = harmonics / 2;
    thread_local RowMatrix tableEven, tableOdd, folded, dftEven, dftOdd;
    if (tableEven.rows() != Eigen::Index(half) || tableEven.cols() != Eigen::Index(2 * evens) ||
        tableOdd.cols() != Eigen::Index(2 * odds)) {
        // Column m / 2 holds cos(m theta_j), column (count of that parity) + m / 2 sin(m theta_j).
        tableEven.resize(Eigen::Index(half), Eigen::Index(2 * evens));
        tableOdd.resize(Eigen::Index(half), Eigen::Index(2 * odds));
        for (std::size_t j = 0; j < half; ++j)
            for (std::size_t m = 0; m < harmonics; ++m) {
                RowMatrix& t = m % 2 ? tableOdd : tableEven;
                const std::size_t n = m % 2 ? odds : evens;
                t(Eigen::Index(j), Eigen::Index(m / 2)) = m_cos[j * harmonics + m];
                t(Eigen::Index(j), Eigen::Index(n + m / 2)) = m_sin[j * harmonics + m];
            }
    }
    const std::size_t rows = count * rings;
    folded.resize(Eigen::Index(2 * rows), Eigen::Index(half));
    for (std::size_t r = 0; r < rows; ++r) {
        const float* ring = samples + r * angles;
        float* plus = folded.data() + r * half;
        float* minus = folded.data() + (rows + r) * half;
        for (std::size_t j = 0; j < half; ++j)
            plus[j] = ring[j] + ring[j + half], minus[j] = ring[j] - ring[j + half];
    }
    dftEven.noalias() = folded.topRows(Eigen::Index(rows)) * tableEven;
    if (odds > 0) dftOdd.noalias() = folded.bottomRows(Eigen::Index(rows)) * tableOdd;
    for (std::size_t c = 0; c < count; ++c) {
        const float* patch = samples + c * perPatch;
        // Area-weighted mean and standard deviation (every sample of ring k has area ~ rho_k).
        double mean = 0, sq = 0, area = 0;
        for (std::size_t k = 0; k < rings; ++k) {
            const double w = double(k) + 0.5;
            double s1 = 0, s2 = 0;
            for (std::size_t j = 0; j < angles; ++j)
                s1 += patch[k * angles + j], s2 += double(patch[k * angles + j]) * patch[k * angles + j];
            mean += w * s1, sq += w * s2, area += w * double(angles);
        }
        mean /= area;
        const double sd = std::sqrt(std::max(0.0, sq / area - mean * mean));
        const float scale = sd > 0 && std::isfinite(sd) ? float(1 / sd) : 0.f;
        float* o = out + c * outStride;
        for (std::size_t q = 0; q < m_nm.size(); ++q) {
            const std::size_t m = std::size_t(m_nm[q].second);
            const float* w = m_radial.data() + q * rings;
            const RowMatrix& dft = m % 2 ? dftOdd : dftEven;
            const auto cosCol = Eigen::Index(m / 2), sinCol = Eigen::Index((m % 2 ? odds : evens) + m / 2);
            float zr = 0, zi = 0;
            for (std::size_t k = 0; k < rings; ++k) {
                const auto row = Eigen::Index(c * rings + k);
                float re = dft(row, cosCol);
                if (m == 0) re -= float(mean) * float(angles); // mean removal touches m = 0 only
                zr += w[k] * re, zi += w[k] * dft(row, sinCol);
            }
            o[q] = scale * std::sqrt(zr * zr + zi * zi);
        }
    }
}

void ZernikeBasis::sampleAt(const Image& image, double x, double y, double radius, float* samples) const {
    const std::size_t p = m_points.size() / 2;
    const int w = image.width(), h = image.height();
    if (x - radius >= 0 && y - radius >= 0 && x + radius < w - 1 && y + radius < h - 1) {
        // Fast path: the disk is inside, bilinear without clamping.
        const float* data = image.data();
        for (std::size_t s = 0; s < p; ++s) {
            const double sx = x + radius * m_points[2 * s], sy = y + radius * m_points[2 * s + 1];
            const int ix = int(sx), iy = int(sy);
            const float fx = float(sx - ix), fy = float(sy - iy);
            const float* r0 = data + std::size_t(iy) * std::size_t(w) + std::size_t(ix);
            const float* r1 = r0 + w;
            const float top = r0[0] + fx * (r0[1] - r0[0]), bottom = r1[0] + fx * (r1[1] - r1[0]);
            samples[s] = top + fy * (bottom - top);
        }
    } else {
        for (std::size_t s = 0; s < p; ++s)
            samples[s] = image.sample(x + radius * m_points[2 * s], y + radius * m_points[2 * s + 1]);
    }
}

void ZernikeBasis::magnitudesAt(const Image& image, double x, double y, double radius, float* out) const {
    thread_local std::vector<float> samples;
    samples.resize(m_points.size() / 2);
    sampleAt(image, x, y, radius, samples.data());
    magnitudes(samples.data(), out);
}

} // namespace atomlens
