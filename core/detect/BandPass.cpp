#include "core/detect/BandPass.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace atomlens {
namespace {

cv::Mat wrap(Image& image) {
    return cv::Mat(image.height(), image.width(), CV_32F, image.data());
}
cv::Mat wrap(const Image& image) {
    return cv::Mat(image.height(), image.width(), CV_32F, const_cast<float*>(image.data()));
}

int kernelSize(double sigma) {
    return 2 * int(std::ceil(3.5 * sigma)) + 1;
}

} // namespace

FiniteImage replaceNonFinite(const Image& image) {
    FiniteImage out;
    out.image = image;
    std::vector<float> finite;
    finite.reserve(image.size());
    for (float v : image.pixels())
        if (std::isfinite(v)) finite.push_back(v);
    out.nonFinite = image.size() - finite.size();
    if (finite.empty()) {
        out.constant = true;
        std::fill(out.image.pixels().begin(), out.image.pixels().end(), 0.0f);
        return out;
    }
    const auto [lo, hi] = std::minmax_element(finite.begin(), finite.end());
    out.constant = *lo == *hi;
    if (out.nonFinite > 0) {
        auto mid = finite.begin() + std::ptrdiff_t(finite.size() / 2);
        std::nth_element(finite.begin(), mid, finite.end());
        const float median = *mid;
        // Normalised convolution: each hole gets the Gaussian-weighted mean of the finite pixels
        // around it, so a masked band blends into its surroundings instead of leaving sharp edges
        // (which would light up the FFT and the band-pass). Far from any finite pixel: the median.
        const int w = image.width(), h = image.height();
        cv::Mat values(h, w, CV_32F), weights(h, w, CV_32F);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const float v = image.at(x, y);
                const bool ok = std::isfinite(v);
                values.at<float>(y, x) = ok ? v : 0.0f;
                weights.at<float>(y, x) = ok ? 1.0f : 0.0f;
            }
        const double sigma = 8.0;
        cv::GaussianBlur(values, values, cv::Size(kernelSize(sigma), kernelSize(sigma)), sigma, sigma,
                         cv::BORDER_REFLECT);
        cv::GaussianBlur(weights, weights, cv::Size(kernelSize(sigma), kernelSize(sigma)), sigma, sigma,
                         cv::BORDER_REFLECT);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                float& v = out.image.at(x, y);
                if (std::isfinite(v)) continue;
                const float wsum = weights.at<float>(y, x);
                v = wsum > 1e-3f ? values.at<float>(y, x) / wsum : median;
            }
    }
    return out;
}

Image gaussianBlur(const Image& image, double sigma) {
    Image out = image;
    if (sigma <= 0 || image.empty()) return out;
    cv::Mat dst = wrap(out);
    cv::GaussianBlur(wrap(image), dst, cv::Size(kernelSize(sigma), kernelSize(sigma)), sigma, sigma,
                     cv::BORDER_REFLECT);
    return out;
}

double gaussianNoiseGain(double sigma) {
    if (sigma <= 0) return 1.0;
    const cv::Mat k = cv::getGaussianKernel(kernelSize(sigma), sigma, CV_64F);
    double s2 = 0;
    for (int i = 0; i < k.rows; ++i) s2 += k.at<double>(i) * k.at<double>(i);
    return s2; // (sum k^2) for the 1-D kernel squared over two axes, then the square root: sqrt(s2^2)
}

Image backgroundEnvelope(const Image& smoothed, double radius) {
    if (smoothed.empty()) return smoothed;
    const int w = smoothed.width(), h = smoothed.height();
    // Downsample so the window stays about 12-24 samples wide; the background varies slowly.
    const int factor = std::max(1, int(radius / 6));
    cv::Mat small;
    if (factor > 1) {
        cv::resize(wrap(smoothed), small, cv::Size(std::max(1, w / factor), std::max(1, h / factor)), 0, 0,
                   cv::INTER_AREA);
    } else {
        small = wrap(smoothed).clone();
    }
    const int r = std::max(1, int(std::lround(radius / factor)));
    const cv::Mat element = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * r + 1, 2 * r + 1));
    cv::Mat opened;
    cv::morphologyEx(small, opened, cv::MORPH_OPEN, element, cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
    const double s = std::max(1.0, radius / factor);
    cv::GaussianBlur(opened, opened, cv::Size(kernelSize(s), kernelSize(s)), s, s, cv::BORDER_REFLECT);
    Image out(w, h);
    cv::Mat dst = wrap(out);
    if (factor > 1)
        cv::resize(opened, dst, cv::Size(w, h), 0, 0, cv::INTER_LINEAR);
    else
        opened.copyTo(dst);
    return out;
}

double estimateNoiseSigma(const Image& image) {
    const int w = image.width(), h = image.height();
    if (w < 3 || h < 3) return 0.0;
    const std::size_t interior = std::size_t(w - 2) * std::size_t(h - 2);
    const int step = std::max(1, int(std::sqrt(double(interior) / 250000.0)));
    std::vector<float> responses;
    responses.reserve(interior / std::size_t(step * step) + 16);
    for (int y = 1; y < h - 1; y += step) {
        const float *a = image.row(y - 1), *b = image.row(y), *c = image.row(y + 1);
        for (int x = 1; x < w - 1; x += step) {
            // Immerkaer (1996): [1 -2 1; -2 4 -2; 1 -2 1], norm 6.
            const float m = a[x - 1] - 2 * a[x] + a[x + 1] - 2 * (b[x - 1] - 2 * b[x] + b[x + 1]) + c[x - 1] -
                            2 * c[x] + c[x + 1];
            responses.push_back(std::fabs(m));
        }
    }
    auto mid = responses.begin() + std::ptrdiff_t(responses.size() / 2);
    std::nth_element(responses.begin(), mid, responses.end());
    return double(*mid) / (0.6745 * 6.0);
}

} // namespace atomlens
