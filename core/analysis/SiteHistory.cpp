#include "core/analysis/SiteHistory.h"

#include "core/data/PointIndex.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace atomlens {
namespace {

/// Slowly varying background: smoothed, eroded over the window (the emptiest spots between columns),
/// smoothed again over the window.
cv::Mat localBackground(const Image& image, double window) {
    cv::Mat src(image.height(), image.width(), CV_32F);
    double sum = 0;
    std::size_t n = 0;
    for (float v : image.pixels())
        if (std::isfinite(v)) sum += v, ++n;
    const float fill = n ? float(sum / double(n)) : 0.0f;
    for (int y = 0; y < image.height(); ++y) {
        const float* in = image.row(y);
        float* o = src.ptr<float>(y);
        for (int x = 0; x < image.width(); ++x) o[x] = std::isfinite(in[x]) ? in[x] : fill;
    }
    const int k = std::max(3, int(std::lround(window)) | 1);
    cv::Mat smooth, eroded, bg;
    cv::GaussianBlur(src, smooth, cv::Size(0, 0), 2.0, 2.0, cv::BORDER_REFLECT);
    cv::erode(smooth, eroded, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)), cv::Point(-1, -1), 1,
              cv::BORDER_REFLECT);
    cv::blur(eroded, bg, cv::Size(k, k), cv::Point(-1, -1), cv::BORDER_REFLECT);
    return bg;
}

double median(std::vector<double> v) {
    if (v.empty()) return std::nan("");
    std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
    return v[v.size() / 2];
}

std::vector<float> amplitudesOver(const Image& image, const cv::Mat& bg, const FrameShift& drift,
                                  const std::vector<double>& xs, const std::vector<double>& ys, double sigma,
                                  double margin) {
    const int W = image.width(), H = image.height();
    const double radius = 2 * sigma, inv2s2 = 1.0 / (2 * sigma * sigma);
    std::vector<float> out(xs.size(), std::nanf(""));
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double cx = xs[i] + drift.dx, cy = ys[i] + drift.dy;
        if (!(cx >= margin && cy >= margin && cx <= W - 1 - margin && cy <= H - 1 - margin)) continue;
        double num = 0, den = 0;
        const int x0 = std::max(0, int(std::floor(cx - radius))),
                  x1 = std::min(W - 1, int(std::ceil(cx + radius)));
        const int y0 = std::max(0, int(std::floor(cy - radius))),
                  y1 = std::min(H - 1, int(std::ceil(cy + radius)));
        for (int y = y0; y <= y1; ++y) {
            const float* row = image.row(y);
            const float* b = bg.ptr<float>(y);
            for (int x = x0; x <= x1; ++x) {
                const double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                if (d2 > radius * radius || !std::isfinite(row[x])) continue;
                const double g = std::exp(-d2 * inv2s2);
                num += g * (row[x] - b[x]), den += g * g;
            }
        }
        if (den > 0) out[i] = float(num / den);
    }
    return out;
}

} // namespace

std::vector<SiteStateChange> siteStateChanges(const SiteHistory& h) {
    std::vector<SiteStateChange> out;
    for (int f = 1; f < h.frameCount; ++f)
        for (std::size_t s = 0; s < h.siteCount(); ++s) {
            if (s < h.analysed.size() && !h.analysed[s]) continue;
            const int before = h.state[h.at(s, f - 1)], after = h.state[h.at(s, f)];
            if (before < 0 || after < 0 || before == after) continue;
            out.push_back({s, f, h.stateNames[std::size_t(before)], h.stateNames[std::size_t(after)]});
        }
    return out;
}

std::vector<std::int32_t> honeycombSublattices(const std::vector<double>& x, const std::vector<double>& y,
                                               double bondLength) {
    const std::size_t n = x.size();
    std::vector<std::vector<std::size_t>> nb(n);
    const PointIndex index(x, y);
    for (std::size_t s = 0; s < n; ++s)
        for (const auto& [t, d] : index.within(x[s], y[s], 1.2 * bondLength))
            if (d > 0.8 * bondLength && d < 1.2 * bondLength) nb[s].push_back(t);
    std::vector<std::int32_t> colour(n, -1);
    for (std::size_t start = 0; start < n; ++start) { // two-colour each connected part breadth first
        if (colour[start] >= 0 || nb[start].empty()) continue;
        colour[start] = 0;
        std::vector<std::size_t> queue{start};
        for (std::size_t q = 0; q < queue.size(); ++q)
            for (std::size_t t : nb[queue[q]])
                if (colour[t] < 0) colour[t] = 1 - colour[queue[q]], queue.push_back(t);
    }
    for (int pass = 0; pass < 3; ++pass) // relax: each site takes the colour most of its bonds ask for
        for (std::size_t s = 0; s < n; ++s) {
            int votes[2] = {0, 0};
            for (std::size_t t : nb[s])
                if (colour[t] >= 0) ++votes[1 - colour[t]];
            if (votes[0] != votes[1]) colour[s] = votes[1] > votes[0] ? 1 : 0;
        }
    return colour;
}

