#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace atomlens {

/// A single-channel float32 image stored row-major. (x, y) = (column, row); pixel centres sit on
/// integer coordinates, so (0,0) is the centre of the top-left pixel.
class Image {
public:
    /// Largest pixel count one image may hold (about 1.1e9 pixels = 4 GiB of floats). Readers check
    /// declared sizes against it before allocating, so a corrupt header cannot exhaust memory.
    static constexpr std::int64_t kMaxPixels = std::int64_t(1) << 30;

    Image() = default;
    /// Throws std::invalid_argument for negative sizes or more than kMaxPixels pixels.
    Image(int width, int height, float fill = 0.0f);

    int width() const { return m_width; }
    int height() const { return m_height; }
    std::size_t size() const { return m_pixels.size(); }
    bool empty() const { return m_pixels.empty(); }

    float& at(int x, int y) { return m_pixels[std::size_t(y) * std::size_t(m_width) + std::size_t(x)]; }
    float at(int x, int y) const { return m_pixels[std::size_t(y) * std::size_t(m_width) + std::size_t(x)]; }
    float* row(int y) { return m_pixels.data() + std::size_t(y) * std::size_t(m_width); }
    const float* row(int y) const { return m_pixels.data() + std::size_t(y) * std::size_t(m_width); }
    float* data() { return m_pixels.data(); }
    const float* data() const { return m_pixels.data(); }
    std::vector<float>& pixels() { return m_pixels; }
    const std::vector<float>& pixels() const { return m_pixels; }

    /// Bilinear sample at a sub-pixel position; clamps to the border.
    float sample(double x, double y) const;

private:
    int m_width = 0;
    int m_height = 0;
    std::vector<float> m_pixels;
};

/// Summary statistics of an image, ignoring nothing (NaNs make min/max/mean NaN and are counted).
struct ImageStats {
    double sum = 0, mean = 0, min = 0, max = 0;
    std::size_t nonFinite = 0;
};
ImageStats imageStats(const Image& image);

} // namespace atomlens
