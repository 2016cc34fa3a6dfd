#include "core/detect/NoiseModel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace atomlens {

double NoiseModel::variance(double mu) const {
    return std::max({slope * mu + intercept, floor, 1e-30});
}

std::string NoiseModel::describe() const {
    char line[160];
    if (slope > 0)
        std::snprintf(line, sizeof line, "gain %.4g, intercept %.4g (%s)", slope, intercept, source.c_str());
    else
        std::snprintf(line, sizeof line, "equal weights, variance %.4g (%s)", intercept, source.c_str());
    return line;
}

NoiseModel noiseFromDetector(double gain, double readNoise, double offset) {
    if (!(gain > 0) || !std::isfinite(gain)) throw std::invalid_argument("detector gain must be positive");
    if (!(readNoise >= 0) || !std::isfinite(readNoise) || !std::isfinite(offset))
        throw std::invalid_argument("read noise must be zero or positive and the offset finite");
    NoiseModel m;
    m.slope = gain;
    m.intercept = readNoise * readNoise - gain * offset;
    // A pixel at the dark level still has read noise and about one electron's shot noise.
    m.floor = std::max(readNoise * readNoise, 0.25 * gain * gain);
    m.source = "given";
    return m;
}

NoiseModel estimateNoiseModel(std::vector<NoiseSample> samples) {
    NoiseModel ls;
    samples.erase(
        std::remove_if(samples.begin(), samples.end(),
                       [](const NoiseSample& s) { return !std::isfinite(s.mu) || !std::isfinite(s.r2); }),
        samples.end());
    // A total order first, so the estimate does not depend on the order the samples arrived in (threads).
    std::sort(samples.begin(), samples.end(), [](const NoiseSample& a, const NoiseSample& b) {
        return a.mu < b.mu || (a.mu == b.mu && a.r2 < b.r2);
    });
    double meanR2 = 0;
    for (const auto& s : samples) meanR2 += s.r2;
    meanR2 /= std::max<std::size_t>(1, samples.size());
    ls.intercept = meanR2 > 0 ? meanR2 : 1.0;
    ls.floor = 0;
    if (samples.size() < 400) return ls;
    if (!(meanR2 > 0)) {
        ls.intercept = 1.0, ls.source = "noise-free";
        return ls;
    }
    std::sort(samples.begin(), samples.end(),
              [](const NoiseSample& a, const NoiseSample& b) { return a.mu < b.mu; });
    const std::size_t bins = std::min<std::size_t>(32, samples.size() / 200);
    std::vector<double> bmu, bvar, bn;
    std::vector<float> r2;
    for (std::size_t b = 0; b < bins; ++b) {
        const std::size_t i0 = samples.size() * b / bins, i1 = samples.size() * (b + 1) / bins;
        r2.clear();
        double mu = 0;
        for (std::size_t i = i0; i < i1; ++i) r2.push_back(samples[i].r2), mu += samples[i].mu;
        mu /= double(i1 - i0);
        auto mid = r2.begin() + std::ptrdiff_t(r2.size() / 2);
        std::nth_element(r2.begin(), mid, r2.end());
        // The median of a chi-square(1) variable is 0.455 x its mean; a bin of mostly exact zeros
        // (quantised data) falls back to the plain mean.
        const double robust = *mid > 0 ? double(*mid) / 0.455 : 0.0;
        double sum = 0, n = 0;
        for (float v : r2)
            if (robust <= 0 || v <= 25 * robust) sum += v, n += 1;
        if (n < 10) continue;
        bmu.push_back(mu), bvar.push_back(sum / n), bn.push_back(n);
    }
    if (bmu.size() < 4) return ls;
    // Weighted straight line var = s mu + c; the weight of a bin is n / var^2 (the variance of a mean
    // of squared Gaussian residuals is 2 var^2 / n), from the previous line.
    double s = 0, c = 0;
    std::vector<double> fitted = bvar;
    for (int iteration = 0; iteration < 4; ++iteration) {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (std::size_t i = 0; i < bmu.size(); ++i) {
            const double w = bn[i] / std::pow(std::max(fitted[i], 1e-30), 2);
            sw += w, sx += w * bmu[i], sy += w * bvar[i], sxx += w * bmu[i] * bmu[i],
                sxy += w * bmu[i] * bvar[i];
        }
        const double det = sw * sxx - sx * sx;
        s = det > 0 ? (sw * sxy - sx * sy) / det : 0.0;
        if (!(s > 0)) s = 0;
        c = (sy - s * sx) / sw;
        for (std::size_t i = 0; i < bmu.size(); ++i) fitted[i] = std::max(s * bmu[i] + c, 1e-3 * bvar[i]);
    }
    // How well the line describes the bins: relative deviations against the sampling error.
    double dev2 = 0, stat2 = 0, meanVar = 0, totalN = 0;
    for (std::size_t i = 0; i < bmu.size(); ++i) {
        const double rel = (bvar[i] - fitted[i]) / fitted[i];
        dev2 += rel * rel, stat2 += 2.0 / bn[i];
        meanVar += bn[i] * bvar[i], totalN += bn[i];
    }
    meanVar /= totalN;
    const double relDev = std::sqrt(dev2 / double(bmu.size())),
                 relStat = std::sqrt(stat2 / double(bmu.size()));
    const double muLo = bmu.front(), muHi = bmu.back();
    const double lo = s * muLo + c, hi = s * muHi + c;
    ls.intercept = meanVar;
    ls.source = "least squares (estimated)";
    if (s <= 0 || !(lo > 0) || hi < 1.1 * lo || relDev > std::max(3 * relStat, 0.15)) return ls;
    NoiseModel m;
    m.slope = s, m.intercept = c;
    m.floor = 0.5 * *std::min_element(bvar.begin(), bvar.end());
    m.source = "estimated";
    return m;
}

} // namespace atomlens
