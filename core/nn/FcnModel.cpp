#include "core/nn/FcnModel.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"
#include "core/nn/EgnnNetwork.h"
#include "core/nn/FcnNetwork.h"

#include <algorithm>

namespace atomlens {

namespace F = torch::nn::functional;

ConvBlockImpl::ConvBlockImpl(int in, int out) {
    conv1 = register_module("conv1",
                            torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).bias(false)));
    norm1 = register_module("norm1", torch::nn::BatchNorm2d(out));
    conv2 = register_module("conv2",
                            torch::nn::Conv2d(torch::nn::Conv2dOptions(out, out, 3).padding(1).bias(false)));
    norm2 = register_module("norm2", torch::nn::BatchNorm2d(out));
}

torch::Tensor ConvBlockImpl::forward(torch::Tensor x) {
    x = torch::relu(norm1(conv1(x)));
    return torch::relu(norm2(conv2(x)));
}

FcnNetImpl::FcnNetImpl(const FcnArchitecture& a) {
    const int b = a.baseChannels;
    enc1 = register_module("enc1", ConvBlock(1, b));
    enc2 = register_module("enc2", ConvBlock(b, 2 * b));
    middle = register_module("middle", ConvBlock(2 * b, 4 * b));
    dec2 = register_module("dec2", ConvBlock(6 * b, 2 * b));
    dec1 = register_module("dec1", ConvBlock(3 * b, b));
    head = register_module("head", torch::nn::Conv2d(torch::nn::Conv2dOptions(b, a.classes, 1)));
}

namespace {
torch::Tensor upsampleTo(const torch::Tensor& x, const torch::Tensor& like) {
    return F::interpolate(x, F::InterpolateFuncOptions()
                                 .size(std::vector<int64_t>{like.size(2), like.size(3)})
                                 .mode(torch::kNearest));
}
} // namespace

torch::Tensor FcnNetImpl::forward(torch::Tensor x) {
    const torch::Tensor e1 = enc1(x);
    const torch::Tensor e2 = enc2(F::max_pool2d(e1, F::MaxPool2dFuncOptions(2)));
    const torch::Tensor m = middle(F::max_pool2d(e2, F::MaxPool2dFuncOptions(2)));
    const torch::Tensor d2 = dec2(torch::cat({upsampleTo(m, e2), e2}, 1));
    const torch::Tensor d1 = dec1(torch::cat({upsampleTo(d2, e1), e1}, 1));
    return head(d1);
}

namespace {

std::unique_ptr<FcnModel::Impl> makeImpl(const FcnArchitecture& a) {
    if (a.baseChannels < 1 || a.baseChannels > 256 || a.classes < 1 || a.classes > 64)
        throw std::invalid_argument("FCN architecture out of range");
    auto impl = std::make_unique<FcnModel::Impl>();
    impl->architecture = a;
    impl->net = FcnNet(a);
    impl->device = preferredDevice();
    return impl;
}

int roundUp4(int v) {
    return (v + 3) / 4 * 4;
}

} // namespace

FcnModel::FcnModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

FcnModel::FcnModel(FcnArchitecture architecture, std::uint64_t seed) {
    torch::manual_seed(seed);
    m_impl = makeImpl(architecture);
    m_impl->net->to(m_impl->device);
}

FcnModel::~FcnModel() = default;
FcnModel::FcnModel(FcnModel&&) noexcept = default;
FcnModel& FcnModel::operator=(FcnModel&&) noexcept = default;

FcnModel FcnModel::load(const ModelCard& card) {
    if (card.kind != "fcn") throw InputError(card.cardPath, "model kind is '" + card.kind + "', not fcn");
    FcnArchitecture a;
    a.baseChannels = card.architectureInt("base_channels");
    a.classes = int(card.classes.size());
    std::unique_ptr<Impl> impl;
    try {
        impl = makeImpl(a);
    } catch (const std::invalid_argument&) {
        throw InputError(card.cardPath, "FCN architecture out of range");
    }
    const std::string path = card.weightsPath();
    try {
        torch::load(impl->net, path, torch::Device(torch::kCPU));
    } catch (const std::exception& e) {
        std::string why = e.what();
        why = why.substr(0, why.find('\n'));
        throw InputError(path, "cannot load FCN weights (corrupt or not made for this architecture): " + why);
    }
    FcnModel model(std::move(impl));
    if (model.parameterCount() != card.parameterCount)
        throw InputError(path, "weights have " + std::to_string(model.parameterCount()) +
                                   " parameters, the card says " + std::to_string(card.parameterCount));
    model.m_impl->net->to(model.m_impl->device);
    model.m_impl->net->eval();
    return model;
}

