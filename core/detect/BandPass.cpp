#include "core/detect/BandPass.h"

#include "core/job/ParallelFor.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
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

/// Runs a neighbourhood filter over horizontal bands of `src` into `dst` (same size, not the same
/// pixels) on the job's threads. OpenCV's filters read the rows around a band from the parent image (a
/// band is an ROI) and extrapolate only at the parent's border, so the result is the one of a single
/// call on the whole image, bit for bit. Bands of at least 128 rows keep the re-filtered margins small.
void inBands(const cv::Mat& src, cv::Mat& dst, JobContext& job,
             const std::function<void(const cv::Mat&, cv::Mat&)>& filter) {
    const int h = src.rows, bands = std::max(1, h / 256);
    parallelFor(
        std::size_t(bands), 1,
        [&](std::size_t b0, std::size_t b1) {
            for (std::size_t b = b0; b < b1; ++b) {
                const int y0 = int(std::size_t(h) * b / std::size_t(bands)),
                          y1 = int(std::size_t(h) * (b + 1) / std::size_t(bands));
                cv::Mat out = dst.rowRange(y0, y1);
                filter(src.rowRange(y0, y1), out);
            }
        },
        job);
}

} // namespace

bool hasNonFinite(const Image& image) {
    const float* p = image.data();
    const std::size_t n = image.size();
    int bad = 0;
    // |v| <= FLT_MAX is false for NaN and infinities; written so that the loop vectorises.
    for (std::size_t i = 0; i < n; ++i) bad |= !(std::fabs(p[i]) <= std::numeric_limits<float>::max());
    return bad != 0;
}

FiniteImage replaceNonFinite(const Image& image) {
    FiniteImage out;
    out.image = image;
    if (!hasNonFinite(image)) { // the common case: no list of the finite values needed
        if (image.size() > 0) {
            const auto [lo, hi] = std::minmax_element(image.pixels().begin(), image.pixels().end());
            out.constant = *lo == *hi;
        } else {
            out.constant = true;
        }
        return out;
    }
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

Image gaussianBlur(const Image& image, double sigma, JobContext& job) {
    if (sigma <= 0 || image.empty()) return image;
    Image out(image.width(), image.height());
    cv::Mat dst = wrap(out);
    const int k = kernelSize(sigma);
    inBands(wrap(image), dst, job, [&](const cv::Mat& from, cv::Mat& to) {
        cv::GaussianBlur(from, to, cv::Size(k, k), sigma, sigma, cv::BORDER_REFLECT);
    });
    return out;
}

std::vector<float> sampledDifferenceOfGaussians(const Image& image, double sigma1, double sigma2,
                                                std::size_t stride, JobContext& job) {
    const std::size_t n = image.size(), w = std::size_t(image.width());
    stride = std::max<std::size_t>(1, stride);
    std::vector<float> out((n + stride - 1) / stride);
    if (n == 0) return out;
    const cv::Mat src = wrap(image);
    const int h = image.height(), bands = std::max(1, h / 256);
    const int k1 = kernelSize(sigma1), k2 = kernelSize(sigma2);
    parallelFor(
        std::size_t(bands), 1,
        [&](std::size_t b0, std::size_t b1) {
            cv::Mat fine, coarse;
            for (std::size_t b = b0; b < b1; ++b) {
                const int y0 = int(std::size_t(h) * b / std::size_t(bands)),
                          y1 = int(std::size_t(h) * (b + 1) / std::size_t(bands));
                // A band of rows is an ROI: OpenCV reads its neighbouring rows from the whole image.
                cv::GaussianBlur(src.rowRange(y0, y1), fine, cv::Size(k1, k1), sigma1, sigma1,
                                 cv::BORDER_REFLECT);
                cv::GaussianBlur(src.rowRange(y0, y1), coarse, cv::Size(k2, k2), sigma2, sigma2,
                                 cv::BORDER_REFLECT);
                const std::size_t first = std::size_t(y0) * w, last = std::size_t(y1) * w;
                for (std::size_t k = (first + stride - 1) / stride; k * stride < last; ++k) {
                    const std::size_t i = k * stride - first;
                    const int y = int(i / w), x = int(i % w);
                    out[k] = fine.at<float>(y, x) - coarse.at<float>(y, x);
                }
            }
        },
        job);
    return out;
}

Image backgroundEnvelope(const Image& smoothed, double radius, JobContext& job) {
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
    // Opening = erosion then dilation (as cv::morphologyEx does it), each in bands.
    cv::Mat eroded(small.size(), CV_32F), opened(small.size(), CV_32F);
    inBands(small, eroded, job, [&](const cv::Mat& from, cv::Mat& to) {
        cv::erode(from, to, element, cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
    });
    inBands(eroded, opened, job, [&](const cv::Mat& from, cv::Mat& to) {
        cv::dilate(from, to, element, cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
    });
    const double s = std::max(1.0, radius / factor);
    cv::Mat blurred(small.size(), CV_32F);
    inBands(opened, blurred, job, [&](const cv::Mat& from, cv::Mat& to) {
        cv::GaussianBlur(from, to, cv::Size(kernelSize(s), kernelSize(s)), s, s, cv::BORDER_REFLECT);
    });
    opened = blurred;
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
