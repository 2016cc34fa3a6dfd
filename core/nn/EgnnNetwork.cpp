#include "core/nn/EgnnNetwork.h"

namespace atomlens {
namespace {
torch::nn::Sequential mlp(int in, int hidden, int out) {
    return torch::nn::Sequential(torch::nn::Linear(in, hidden), torch::nn::SiLU(),
                                 torch::nn::Linear(hidden, out));
}
} // namespace

EgnnLayerImpl::EgnnLayerImpl(int hidden, bool updateCoordinates) : updatesCoordinates(updateCoordinates) {
    edgeMlp = register_module("edge", mlp(2 * hidden + 1, hidden, hidden));
    nodeMlp = register_module("node", mlp(2 * hidden, hidden, hidden));
    attention = register_module("attention", torch::nn::Linear(hidden, 1));
    if (updateCoordinates) coordinateMlp = register_module("coordinate", mlp(hidden, hidden, 1));
}

std::pair<torch::Tensor, torch::Tensor> EgnnLayerImpl::forward(const torch::Tensor& h, const torch::Tensor& x,
                                                               const torch::Tensor& source,
                                                               const torch::Tensor& target,
                                                               const torch::Tensor& inverseDegree) {
    const auto diff = x.index_select(0, target) - x.index_select(0, source); // x_i - x_j, i = target
    const auto d2 = diff.pow(2).sum(1, true);
    auto m = edgeMlp->forward(torch::cat({h.index_select(0, target), h.index_select(0, source), d2}, 1));
    m = m * torch::sigmoid(attention->forward(m));
    const auto aggregated = torch::zeros_like(h).index_add_(0, target, m); // sum, as in Satorras et al.
    auto hOut = h + nodeMlp->forward(torch::cat({h, aggregated}, 1));
    auto xOut = x;
    if (updatesCoordinates) {
        const auto shift = torch::zeros_like(x).index_add_(0, target, diff * coordinateMlp->forward(m));
        xOut = x + shift * inverseDegree;
    }
    return {hOut, xOut};
}

EgnnNetworkImpl::EgnnNetworkImpl(int features, int hidden, int layerCount, int classes,
                                 bool updateCoordinates)
    : hiddenSize(hidden) {
    embedding = register_module("embedding", torch::nn::Linear(features, hidden));
    layers = register_module("layers", torch::nn::ModuleList());
    for (int i = 0; i < layerCount; ++i)
        layers->push_back(EgnnLayer(hidden, updateCoordinates && i + 1 < layerCount));
    headHidden = register_module("head_hidden", torch::nn::Linear(hidden, hidden));
    headOut = register_module("head_out", torch::nn::Linear(hidden, classes));
}

torch::Tensor EgnnNetworkImpl::embed(const torch::Tensor& features, const torch::Tensor& x,
                                     const torch::Tensor& source, const torch::Tensor& target) {
    const auto n = features.size(0);
    auto degree = torch::zeros({n, 1}, features.options())
                      .index_add_(0, target, torch::ones({target.size(0), 1}, features.options()));
    const auto inverseDegree = 1.0 / degree.clamp_min(1.0);
    auto h = embedding->forward(features);
    auto pos = x;
    for (const auto& module : *layers) {
        auto out = module->as<EgnnLayer>()->forward(h, pos, source, target, inverseDegree);
        h = out.first, pos = out.second;
    }
    return h;
}

torch::Tensor EgnnNetworkImpl::forwardNodes(const torch::Tensor& features, const torch::Tensor& x,
                                            const torch::Tensor& source, const torch::Tensor& target) {
    return headOut->forward(torch::silu(headHidden->forward(embed(features, x, source, target))));
}

torch::Tensor EgnnNetworkImpl::forwardGroups(const torch::Tensor& features, const torch::Tensor& x,
                                             const torch::Tensor& source, const torch::Tensor& target,
                                             const torch::Tensor& members, const torch::Tensor& groupIndex,
                                             std::int64_t groupCount) {
    const auto h = embed(features, x, source, target);
    auto pooled = torch::zeros({groupCount, h.size(1)}, h.options())
                      .index_add_(0, groupIndex, h.index_select(0, members));
    auto counts = torch::zeros({groupCount, 1}, h.options())
                      .index_add_(0, groupIndex, torch::ones({groupIndex.size(0), 1}, h.options()));
    pooled = pooled / counts.clamp_min(1.0);
    return headOut->forward(torch::silu(headHidden->forward(pooled)));
}

void EgnnNetworkImpl::resetHead(int classes) {
    headOut = replace_module("head_out", torch::nn::Linear(hiddenSize, classes));
}

} // namespace atomlens