std::vector<float> measureSiteAmplitudes(const Image& image, const FrameShift& drift,
                                         const std::vector<double>& x, const std::vector<double>& y,
                                         double sigma, double backgroundWindow, double margin) {
    if (image.empty() || sigma <= 0) return std::vector<float>(x.size(), std::nanf(""));
    return amplitudesOver(image, localBackground(image, backgroundWindow), drift, x, y, sigma, margin);
}

SiteHistory buildSiteHistory(const std::vector<Image>& frames, const std::vector<FrameShift>& drift,
                             const std::vector<double>& x, const std::vector<double>& y,
                             const std::vector<std::uint8_t>& observed, double bondLength,
                             const SiteParams& params, JobContext& job) {
    SiteHistory h;
    h.frameCount = int(frames.size());
    h.x = x, h.y = y;
    const std::size_t n = x.size(), F = frames.size();
    h.observed = observed.size() == n * F ? observed : std::vector<std::uint8_t>(n * F, 0);
    h.intensity.assign(n * F, std::nanf(""));
    h.state.assign(n * F, -1);
    h.stateNames = {"chalcogen", "chalcogen-vacancy", "metal", "metal-vacancy"};
    const double sigma = params.sigma > 0 ? params.sigma : 0.25 * bondLength;
    const double margin = params.margin > 0 ? params.margin : 3 * sigma;
    const double window = params.backgroundWindow > 0 ? params.backgroundWindow : 2 * bondLength;
    for (std::size_t f = 0; f < F; ++f) {
        job.throwIfCanceled();
        job.setProgress(std::int64_t(f), std::int64_t(F), "measuring sites");
        const FrameShift shift = drift.size() == F ? drift[f] : FrameShift{};
        const auto a = measureSiteAmplitudes(frames[f], shift, x, y, sigma, window, margin);
        for (std::size_t s = 0; s < n; ++s) h.intensity[s * F + f] = a[s];
    }
    h.analysed.assign(n, 0);
    for (std::size_t s = 0; s < n; ++s) {
        bool inside = F > 0;
        for (std::size_t f = 0; f < F && inside; ++f) inside = std::isfinite(h.intensity[s * F + f]);
        h.analysed[s] = inside;
    }
    // Sublattices from the positions; the brighter one is the metal.
    h.sublattice = honeycombSublattices(x, y, bondLength);
    std::vector<double> edges;
    const PointIndex index(x, y);
    for (std::size_t s = 0; s < n; ++s)
        for (const auto& [t, d] : index.within(x[s], y[s], 1.2 * bondLength))
            if (t > s && d > 0.8 * bondLength && d < 1.2 * bondLength) edges.push_back(d);
    h.latticeConstant = edges.empty() ? 0 : std::sqrt(3.0) * median(edges);
    h.kind.assign(n, "other");
    std::map<int, std::vector<double>> perBasis;
    std::vector<double> siteMedian(n, std::nan(""));
    for (std::size_t s = 0; s < n; ++s) {
        std::vector<double> v;
        for (std::size_t f = 0; f < F; ++f)
            if (std::isfinite(h.intensity[s * F + f])) v.push_back(h.intensity[s * F + f]);
        siteMedian[s] = median(v);
        if (h.sublattice[s] >= 0 && std::isfinite(siteMedian[s]))
            perBasis[h.sublattice[s]].push_back(siteMedian[s]);
    }
    if (perBasis.size() < 2) return h;
    int metal = -1;
    double brightest = -1e300;
    for (const auto& [b, v] : perBasis)
        if (const double m = median(v); m > brightest) brightest = m, metal = b;
    for (std::size_t s = 0; s < n; ++s)
        if (h.sublattice[s] >= 0) h.kind[s] = h.sublattice[s] == metal ? "metal" : "chalcogen";
    // Per-frame states relative to the frame's median of each kind (robust to dose changes).
    for (std::size_t f = 0; f < F; ++f) {
        std::vector<double> metalA, chalcA;
        for (std::size_t s = 0; s < n; ++s) {
            const float a = h.intensity[s * F + f];
            if (!std::isfinite(a)) continue;
            if (h.kind[s] == "metal") metalA.push_back(a);
            if (h.kind[s] == "chalcogen") chalcA.push_back(a);
        }
        const double metalLevel = median(metalA), chalcLevel = median(chalcA);
        for (std::size_t s = 0; s < n; ++s) {
            const float a = h.intensity[s * F + f];
            if (!std::isfinite(a) || h.kind[s] == "other") continue;
            const bool isMetal = h.kind[s] == "metal";
            const bool vacant = a < params.vacancyFraction * (isMetal ? metalLevel : chalcLevel);
            h.state[s * F + f] = std::int8_t((isMetal ? 2 : 0) + (vacant ? 1 : 0));
        }
    }
    return h;
}

} // namespace atomlens
