#include "core/nn/DeviceGraphOpsTorch.h"

#include "core/nn/EgnnNetwork.h"
#include "core/nn/NodeFeatures.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace atomlens {
namespace {

std::atomic<int>& modeFlag() {
    static std::atomic<int> mode{int(DeviceGraphOpsMode::Auto)};
    return mode;
}

constexpr int kAngles = 16;
constexpr double kRadii[] = {0.15, 0.30, 0.45}; // bond lengths, as computeNodeFeatures
constexpr double kPi = 3.14159265358979323846;

/// The k-th smallest (0-based k = p / 100 x (n - 1), as computeNodeFeatures' percentile) of a 1-D tensor.
double percentileOf(const torch::Tensor& values, double p) {
    const std::int64_t n = values.numel();
    if (n == 0) return 0;
    const auto k = std::min<std::int64_t>(n - 1, std::int64_t(p / 100 * double(n - 1)));
    return std::get<0>(torch::kthvalue(values, k + 1)).item<double>();
}

/// Rounds to float and back, as the CPU code stores each feature in a float between stages.
torch::Tensor asFloat(const torch::Tensor& t) {
    return t.to(torch::kFloat32).to(torch::kFloat64);
}

} // namespace

void setDeviceGraphOps(DeviceGraphOpsMode mode) {
    modeFlag() = int(mode);
}

DeviceGraphOpsMode deviceGraphOps() {
    return DeviceGraphOpsMode(modeFlag().load());
}

bool useDeviceGraphOps(const torch::Device& device) {
    const auto mode = DeviceGraphOpsMode(modeFlag().load());
    return mode == DeviceGraphOpsMode::On || (mode == DeviceGraphOpsMode::Auto && device.is_cuda());
}

void radiusEdgesOnDevice(const torch::Tensor& xy, double reach, torch::Tensor& source,
                         torch::Tensor& target) {
    const std::int64_t n = xy.size(0);
    const auto p = xy.to(torch::kFloat64);
    const auto longs = torch::TensorOptions().dtype(torch::kInt64).device(xy.device());
    // Blocks of rows against all points: about 4e7 distances (0.3 GB) at a time.
    const std::int64_t block =
        std::max<std::int64_t>(1, std::min<std::int64_t>(n, 40'000'000 / std::max<std::int64_t>(1, n)));
    std::vector<torch::Tensor> sources, targets;
    for (std::int64_t s = 0; s < n; s += block) {
        const std::int64_t e = std::min(n, s + block);
        const auto d2 = (p.slice(0, s, e).unsqueeze(1) - p.unsqueeze(0)).pow(2).sum(2); // (e - s) x n
        auto near = d2.le(reach * reach);
        const auto rows = torch::arange(s, e, longs);
        near.index_put_({rows - s, rows}, false); // no self edges
        const auto pairs = near.nonzero();        // (row, column), row-major
        targets.push_back(pairs.select(1, 0) + s);
        sources.push_back(pairs.select(1, 1));
    }
    source = sources.empty() ? torch::empty({0}, longs) : torch::cat(sources);
    target = targets.empty() ? torch::empty({0}, longs) : torch::cat(targets);
}

