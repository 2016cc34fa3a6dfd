#include "core/detect/LatticeSpacing.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;

/// The central crop of at most `size` x `size` pixels as a double matrix.
cv::Mat centralCrop(const Image& image, int size) {
    const int w = std::min(image.width(), size), h = std::min(image.height(), size);
    const int x0 = (image.width() - w) / 2, y0 = (image.height() - h) / 2;
    cv::Mat crop(h, w, CV_64F);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) crop.at<double>(y, x) = image.at(x0 + x, y0 + y);
    return crop;
}

} // namespace

SpacingEstimate estimateLatticeSpacing(const Image& image, double minRatio) {
    SpacingEstimate out;
    const int n = std::min({image.width(), image.height(), 512});
    if (n < 32) return out;
    cv::Mat crop = centralCrop(image, n);
    crop = crop(cv::Rect((crop.cols - n) / 2, (crop.rows - n) / 2, n, n)).clone();
    crop -= cv::mean(crop)[0];
    for (int y = 0; y < n; ++y) {
        const double wy = 0.5 - 0.5 * std::cos(2 * kPi * (y + 0.5) / n);
        for (int x = 0; x < n; ++x)
            crop.at<double>(y, x) *= wy * (0.5 - 0.5 * std::cos(2 * kPi * (x + 0.5) / n));
    }
    cv::Mat spectrum;
    cv::dft(crop, spectrum, cv::DFT_COMPLEX_OUTPUT);
    // Periods from 6 px (a column needs a few pixels; shorter periods are scan or resampling
    // artefacts, e.g. a 4 px pattern in an upsampled image) to a quarter of the crop.
    const int rMax = n / 6, rMin = std::max(4, n / 256 * 4);
    std::vector<std::vector<double>> rings(std::size_t(rMax + 1)), angles(std::size_t(rMax + 1));
    for (int v = 0; v < n; ++v) {
        const int ky = v <= n / 2 ? v : v - n;
        for (int u = 0; u < n; ++u) {
            const int kx = u <= n / 2 ? u : u - n;
            if (ky < 0 || (ky == 0 && kx < 0)) continue; // the spectrum is Hermitian: half is enough
            const double r = std::sqrt(double(kx * kx + ky * ky));
            const int ri = int(std::lround(r));
            if (ri < rMin || ri > rMax) continue;
            const cv::Vec2d c = spectrum.at<cv::Vec2d>(v, u);
            rings[std::size_t(ri)].push_back(c[0] * c[0] + c[1] * c[1]);
            angles[std::size_t(ri)].push_back(std::atan2(double(ky), double(kx)));
        }
    }
    // Each ring: maximum over median. Thin rings hold few pixels, so widen the median's support to
    // the neighbouring rings for a stable reference.
    double best = 0;
    int bestR = -1;
    std::vector<double> ratio(std::size_t(rMax + 1), 0.0), medians(std::size_t(rMax + 1), 0.0);
    for (int r = rMin + 1; r < rMax; ++r) {
        std::vector<double> around;
        for (int q = r - 1; q <= r + 1; ++q) around.insert(around.end(), rings[q].begin(), rings[q].end());
        if (around.size() < 16) continue;
        auto mid = around.begin() + std::ptrdiff_t(around.size() / 2);
        std::nth_element(around.begin(), mid, around.end());
        const double median = *mid;
        medians[std::size_t(r)] = median;
        const double peak = *std::max_element(rings[r].begin(), rings[r].end());
        ratio[std::size_t(r)] = median > 0 ? peak / median : 0;
        // Strength: the reflection's power relative to the spectrum's noise level at that radius.
        if (ratio[std::size_t(r)] > best) best = ratio[std::size_t(r)], bestR = r;
    }
    // A Bragg peak's power grows with the number of unit cells (crop area) while the ring's noise
    // level grows with its square root: compare ratios as for a 512 x 512 crop.
    const double areaScale = (512.0 * 512.0) / (double(n) * double(n));
    for (double& r : ratio) r *= areaScale;
    best *= areaScale;
    out.peakRatio = best;
    // A lattice has two independent reflections: the strongest pixel (power over its ring's median)
    // whose direction differs by more than 20 degrees from the strongest one's.
    {
        double top = 0, topAngle = 0, second = 0;
        for (int pass = 0; pass < 2; ++pass)
            for (int r = rMin + 1; r < rMax; ++r) {
                if (!(medians[std::size_t(r)] > 0)) continue;
                for (std::size_t i = 0; i < rings[std::size_t(r)].size(); ++i) {
                    const double q = rings[std::size_t(r)][i] / medians[std::size_t(r)];
                    if (pass == 0) {
                        if (q > top) top = q, topAngle = angles[std::size_t(r)][i];
                    } else if (q > second) {
                        double d = std::fabs(angles[std::size_t(r)][i] - topAngle);
                        d = std::fmod(d, kPi);
                        d = std::min(d, kPi - d);
                        if (d > 20 * kPi / 180) second = q;
                    }
                }
            }
        out.secondRatio = second * areaScale;
    }
    if (bestR < 0 || out.secondRatio < minRatio) return out;

    // Lowest-order strong reflection: among rings above minRatio and at least a quarter of the best, the one
    // of largest period. Higher orders and combinations sit at larger radii.
    int chosen = bestR;
    for (int r = rMin + 1; r < bestR; ++r)
        if (ratio[std::size_t(r)] >= std::max(minRatio, 0.25 * best) &&
            ratio[std::size_t(r)] >= ratio[std::size_t(r - 1)] &&
            ratio[std::size_t(r)] >= ratio[std::size_t(r + 1)]) {
            chosen = r;
            break;
        }
    // Sub-ring precision: ratio-weighted centroid of the peak and its two neighbours.
    double wsum = 0, rsum = 0;
    for (int q = std::max(rMin, chosen - 1); q <= std::min(rMax, chosen + 1); ++q) {
        const double wq = std::max(0.0, ratio[std::size_t(q)] - 1.0);
        wsum += wq, rsum += wq * q;
    }
    const double rPeak = wsum > 0 ? rsum / wsum : chosen;
    out.lattice = true;
    out.spacing = n / rPeak;
    if (out.spacing < 5.5 || out.spacing > n / 4.0) out = SpacingEstimate{false, 0, best, out.secondRatio};
    return out;
}

