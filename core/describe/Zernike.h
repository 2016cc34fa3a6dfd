#pragma once
#include "core/data/Image.h"

#include <string>
#include <utility>
#include <vector>

namespace atomlens {

/// Zernike moments of image patches on a fixed sampling grid over the unit disk. The magnitudes
/// |Z_nm| (n <= order, 0 <= m <= n, n - m even, Z_00 left out) do not change when the patch rotates,
/// which makes them the motif descriptor of Dan et al. (2022): order 10 gives 35 features.
class ZernikeBasis {
public:
    /// order >= 1; the disk is sampled on grid/2 rings x 2*grid angles (20 resolves order 10).
    explicit ZernikeBasis(int order = 10, int grid = 20);
    int order() const { return m_order; }
    int grid() const { return m_grid; }
    /// The (n, m) of each magnitude, in output order.
    const std::vector<std::pair<int, int>>& moments() const { return m_nm; }
    /// Feature names "zernike_n_m".
    std::vector<std::string> names() const;
    /// Sampling offsets of the polar grid points, in units of the radius (x, y pairs).
    const std::vector<float>& samplePoints() const { return m_points; }
    /// Magnitudes of the moments of one patch given as values at samplePoints() (normalised to zero
    /// mean and unit variance first, so contrast and brightness do not matter). out has moments().size().
    void magnitudes(const float* samples, float* out) const;
    /// The same for `count` patches stored one after another; patch c's magnitudes go to out + c * outStride.
    void magnitudesBatch(const float* samples, std::size_t count, float* out, std::size_t outStride) const;
    /// Samples the image (bilinear) at samplePoints() scaled by `radius` around (x, y).
    void sampleAt(const Image& image, double x, double y, double radius, float* samples) const;
    /// Samples the image (bilinear) in a disk of `radius` pixels around (x, y) and writes magnitudes.
    void magnitudesAt(const Image& image, double x, double y, double radius, float* out) const;

private:
    int m_order, m_grid;
    std::vector<std::pair<int, int>> m_nm;
    int m_rings = 0, m_angles = 0;
    std::vector<float> m_points;     ///< ring-major polar sample offsets
    std::vector<float> m_cos, m_sin; ///< cos/sin(m theta_j), harmonics x angles
    std::vector<float> m_radial;     ///< (n+1)/pi dA R_nm(rho_k), moments x rings
};

} // namespace atomlens