std::vector<float> computeNodeFeaturesOnDevice(const Image& image, const std::vector<double>& x,
                                               const std::vector<double>& y, double bondLength,
                                               const torch::Device& device) {
    const std::int64_t n = std::int64_t(x.size());
    if (n == 0 || image.empty()) return computeNodeFeatures(image, x, y, bondLength);
    const std::int64_t w = image.width(), h = image.height();
    const auto f64 = torch::TensorOptions().dtype(torch::kFloat64).device(device);
    const auto pixels = torch::from_blob(const_cast<float*>(image.data()), {w * h}, torch::kFloat32)
                            .to(device, torch::kFloat64);
    const auto xs = torch::tensor(x, torch::kFloat64).to(device).unsqueeze(1); // n x 1
    const auto ys = torch::tensor(y, torch::kFloat64).to(device).unsqueeze(1);

    // Image::sample (clamped bilinear, computed in double, stored as float); non-finite -> 0.
    const auto sample = [&](torch::Tensor sx, torch::Tensor sy) {
        sx = sx.clamp(0, double(w - 1)), sy = sy.clamp(0, double(h - 1));
        const auto x0 = sx.floor().clamp_max(double(w - 1)), y0 = sy.floor().clamp_max(double(h - 1));
        const auto x1 = (x0 + 1).clamp_max(double(w - 1)), y1 = (y0 + 1).clamp_max(double(h - 1));
        const auto fx = sx - x0, fy = sy - y0;
        const auto at = [&](const torch::Tensor& px, const torch::Tensor& py) {
            return pixels.take((py * double(w) + px).to(torch::kInt64));
        };
        const auto top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
        const auto bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
        const auto v = asFloat(top * (1 - fy) + bottom * fy);
        return torch::where(torch::isfinite(v), v, torch::zeros_like(v));
    };

    std::vector<torch::Tensor> columns(9);
    columns[0] = sample(xs, ys).squeeze(1);
    std::vector<double> cosines(kAngles), sines(kAngles);
    for (int a = 0; a < kAngles; ++a)
        cosines[std::size_t(a)] = std::cos(2 * kPi * a / kAngles),
        sines[std::size_t(a)] = std::sin(2 * kPi * a / kAngles);
    const auto cosT = torch::tensor(cosines, torch::kFloat64).to(device).unsqueeze(0);
    const auto sinT = torch::tensor(sines, torch::kFloat64).to(device).unsqueeze(0);
    for (int r = 0; r < 3; ++r) {
        const double radius = kRadii[r] * bondLength;
        const auto v = sample(xs + radius * cosT, ys + radius * sinT); // n x 16
        const auto mean = v.sum(1) / kAngles;
        columns[std::size_t(1 + r)] = asFloat(mean);
        columns[std::size_t(4 + r)] =
            asFloat(torch::sqrt(torch::clamp_min((v * v).sum(1) / kAngles - mean * mean, 0.0)));
    }
    columns[7] = asFloat(columns[0] - columns[2]);

    // Gaussian-weighted mean over the pixels within 0.3 bond lengths (the CPU loop's window).
    const double reach = 0.3 * bondLength, s2 = 2 * (0.15 * bondLength) * (0.15 * bondLength);
    const std::int64_t halfWindow = std::int64_t(std::ceil(reach)) + 1;
    const auto offsets = torch::arange(-halfWindow, halfWindow + 1, f64);
    const std::int64_t side = offsets.numel();
    const auto px = (xs.floor() + offsets.repeat({side}).unsqueeze(0));          // n x side^2
    const auto py = (ys.floor() + offsets.repeat_interleave(side).unsqueeze(0)); // n x side^2
    const auto d2 = (px - xs).pow(2) + (py - ys).pow(2);
    const auto inside = d2.le(reach * reach) & px.ge(0) & py.ge(0) & px.lt(double(w)) & py.lt(double(h));
    const auto index =
        (py.clamp(0, double(h - 1)) * double(w) + px.clamp(0, double(w - 1))).to(torch::kInt64);
    const auto values = asFloat(pixels.take(index));
    const auto use = inside & torch::isfinite(values);
    const auto weights = torch::where(use, torch::exp(-d2 / s2), torch::zeros_like(d2));
    const auto wsum = weights.sum(1);
    const auto vsum = (weights * torch::where(use, values, torch::zeros_like(values))).sum(1);
    columns[8] = asFloat(torch::where(wsum.gt(0), vsum / wsum.clamp_min(1e-300), columns[0]));

    // Normalisation: background = 2nd percentile of the image's finite pixels (all up to 4 Mpx, a stride
    // beyond), scale = 95th percentile of the node centres minus the background.
    const std::int64_t step = std::max<std::int64_t>(1, (w * h) >> 22);
    const auto strided = pixels.slice(0, 0, w * h, step).to(torch::kFloat32);
    const double background = percentileOf(strided.masked_select(torch::isfinite(strided)), 2);
    const double scale = std::max(1e-6, percentileOf(columns[0].to(torch::kFloat32), 95) - background);
    for (int k : {0, 1, 2, 3, 8}) columns[std::size_t(k)] = (columns[std::size_t(k)] - background) / scale;
    for (int k = 4; k < 8; ++k) columns[std::size_t(k)] = columns[std::size_t(k)] / scale;
    const auto out = torch::stack(columns, 1).to(torch::kCPU, torch::kFloat32).contiguous();
    return std::vector<float>(out.data_ptr<float>(), out.data_ptr<float>() + out.numel());
}

std::vector<std::pair<std::int64_t, std::int64_t>>
radiusEdgesWithTensors(const std::vector<float>& x, const std::vector<float>& y, double reach) {
    const auto n = std::int64_t(x.size());
    const auto xs = torch::tensor(x, torch::kFloat32).view({n, 1}),
               ys = torch::tensor(y, torch::kFloat32).view({n, 1});
    torch::Tensor source, target;
    radiusEdgesOnDevice(torch::cat({xs, ys}, 1).to(preferredDevice()), reach, source, target);
    source = source.to(torch::kCPU).contiguous(), target = target.to(torch::kCPU).contiguous();
    std::vector<std::pair<std::int64_t, std::int64_t>> out(std::size_t(source.numel()));
    for (std::size_t k = 0; k < out.size(); ++k)
        out[k] = {source.data_ptr<std::int64_t>()[k], target.data_ptr<std::int64_t>()[k]};
    return out;
}

std::vector<float> computeNodeFeaturesWithTensors(const Image& image, const std::vector<double>& x,
                                                  const std::vector<double>& y, double bondLength) {
    return computeNodeFeaturesOnDevice(image, x, y, bondLength, preferredDevice());
}

} // namespace atomlens
