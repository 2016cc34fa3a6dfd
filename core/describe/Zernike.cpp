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
    // magnitudes stay invariant far better than on a square grid with its jagged rim.
    const int rings = std::max(4, grid / 2), angles = 2 * grid;
    for (int k = 0; k < rings; ++k)
        for (int j = 0; j < angles; ++j) {
            const double rho = (k + 0.5) / rings, theta = 2 * M_PI * j / angles;
            m_points.push_back(float(rho * std::cos(theta))),
                m_points.push_back(float(rho * std::sin(theta)));
            m_area.push_back(float(rho / rings * 2 * M_PI / angles));
        }
    const std::size_t p = m_points.size() / 2;
    m_re.resize(m_nm.size() * p), m_im.resize(m_nm.size() * p);
    for (std::size_t k = 0; k < m_nm.size(); ++k) {
        const auto [n, m] = m_nm[k];
        for (std::size_t s = 0; s < p; ++s) {
            const double u = m_points[2 * s], v = m_points[2 * s + 1];
            const double rho = std::hypot(u, v), theta = std::atan2(v, u);
            const double w = (n + 1) / M_PI * m_area[s] * radial(n, m, rho);
            m_re[k * p + s] = float(w * std::cos(m * theta));
            m_im[k * p + s] = float(-w * std::sin(m * theta));
        }
    }
}

std::vector<std::string> ZernikeBasis::names() const {
    std::vector<std::string> out;
    for (const auto& [n, m] : m_nm) out.push_back("zernike_" + std::to_string(n) + "_" + std::to_string(m));
    return out;
}

void ZernikeBasis::magnitudes(const float* samples, float* out) const {
    const std::size_t p = m_points.size() / 2;
    double mean = 0, sq = 0, area = 0;
    for (std::size_t s = 0; s < p; ++s) mean += m_area[s] * samples[s], area += m_area[s];
    mean /= area;
    for (std::size_t s = 0; s < p; ++s) sq += m_area[s] * (samples[s] - mean) * (samples[s] - mean);
    const double sd = std::sqrt(sq / area);
    const float scale = sd > 0 && std::isfinite(sd) ? float(1 / sd) : 0.f;
    thread_local std::vector<float> norm;
    norm.resize(p);
    for (std::size_t s = 0; s < p; ++s) norm[s] = float(samples[s] - mean) * scale;
    for (std::size_t k = 0; k < m_nm.size(); ++k) {
        const float* re = m_re.data() + k * p;
        const float* im = m_im.data() + k * p;
        float sr = 0, si = 0;
        for (std::size_t s = 0; s < p; ++s) sr += re[s] * norm[s], si += im[s] * norm[s];
        out[k] = std::sqrt(sr * sr + si * si);
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