void FcnModel::save(const std::string& weightsPath) const {
    writeFileAtomically(weightsPath, [&](const std::string& tmp) {
        m_impl->net->to(torch::kCPU);
        torch::save(m_impl->net, tmp);
        m_impl->net->to(m_impl->device);
    });
}

const FcnArchitecture& FcnModel::architecture() const {
    return m_impl->architecture;
}

std::int64_t FcnModel::parameterCount() const {
    std::int64_t n = 0;
    for (const auto& p : m_impl->net->parameters()) n += p.numel();
    return n;
}

std::string FcnModel::deviceName() const {
    return m_impl->device.is_cuda() ? "cuda" : "cpu";
}

std::vector<Image> FcnModel::probabilities(const Image& normalised, const FcnTiling& tiling,
                                           JobContext& job) const {
    const int W = normalised.width(), H = normalised.height();
    const int classes = m_impl->architecture.classes;
    std::vector<Image> out(std::size_t(classes), Image(W, H));
    if (normalised.empty()) return out;
    // Pad to multiples of 4 (edge replicate) so pooling grids of all tiles line up with the whole image.
    const int Wp = roundUp4(W), Hp = roundUp4(H);
    torch::Tensor padded = torch::empty({1, 1, Hp, Wp}, torch::kFloat32);
    float* dst = padded.data_ptr<float>();
    for (int y = 0; y < Hp; ++y) {
        const float* src = normalised.row(std::min(y, H - 1));
        for (int x = 0; x < Wp; ++x)
            dst[std::size_t(y) * std::size_t(Wp) + std::size_t(x)] = src[std::min(x, W - 1)];
    }
    const int tile = tiling.tileSize <= 0 ? std::max(Wp, Hp) : roundUp4(std::max(4, tiling.tileSize));
    const int margin = tiling.tileSize <= 0 ? 0 : roundUp4(std::max(0, tiling.margin));
    const int tilesX = (Wp + tile - 1) / tile, tilesY = (Hp + tile - 1) / tile;
    torch::NoGradGuard noGrad;
    m_impl->net->eval();
    for (int ty = 0; ty < tilesY; ++ty)
        for (int tx = 0; tx < tilesX; ++tx) {
            job.throwIfCanceled();
            job.setProgress(ty * tilesX + tx, tilesX * tilesY, "FCN inference");
            const int x0 = tx * tile, y0 = ty * tile;
            const int x1 = std::min(Wp, x0 + tile), y1 = std::min(Hp, y0 + tile);
            const int rx0 = std::max(0, x0 - margin), ry0 = std::max(0, y0 - margin);
            const int rx1 = std::min(Wp, x1 + margin), ry1 = std::min(Hp, y1 + margin);
            torch::Tensor window =
                padded.slice(2, ry0, ry1).slice(3, rx0, rx1).contiguous().to(m_impl->device);
            torch::Tensor prob = torch::sigmoid(m_impl->net->forward(window)).to(torch::kCPU).contiguous();
            const float* p = prob.data_ptr<float>();
            const std::size_t ww = std::size_t(rx1 - rx0), plane = ww * std::size_t(ry1 - ry0);
            for (int c = 0; c < classes; ++c)
                for (int y = y0; y < std::min(y1, H); ++y)
                    for (int x = x0; x < std::min(x1, W); ++x)
                        out[std::size_t(c)].at(x, y) =
                            p[std::size_t(c) * plane + std::size_t(y - ry0) * ww + std::size_t(x - rx0)];
        }
    job.setProgress(tilesX * tilesY, tilesX * tilesY, "FCN inference");
    return out;
}

} // namespace atomlens
