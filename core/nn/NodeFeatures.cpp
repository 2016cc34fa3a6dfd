#include "core/nn/NodeFeatures.h"

#include "core/data/PointIndex.h"
#include "core/nn/DeviceGraphOpsTorch.h"
#include "core/nn/EgnnNetwork.h"

#include <algorithm>
#include <cmath>

namespace atomlens {
namespace {
constexpr int kAngles = 16;
constexpr double kRadii[] = {0.15, 0.30, 0.45}; // bond lengths
constexpr double kPi = 3.14159265358979323846;

double percentile(std::vector<float> v, double p) {
    if (v.empty()) return 0;
    const std::size_t k = std::min(v.size() - 1, std::size_t(p / 100 * double(v.size() - 1)));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return double(v[k]);
}

float sampleFinite(const Image& image, double x, double y) {
    const float v = image.sample(x, y);
    return std::isfinite(v) ? v : 0.0f;
}
} // namespace

const std::vector<std::string>& nodeFeatureNames() {
    static const std::vector<std::string> names = {"centre",       "ring1_mean",         "ring2_mean",
                                                   "ring3_mean",   "ring1_spread",       "ring2_spread",
                                                   "ring3_spread", "centre_minus_ring2", "disc"};
    return names;
}

std::vector<float> computeNodeFeatures(const Image& image, const std::vector<double>& x,
                                       const std::vector<double>& y, double bondLength) {
    const std::size_t n = x.size();
    const int f = int(nodeFeatureNames().size());
    std::vector<float> raw(n * std::size_t(f), 0.0f);
    std::vector<float> centres(n);
    double cosines[kAngles], sines[kAngles];
    for (int a = 0; a < kAngles; ++a)
        cosines[a] = std::cos(2 * kPi * a / kAngles), sines[a] = std::sin(2 * kPi * a / kAngles);
    for (std::size_t i = 0; i < n; ++i) {
        float* out = &raw[i * std::size_t(f)];
        out[0] = sampleFinite(image, x[i], y[i]);
        centres[i] = out[0];
        for (int r = 0; r < 3; ++r) {
            const double radius = kRadii[r] * bondLength;
            double sum = 0, sum2 = 0;
            for (int a = 0; a < kAngles; ++a) {
                const double v = sampleFinite(image, x[i] + radius * cosines[a], y[i] + radius * sines[a]);
                sum += v, sum2 += v * v;
            }
            const double mean = sum / kAngles;
            out[1 + r] = float(mean);
            out[4 + r] = float(std::sqrt(std::max(0.0, sum2 / kAngles - mean * mean)));
        }
        out[7] = out[0] - out[2];
        // Gaussian-weighted mean over the pixels within 0.3 bond lengths: far less noisy than one sample.
        const double reach = 0.3 * bondLength, s2 = 2 * (0.15 * bondLength) * (0.15 * bondLength);
        double wsum = 0, vsum = 0;
        for (int py = int(std::ceil(y[i] - reach)); py <= int(std::floor(y[i] + reach)); ++py)
            for (int px = int(std::ceil(x[i] - reach)); px <= int(std::floor(x[i] + reach)); ++px) {
                if (px < 0 || py < 0 || px >= image.width() || py >= image.height()) continue;
                const double d2 = (px - x[i]) * (px - x[i]) + (py - y[i]) * (py - y[i]);
                if (d2 > reach * reach) continue;
                const float v = image.at(px, py);
                if (!std::isfinite(v)) continue;
                const double w = std::exp(-d2 / s2);
                wsum += w, vsum += w * v;
            }
        out[8] = float(wsum > 0 ? vsum / wsum : out[0]);
    }
    // Normalise: background = 2nd percentile of the image, scale = 95th percentile of node centres.
    std::vector<float> pixels;
    // All pixels up to 4 Mpx (exactly invariant to rotating the image), a stride beyond.
    const std::size_t step = std::max<std::size_t>(1, image.size() >> 22);
    for (std::size_t i = 0; i < image.size(); i += step)
        if (std::isfinite(image.data()[i])) pixels.push_back(image.data()[i]);
    const double background = percentile(pixels, 2);
    const double scale = std::max(1e-6, percentile(centres, 95) - background);
    for (std::size_t i = 0; i < n; ++i) {
        float* out = &raw[i * std::size_t(f)];
        for (int k : {0, 1, 2, 3, 8}) out[k] = float((out[k] - background) / scale);
        for (int k = 4; k < 8; ++k) out[k] = float(out[k] / scale);
    }
    return raw;
}

std::vector<float> sublatticeContrast(const EgnnInput& input) {
    constexpr int kDisc = 8;
    std::vector<float> out(input.nodeCount, 0.0f);
    if (input.featureCount <= kDisc || input.nodeCount == 0) return out;
    const auto f = std::size_t(input.featureCount);
    const PointIndex index(std::vector<double>(input.x.begin(), input.x.end()),
                           std::vector<double>(input.y.begin(), input.y.end()));
    std::vector<std::pair<std::uint32_t, double>> near;
    std::vector<float> ring;
    for (std::size_t i = 0; i < input.nodeCount; ++i) {
        index.within(input.x[i], input.y[i], 2.1, near, false);
        ring.clear();
        for (const auto& [j, d] : near)
            if (j != i && d > 1.5) ring.push_back(input.features[std::size_t(j) * f + kDisc]);
        if (ring.empty()) continue;
        const auto mid = ring.begin() + std::ptrdiff_t(ring.size() / 2);
        std::nth_element(ring.begin(), mid, ring.end());
        const double own = input.features[i * f + kDisc];
        if (!(*mid > 1e-6)) continue;
        out[i] =
            float(std::clamp(std::log(std::max(own, 1e-6) / double(*mid)), std::log(0.25), std::log(2.0)));
    }
    return out;
}

EgnnInput makeEgnnInput(const Image& image, const LatticeGraph& graph, bool withRings) {
    EgnnInput in;
    in.nodeCount = graph.nodeCount();
    in.featureCount = int(nodeFeatureNames().size());
    const double bond = graph.bondLength > 0 ? graph.bondLength : 1.0;
    // On a GPU the samples are taken there (computeNodeFeaturesOnDevice gives the same values).
    const torch::Device device = preferredDevice();
    in.features = useDeviceGraphOps(device)
                      ? computeNodeFeaturesOnDevice(image, graph.x, graph.y, bond, device)
                      : computeNodeFeatures(image, graph.x, graph.y, bond);
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < in.nodeCount; ++i) mx += graph.x[i], my += graph.y[i];
    if (in.nodeCount) mx /= double(in.nodeCount), my /= double(in.nodeCount);
    in.x.resize(in.nodeCount), in.y.resize(in.nodeCount);
    for (std::size_t i = 0; i < in.nodeCount; ++i)
        in.x[i] = float((graph.x[i] - mx) / bond), in.y[i] = float((graph.y[i] - my) / bond);
    for (std::size_t i = 0; i < in.nodeCount; ++i)
        for (std::uint32_t k = graph.offsets[i]; k < graph.offsets[i + 1]; ++k) {
            in.edgeSource.push_back(std::int64_t(graph.neighbours[k]));
            in.edgeTarget.push_back(std::int64_t(i));
        }
    in.labels.assign(in.nodeCount, -1);
    if (withRings)
        for (std::size_t r = 0; r < graph.ringCount(); ++r) {
            for (std::uint32_t k = graph.ringOffsets[r]; k < graph.ringOffsets[r + 1]; ++k)
                in.groupNodes.push_back(graph.ringNodes[k]);
            in.groupOffsets.push_back(std::int64_t(in.groupNodes.size()));
            in.groupLabels.push_back(-1);
        }
    return in;
}

int EgnnPrediction::best(std::size_t item) const {
    const float* p = &probabilities[item * std::size_t(classCount)];
    return int(std::max_element(p, p + classCount) - p);
}

float EgnnPrediction::confidence(std::size_t item) const {
    return probabilities[item * std::size_t(classCount) + std::size_t(best(item))];
}

} // namespace atomlens
