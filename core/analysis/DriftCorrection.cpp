#include "core/analysis/DriftCorrection.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace atomlens {
namespace {

constexpr double kPi = 3.14159265358979323846;

/// Mean-subtracted, Hann-windowed copy of the image, zero-padded to a fast DFT size.
cv::Mat windowed(const Image& image, int paddedW, int paddedH) {
    const int W = image.width(), H = image.height();
    double sum = 0;
    std::size_t n = 0;
    for (float v : image.pixels())
        if (std::isfinite(v)) sum += v, ++n;
    const double mean = n ? sum / double(n) : 0.0;
    cv::Mat out = cv::Mat::zeros(paddedH, paddedW, CV_32F);
    std::vector<double> wx(static_cast<std::size_t>(W)), wy(static_cast<std::size_t>(H));
    for (int x = 0; x < W; ++x) wx[std::size_t(x)] = 0.5 - 0.5 * std::cos(2 * kPi * (x + 0.5) / W);
    for (int y = 0; y < H; ++y) wy[std::size_t(y)] = 0.5 - 0.5 * std::cos(2 * kPi * (y + 0.5) / H);
    for (int y = 0; y < H; ++y) {
        const float* in = image.row(y);
        float* o = out.ptr<float>(y);
        for (int x = 0; x < W; ++x) {
            const double v = std::isfinite(in[x]) ? in[x] - mean : 0.0;
            o[x] = float(v * wx[std::size_t(x)] * wy[std::size_t(y)]);
        }
    }
    return out;
}

/// Sub-pixel offset of a peak from three samples (log-parabola = exact for a Gaussian peak).
double peakOffset(double left, double centre, double right) {
    const double floor = 1e-12;
    if (left <= floor || centre <= floor || right <= floor) { // fall back to a plain parabola
        const double d = left - 2 * centre + right;
        return d < 0 ? std::clamp(0.5 * (left - right) / d, -0.5, 0.5) : 0.0;
    }
    const double l = std::log(left), c = std::log(centre), r = std::log(right);
    const double d = l - 2 * c + r;
    return d < 0 ? std::clamp(0.5 * (l - r) / d, -0.5, 0.5) : 0.0;
}

} // namespace

FrameShift phaseCorrelate(const Image& reference, const Image& moving, const DriftParams& params) {
    if (reference.width() != moving.width() || reference.height() != moving.height())
        throw std::invalid_argument("phase correlation needs two images of the same size");
    if (reference.width() < 8 || reference.height() < 8)
        throw std::invalid_argument("phase correlation needs images of at least 8x8 pixels");
    const int W = cv::getOptimalDFTSize(reference.width()), H = cv::getOptimalDFTSize(reference.height());
    cv::Mat a = windowed(reference, W, H), b = windowed(moving, W, H), fa, fb, cross;
    cv::dft(a, fa, cv::DFT_COMPLEX_OUTPUT);
    cv::dft(b, fb, cv::DFT_COMPLEX_OUTPUT);
    cv::mulSpectrums(fb, fa, cross, 0, /*conjB=*/true); // peak at +shift
    const double s = std::max(0.0, params.lowPassSigma), alpha = std::clamp(params.whitening, 0.0, 1.0);
    double bound = 0; // Cauchy-Schwarz bound of the filtered correlation: the height of a perfect match
    for (int v = 0; v < H; ++v) {
        const double fy = double(v <= H / 2 ? v : v - H) / H;
        auto* row = cross.ptr<cv::Vec2f>(v);
        for (int u = 0; u < W; ++u) {
            const double fx = double(u <= W / 2 ? u : u - W) / W;
            const double mag = std::hypot(double(row[u][0]), double(row[u][1]));
            const double lowPass = std::exp(-2 * kPi * kPi * s * s * (fx * fx + fy * fy));
            const double g = mag > 0 ? lowPass / std::pow(mag, alpha) : 0.0;
            bound += g * mag;
            row[u][0] = float(row[u][0] * g), row[u][1] = float(row[u][1] * g);
        }
    }
    cv::Mat corr;
    cv::idft(cross, corr, cv::DFT_REAL_OUTPUT | cv::DFT_SCALE);
    const double maxShift =
        params.maxShift > 0 ? params.maxShift : 0.25 * std::min(reference.width(), reference.height());
    int bestU = 0, bestV = 0;
    float best = -1e30f;
    const int reach = int(std::ceil(maxShift));
    for (int dy = -reach; dy <= reach; ++dy)
        for (int dx = -reach; dx <= reach; ++dx) {
            if (dx * dx + dy * dy > maxShift * maxShift) continue;
            const int u = (dx + W) % W, v = (dy + H) % H;
            const float c = corr.at<float>(v, u);
            if (c > best) best = c, bestU = dx, bestV = dy;
        }
    auto at = [&](int dx, int dy) { return double(corr.at<float>((dy + 2 * H) % H, (dx + 2 * W) % W)); };
    FrameShift shift;
    shift.dx = bestU + peakOffset(at(bestU - 1, bestV), at(bestU, bestV), at(bestU + 1, bestV));
    shift.dy = bestV + peakOffset(at(bestU, bestV - 1), at(bestU, bestV), at(bestU, bestV + 1));
    shift.peak = bound > 0 ? std::clamp(double(best) * double(W) * double(H) / bound, 0.0, 1.0) : 0.0;
    return shift;
}

std::vector<FrameShift> estimateDrift(const std::vector<Image>& frames, const DriftParams& params,
                                      JobContext& job) {
    std::vector<FrameShift> drift(frames.size());
    if (frames.empty()) return drift;
    drift[0].peak = 1;
    for (std::size_t f = 1; f < frames.size(); ++f) {
        job.throwIfCanceled();
        job.setProgress(std::int64_t(f), std::int64_t(frames.size()), "drift correction");
        const FrameShift step = phaseCorrelate(frames[f - 1], frames[f], params);
        drift[f].dx = drift[f - 1].dx + step.dx;
        drift[f].dy = drift[f - 1].dy + step.dy;
        drift[f].peak = step.peak;
    }
    return drift;
}

} // namespace atomlens