double estimateBlobSigma(const Image& image, double maxSigma, int count, bool noiseNormalised) {
    const int n = 512;
    if (image.width() < 8 || image.height() < 8) return 1.0;
    cv::Mat crop = centralCrop(image, n);
    crop.convertTo(crop, CV_32F);
    maxSigma = std::max(1.0, std::min(maxSigma, std::min(crop.cols, crop.rows) / 6.0));
    double bestScore = -1, bestSigma = 1.0;
    std::vector<std::pair<double, double>> scores;
    for (double s = 0.7; s <= maxSigma * 1.0001; s *= 1.2) {
        const int k = 2 * int(std::ceil(3.5 * s)) + 1;
        cv::Mat blurred, lap;
        cv::GaussianBlur(crop, blurred, cv::Size(k, k), s, s, cv::BORDER_REFLECT);
        cv::Laplacian(blurred, lap, CV_32F, 1, 1.0, 0.0, cv::BORDER_REFLECT);
        lap *= -s * s; // scale-normalised, bright blobs positive
        double gain = 1.0;
        if (noiseNormalised) {
            // Response of the same filter to unit white noise: the impulse response's norm.
            const int m = 2 * k + 1;
            cv::Mat impulse = cv::Mat::zeros(m, m, CV_32F), b2, l2;
            impulse.at<float>(m / 2, m / 2) = 1.0f;
            cv::GaussianBlur(impulse, b2, cv::Size(k, k), s, s, cv::BORDER_CONSTANT);
            cv::Laplacian(b2, l2, CV_32F, 1, 1.0, 0.0, cv::BORDER_CONSTANT);
            gain = cv::norm(l2) * s * s;
        }
        // Local maxima over a window of the scale's size, strongest `count` averaged.
        const int r = std::max(1, int(std::lround(2 * s)));
        cv::Mat dilated;
        cv::dilate(lap, dilated, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * r + 1, 2 * r + 1)));
        std::vector<float> maxima;
        const int border = int(std::ceil(3 * s));
        for (int y = border; y < lap.rows - border; ++y)
            for (int x = border; x < lap.cols - border; ++x)
                if (lap.at<float>(y, x) >= dilated.at<float>(y, x) && lap.at<float>(y, x) > 0)
                    maxima.push_back(lap.at<float>(y, x));
        if (maxima.empty()) continue;
        const std::size_t take = std::min<std::size_t>(maxima.size(), std::size_t(std::max(1, count)));
        std::partial_sort(maxima.begin(), maxima.begin() + std::ptrdiff_t(take), maxima.end(),
                          std::greater<float>());
        double mean = 0;
        for (std::size_t i = 0; i < take; ++i) mean += maxima[i];
        mean /= double(take) * gain;
        scores.emplace_back(s, mean);
        if (mean > bestScore) bestScore = mean, bestSigma = s;
    }
    // Parabolic refinement in log-scale around the best sample.
    for (std::size_t i = 1; i + 1 < scores.size(); ++i)
        if (scores[i].first == bestSigma) {
            const double y0 = scores[i - 1].second, y1 = scores[i].second, y2 = scores[i + 1].second;
            const double denom = y0 - 2 * y1 + y2;
            if (denom < 0) {
                const double t = std::clamp(0.5 * (y0 - y2) / denom, -0.5, 0.5);
                bestSigma *= std::pow(1.2, t);
            }
        }
    return bestSigma;
}

} // namespace atomlens
