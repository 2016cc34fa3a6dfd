#include "core/detect/ImageChecks.h"

#include "core/detect/BandPass.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace atomlens {

namespace {

/// Skewness of the finite values (the sampled pixels of an image).
double skewnessOf(const std::vector<float>& values) {
    double sum = 0;
    std::size_t count = 0;
    for (float v : values)
        if (std::isfinite(v)) sum += v, ++count;
    if (count < 16) return 0;
    const double mean = sum / double(count);
    double m2 = 0, m3 = 0;
    for (float value : values) {
        const double v = value;
        if (!std::isfinite(v)) continue;
        m2 += (v - mean) * (v - mean), m3 += (v - mean) * (v - mean) * (v - mean);
    }
    m2 /= double(count), m3 /= double(count);
    return m2 > 0 ? m3 / std::pow(m2, 1.5) : 0;
}

} // namespace

ImageContrastCheck checkImageContrast(const Image& image, JobContext& job) {
    ImageContrastCheck c;
    const std::size_t n = image.size();
    if (n == 0) return c;
    const std::size_t stride = std::max<std::size_t>(1, n / 1000000);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; i += stride) {
        const double v = image.pixels()[i];
        if (!std::isfinite(v)) continue;
        lo = std::min(lo, v), hi = std::max(hi, v), sum += v, ++count;
    }
    if (count < 16 || !(hi > lo)) return c;
    const double mean = sum / double(count);
    double m2 = 0, m3 = 0;
    std::size_t atMax = 0;
    for (std::size_t i = 0; i < n; i += stride) {
        const double v = image.pixels()[i];
        if (!std::isfinite(v)) continue;
        const double d = v - mean;
        m2 += d * d, m3 += d * d * d;
        atMax += v == hi;
    }
    m2 /= double(count), m3 /= double(count);
    (void)m3;
    // Skewness of the detail (difference of Gaussians, 1.5 and 6 px): atoms are sparse bright peaks on
    // any background; the whole image's skewness mostly measures the support and vacuum.
    {
        FiniteImage finite;
        if (hasNonFinite(image)) finite = replaceNonFinite(image);
        const Image& source = finite.image.empty() ? image : finite.image;
        // At a deterministic subsample of large images (about a million pixels).
        const std::size_t stride = std::max<std::size_t>(1, source.size() / 1000000);
        c.skewness = skewnessOf(sampledDifferenceOfGaussians(source, 1.5, 6.0, stride, job));
    }
    c.saturatedFraction = double(atMax) / double(count);
    c.inverted = c.skewness < -0.2; // real HAADF images here: +0.25 (single Pt atoms) to +2.2 (Re)
    char line[300];
    if (c.inverted) {
        std::snprintf(
            line, sizeof line,
            "the image looks inverted (dark columns on a bright background, skewness %.2f): detected "
            "on the reversed contrast; use --method classical to detect bright features as they are",
            c.skewness);
        c.warning = line;
    }
    if (c.saturatedFraction > 0.01) {
        std::snprintf(line, sizeof line,
                      "%.1f %% of the pixels are saturated at the maximum: clipped columns are flat-topped, "
                      "their positions and intensities are less certain",
                      100 * c.saturatedFraction);
        c.warning += (c.warning.empty() ? "" : "; ") + std::string(line);
    }
    return c;
}

Image invertedContrast(const Image& image) {
    Image out = image;
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    for (float v : image.pixels())
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    if (!(hi >= lo)) return out;
    for (float& v : out.pixels())
        if (std::isfinite(v)) v = hi + lo - v;
    return out;
}

} // namespace atomlens
