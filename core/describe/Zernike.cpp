#include "core/describe/Zernike.h"

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
    for (int m = 0; m <= order; ++m)
        for (int j = 0; j < m_angles; ++j) {
            const double theta = 2 * M_PI * j / m_angles;
            m_cos[std::size_t(m * m_angles + j)] = float(std::cos(m * theta));
            m_sin[std::size_t(m * m_angles + j)] = float(std::sin(m * theta));
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
    // Area-weighted mean and standard deviation (every sample of ring k has area ~ rho_k).
    double mean = 0, sq = 0, area = 0;
    for (int k = 0; k < m_rings; ++k) {
        const double w = (k + 0.5);
        for (int j = 0; j < m_angles; ++j) {
            const double v = samples[k * m_angles + j];
            mean += w * v, sq += w * v * v, area += w;
        }
    }
    mean /= area;
    const double var = std::max(0.0, sq / area - mean * mean), sd = std::sqrt(var);
    const float scale = sd > 0 && std::isfinite(sd) ? float(1 / sd) : 0.f;
    const std::size_t harmonics = std::size_t(m_order + 1);
    thread_local std::vector<float> re, im;
    re.assign(harmonics * std::size_t(m_rings), 0.f), im.assign(re.size(), 0.f);
    for (int k = 0; k < m_rings; ++k) {
        const float* s = samples + k * m_angles;
        for (std::size_t m = 0; m < harmonics; ++m) {
            const float* c = m_cos.data() + m * std::size_t(m_angles);
            const float* sn = m_sin.data() + m * std::size_t(m_angles);
            float sr = 0, si = 0;
            for (int j = 0; j < m_angles; ++j) sr += c[j] * s[j], si += sn[j] * s[j];
            if (m == 0) sr -= float(mean) * float(m_angles); // mean removal touches m = 0 only
            re[m * std::size_t(m_rings) + std::size_t(k)] = sr,
                                          im[m * std::size_t(m_rings) + std::size_t(k)] = si;
        }
    }
    for (std::size_t q = 0; q < m_nm.size(); ++q) {
        const std::size_t m = std::size_t(m_nm[q].second);
        const float* w = m_radial.data() + q * std::size_t(m_rings);
        float zr = 0, zi = 0;
        for (int k = 0; k < m_rings; ++k)
            zr += w[k] * re[m * std::size_t(m_rings) + std::size_t(k)],
                zi += w[k] * im[m * std::size_t(m_rings) + std::size_t(k)];
        out[q] = scale * std::sqrt(zr * zr + zi * zi);
    }
}

void ZernikeBasis::magnitudesAt(const Image& image, double x, double y, double radius, float* out) const {
    const std::size_t p = m_points.size() / 2;
    thread_local std::vector<float> samples;
    samples.resize(p);
    for (std::size_t s = 0; s < p; ++s)
        samples[s] = image.sample(x + radius * m_points[2 * s], y + radius * m_points[2 * s + 1]);
    magnitudes(samples.data(), out);
}

} // namespace atomlens
