#include "core/nn/EgnnModel.h"

#include "core/nn/DeviceGraphOpsTorch.h"

#include "core/data/Errors.h"
#include "core/data/PointIndex.h"
#include "core/nn/EgnnNetwork.h"
#include "core/nn/NodeFeatures.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>

namespace atomlens {

struct EgnnModel::Impl {
    std::vector<std::string> classes;
    EgnnArchitecture architecture;
    EgnnNetwork network{nullptr};
    torch::Device device = preferredDevice();
    double temperature = 1;
    GraphSettings graphSettings;
    std::vector<float> featureReference; ///< quartiles of the reference image's features (empty = off)
    /// Sublattice-contrast term (setSublatticeContrast): per class the centre of its labels' contrast,
    /// and the weight; empty = off.
    std::vector<float> contrastCentres;
    double contrastWeight = 0;

    /// Adds weight x (l mu_c - mu_c^2 / 2) to every node's logit of class c, l = sublatticeContrast.
    torch::Tensor withContrast(const torch::Tensor& logits, const EgnnInput& in) const {
        if (contrastCentres.size() != classes.size() || contrastWeight <= 0 || architecture.graphLevel)
            return logits;
        const std::vector<float> l = sublatticeContrast(in);
        const auto n = std::int64_t(l.size());
        const auto lt = torch::from_blob(const_cast<float*>(l.data()), {n, 1}, torch::kFloat32).clone();
        const auto mu = torch::from_blob(const_cast<float*>(contrastCentres.data()),
                                         {1, std::int64_t(contrastCentres.size())}, torch::kFloat32)
                            .clone();
        const auto term = (lt * mu - mu * mu * 0.5f) * float(contrastWeight);
        return logits + term.to(logits.device());
    }

    /// The input with its features aligned to the reference (the input itself when there is none).
    const EgnnInput& aligned(const EgnnInput& in, EgnnInput& storage) const {
        if (featureReference.empty() || in.nodeCount == 0) return in;
        const auto f = std::size_t(in.featureCount);
        if (featureReference.size() != 2 * f)
            throw std::invalid_argument("feature reference does not match the input's feature count");
        const std::vector<float> own = EgnnModel::featureQuartiles({in});
        storage = in;
        for (std::size_t k = 0; k < f; ++k) {
            const double lo = own[k], hi = own[f + k], refLo = featureReference[k],
                         refHi = featureReference[f + k];
            const double scale = hi - lo > 1e-6 && refHi - refLo > 1e-6 ? (refHi - refLo) / (hi - lo) : 1.0;
            for (std::size_t i = 0; i < in.nodeCount; ++i) {
                float& v = storage.features[i * f + k];
                v = float(refLo + (double(v) - lo) * scale);
            }
        }
        return storage;
    }

    void build(std::uint64_t seed) {
        torch::manual_seed(seed);
        network = EgnnNetwork(architecture.features, architecture.hidden, architecture.layers,
                              int(classes.size()), architecture.updateCoordinates);
        network->to(device);
    }
};

namespace {

struct GraphTensors {
    torch::Tensor features, x, source, target, labels, members, groupIndex;
    std::int64_t groupCount = 0;
};

/// Every ordered pair of distinct nodes within `reach` (the input's units: bond lengths), so a model can
/// see second neighbours (S - S and Mo - Mo at 1.73 bonds in MoS2) in one message-passing step instead
/// of two. Rotation- and translation-invariant like the Delaunay edges it replaces.
void radiusEdges(const EgnnInput& in, double reach, std::vector<std::int64_t>& source,
                 std::vector<std::int64_t>& target) {
    const PointIndex index(std::vector<double>(in.x.begin(), in.x.end()),
                           std::vector<double>(in.y.begin(), in.y.end()));
    std::vector<std::pair<std::uint32_t, double>> near;
    source.clear(), target.clear();
    for (std::size_t i = 0; i < in.nodeCount; ++i) {
        index.within(in.x[i], in.y[i], reach, near, true); // sorted: the same edge order every time
        for (const auto& [j, d] : near)
            if (j != i) source.push_back(std::int64_t(j)), target.push_back(std::int64_t(i));
    }
}

GraphTensors toTensors(const EgnnInput& in, const torch::Device& device, bool graphLevel, double edgeReach) {
    if (in.features.size() != in.nodeCount * std::size_t(in.featureCount) || in.x.size() != in.nodeCount ||
        in.y.size() != in.nodeCount || in.edgeSource.size() != in.edgeTarget.size())
        throw std::invalid_argument("EGNN input arrays have inconsistent sizes");
    for (auto e : in.edgeSource)
        if (e < 0 || std::size_t(e) >= in.nodeCount)
            throw std::invalid_argument("EGNN edge refers to a missing node");
    GraphTensors t;
    const auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
    const auto i64 = torch::TensorOptions().dtype(torch::kInt64);
    const auto n = std::int64_t(in.nodeCount);
    t.features = torch::from_blob(const_cast<float*>(in.features.data()), {n, in.featureCount}, f32)
                     .clone()
                     .to(device);
    auto xs = torch::from_blob(const_cast<float*>(in.x.data()), {n, 1}, f32);
    auto ys = torch::from_blob(const_cast<float*>(in.y.data()), {n, 1}, f32);
    t.x = torch::cat({xs, ys}, 1).to(device);
    if (edgeReach > 0 && useDeviceGraphOps(device)) { // on a GPU: all-pairs distances there
        radiusEdgesOnDevice(t.x, edgeReach, t.source, t.target);
    } else {
        std::vector<std::int64_t> reachSource, reachTarget;
        if (edgeReach > 0) radiusEdges(in, edgeReach, reachSource, reachTarget);
        const auto& edgeSource = edgeReach > 0 ? reachSource : in.edgeSource;
        const auto& edgeTarget = edgeReach > 0 ? reachTarget : in.edgeTarget;
        const auto e = std::int64_t(edgeSource.size());
        t.source =
            torch::from_blob(const_cast<std::int64_t*>(edgeSource.data()), {e}, i64).clone().to(device);
        t.target =
            torch::from_blob(const_cast<std::int64_t*>(edgeTarget.data()), {e}, i64).clone().to(device);
    }
    if (graphLevel) {
        t.groupCount = std::int64_t(in.groupCount());
        std::vector<std::int64_t> index;
        index.reserve(in.groupNodes.size());
        for (std::size_t g = 0; g < in.groupCount(); ++g)
            for (auto k = in.groupOffsets[g]; k < in.groupOffsets[g + 1]; ++k)
                index.push_back(std::int64_t(g));
        t.members = torch::tensor(in.groupNodes, i64).to(device);
        t.groupIndex = torch::tensor(index, i64).to(device);
        t.labels = torch::tensor(in.groupLabels, i64).to(device);
    } else {
        t.labels = torch::tensor(in.labels, i64).to(device);
    }
    return t;
}

torch::Tensor logitsOf(EgnnNetwork& net, const GraphTensors& t, const torch::Tensor& features,
                       bool graphLevel) {
    if (graphLevel)
        return net->forwardGroups(features, t.x, t.source, t.target, t.members, t.groupIndex, t.groupCount);
    return net->forwardNodes(features, t.x, t.source, t.target);
}

} // namespace

EgnnModel::EgnnModel(std::vector<std::string> classes, const EgnnArchitecture& architecture,
                     std::uint64_t seed)
    : m_impl(std::make_unique<Impl>()) {
    if (classes.size() < 2) throw std::invalid_argument("an EGNN classifier needs at least two classes");
    m_impl->classes = std::move(classes);
    m_impl->architecture = architecture;
    m_impl->build(seed);
}

EgnnModel::EgnnModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
EgnnModel::EgnnModel(EgnnModel&&) noexcept = default;
EgnnModel& EgnnModel::operator=(EgnnModel&&) noexcept = default;
EgnnModel::~EgnnModel() = default;

EgnnModel EgnnModel::clone() const {
    EgnnModel copy(m_impl->classes, m_impl->architecture);
    copy.m_impl->temperature = m_impl->temperature;
    copy.m_impl->graphSettings = m_impl->graphSettings;
    copy.m_impl->featureReference = m_impl->featureReference;
    copy.m_impl->contrastCentres = m_impl->contrastCentres;
    copy.m_impl->contrastWeight = m_impl->contrastWeight;
    torch::NoGradGuard guard;
    auto src = m_impl->network->named_parameters();
    auto dst = copy.m_impl->network->named_parameters();
    for (auto& item : src) dst[item.key()].copy_(item.value());
    return copy;
}

EgnnModel EgnnModel::load(const ModelCard& card) {
    if (card.kind != "egnn")
        throw InputError(card.cardPath, "is a '" + card.kind + "' model, not an EGNN sub-model");
    EgnnArchitecture a;
    a.features = card.architectureInt("features");
    a.hidden = card.architectureInt("hidden");
    a.layers = card.architectureInt("layers");
    a.updateCoordinates = card.architectureInt("update_coordinates") != 0;
    a.graphLevel = card.architectureInt("graph_level") != 0;
    if (const auto it = card.architecture.find("edge_reach"); it != card.architecture.end()) {
        try {
            a.edgeReach = std::stod(it->second);
        } catch (const std::exception&) {
            a.edgeReach = -1;
        }
        if (!(a.edgeReach >= 0 && a.edgeReach <= 4))
            throw InputError(card.cardPath,
                             "architecture.edge_reach must be 0-4 bond lengths: '" + it->second + "'");
    }
    if (a.features < 1 || a.hidden < 1 || a.hidden > 1024 || a.layers < 1 || a.layers > 16 ||
        card.classes.size() < 2)
        throw InputError(card.cardPath, "implausible EGNN architecture or fewer than two classes");
    EgnnModel model(card.classes, a);
    model.m_impl->temperature = card.calibration.temperature;
    model.m_impl->graphSettings = graphSettingsOf(card);
    if (const auto it = card.architecture.find("feature_reference"); it != card.architecture.end()) {
        std::istringstream in(it->second);
        float v = 0;
        while (in >> v) model.m_impl->featureReference.push_back(v);
        if (!in.eof() || model.m_impl->featureReference.size() != 2 * std::size_t(a.features))
            throw InputError(card.cardPath, "architecture.feature_reference must hold " +
                                                std::to_string(2 * a.features) + " numbers");
    }
    if (const auto it = card.architecture.find("contrast_centres"); it != card.architecture.end()) {
        std::istringstream in(it->second);
        float v = 0;
        while (in >> v) model.m_impl->contrastCentres.push_back(v);
        const auto w = card.architecture.find("contrast_weight");
        char* end = nullptr;
        const double weight = w == card.architecture.end() ? -1 : std::strtod(w->second.c_str(), &end);
        if (!in.eof() || model.m_impl->contrastCentres.size() != card.classes.size() ||
            !(weight >= 0 && weight <= 100))
            throw InputError(card.cardPath, "architecture.contrast_centres needs one number per class and "
                                            "contrast_weight a number from 0 to 100");
        model.m_impl->contrastWeight = weight;
    }
    try {
        torch::load(model.m_impl->network, card.weightsPath());
    } catch (const std::exception& e) {
        throw InputError(card.weightsPath(),
                         "cannot load EGNN weights (corrupt, or made for another architecture)");
    }
    model.m_impl->network->to(model.m_impl->device);
    return model;
}

void EgnnModel::saveWeights(ModelCard& card, const std::string& weightsPath) const {
    m_impl->network->to(torch::kCPU);
    torch::save(m_impl->network, weightsPath);
    m_impl->network->to(m_impl->device);
    card.kind = "egnn";
    card.classes = m_impl->classes;
    const auto& a = m_impl->architecture;
    char reach[32];
    std::snprintf(reach, sizeof reach, "%.3g", a.edgeReach);
    card.inputs.description =
        (a.edgeReach > 0
             ? "lattice graph nodes, edges between every pair within " + std::string(reach) + " bond lengths,"
             : std::string("lattice graph (Delaunay, edges up to 1.35 bond lengths)")) +
        " with per-node radial intensity "
        "profile (centre, mean and spread on rings of 0.15/0.3/0.45 bond lengths, Gaussian-weighted disc "
        "mean); positions in bond "
        "lengths";
    card.inputs.normalisation =
        "per image: (v - 2nd percentile of pixels) / (95th percentile of node centres - that)";
    card.inputs.channels = m_impl->architecture.features;
    card.parameterCount = parameterCount();
    card.weights = std::filesystem::path(weightsPath).filename().string();
    card.architecture = {{"features", std::to_string(a.features)},
                         {"hidden", std::to_string(a.hidden)},
                         {"layers", std::to_string(a.layers)},
                         {"update_coordinates", a.updateCoordinates ? "1" : "0"},
                         {"graph_level", a.graphLevel ? "1" : "0"}};
    if (a.edgeReach > 0) card.architecture["edge_reach"] = reach;
    card.calibration.temperature = m_impl->temperature;
    if (!m_impl->featureReference.empty()) {
        std::ostringstream ref;
        ref.precision(7);
        for (std::size_t k = 0; k < m_impl->featureReference.size(); ++k)
            ref << (k ? " " : "") << m_impl->featureReference[k];
        card.architecture["feature_reference"] = ref.str();
    }
    if (!m_impl->contrastCentres.empty()) {
        std::ostringstream centres, weight;
        centres.precision(7), weight.precision(7);
        for (std::size_t k = 0; k < m_impl->contrastCentres.size(); ++k)
            centres << (k ? " " : "") << m_impl->contrastCentres[k];
        weight << m_impl->contrastWeight;
        card.architecture["contrast_centres"] = centres.str();
        card.architecture["contrast_weight"] = weight.str();
    }
    recordGraphSettings(card, m_impl->graphSettings);
    stampWeights(card, weightsPath);
}

const std::vector<std::string>& EgnnModel::classes() const {
    return m_impl->classes;
}
const EgnnArchitecture& EgnnModel::architecture() const {
    return m_impl->architecture;
}

std::string EgnnModel::deviceName() const {
    return m_impl->device.is_cuda() ? "cuda" : "cpu";
}

std::int64_t EgnnModel::parameterCount() const {
    std::int64_t n = 0;
    for (const auto& p : m_impl->network->parameters()) n += p.numel();
    return n;
}

void EgnnModel::transferHead(std::vector<std::string> classes, const std::vector<EgnnInput>& labelled) {
    if (classes.size() < 2) throw std::invalid_argument("an EGNN classifier needs at least two classes");
    if (m_impl->architecture.graphLevel) return resetClasses(std::move(classes));
    torch::NoGradGuard guard;
    m_impl->network->eval();
    auto& net = m_impl->network;
    const auto newCount = std::int64_t(classes.size());
    const auto oldCount = std::int64_t(m_impl->classes.size());
    std::vector<torch::Tensor> hidden, probabilities;
    auto mass = torch::full({newCount, oldCount}, 1e-6, torch::kFloat64);
    for (const auto& g : labelled) {
        if (g.nodeCount == 0) continue;
        EgnnInput storage;
        const GraphTensors t =
            toTensors(m_impl->aligned(g, storage), m_impl->device, false, m_impl->architecture.edgeReach);
        const auto h = torch::silu(net->headHidden->forward(net->embed(t.features, t.x, t.source, t.target)))
                           .to(torch::kCPU, torch::kFloat64);
        const auto p = torch::softmax(net->headOut->forward(h.to(m_impl->device, torch::kFloat32)), 1)
                           .to(torch::kCPU, torch::kFloat64);
        for (std::size_t i = 0; i < g.labels.size(); ++i)
            if (g.labels[i] >= 0 && g.labels[i] < newCount) mass[g.labels[i]] += p[std::int64_t(i)];
        hidden.push_back(h), probabilities.push_back(p);
    }
    m_impl->classes = std::move(classes);
    m_impl->contrastCentres.clear(); // one centre per class: not for new classes
    net->resetHead(int(newCount));
    if (hidden.empty()) return void(net->to(m_impl->device));
    const auto share = mass / mass.sum(0, true);                        // [new, old]
    const auto p = torch::cat(probabilities, 0);                        // [N, old]
    const auto target = torch::log(torch::matmul(p, share.t()) + 1e-6); // [N, new]
    const auto h = torch::cat(hidden, 0);
    const auto x = torch::cat({h, torch::ones({h.size(0), 1}, h.options())}, 1);
    const auto ridge = torch::eye(x.size(1), h.options()) * (1e-3 * double(x.size(0)));
    const auto w = torch::linalg_solve(torch::matmul(x.t(), x) + ridge, torch::matmul(x.t(), target));
    const auto hiddenSize = h.size(1);
    net->headOut->weight.copy_(w.slice(0, 0, hiddenSize).t().to(torch::kFloat32));
    net->headOut->bias.copy_(w[hiddenSize].to(torch::kFloat32));
    net->to(m_impl->device);
}

void EgnnModel::shiftLogits(const std::vector<double>& shift) {
    if (shift.size() != m_impl->classes.size())
        throw std::invalid_argument("one logit shift per class is needed");
    torch::NoGradGuard guard;
    std::vector<float> values(shift.begin(), shift.end());
    m_impl->network->headOut->bias.add_(torch::tensor(values).to(m_impl->device));
}

const std::vector<float>& EgnnModel::featureReference() const {
    return m_impl->featureReference;
}

void EgnnModel::setFeatureReference(std::vector<float> quartiles) {
    if (!quartiles.empty() && quartiles.size() != 2 * std::size_t(m_impl->architecture.features))
        throw std::invalid_argument("a feature reference needs two values per node feature");
    m_impl->featureReference = std::move(quartiles);
}

void EgnnModel::setSublatticeContrast(std::vector<float> centres, double weight) {
    if (!centres.empty() && centres.size() != m_impl->classes.size())
        throw std::invalid_argument("one sublattice-contrast centre per class is needed");
    if (!(weight >= 0 && weight <= 100)) throw std::invalid_argument("contrast weight must be from 0 to 100");
    m_impl->contrastCentres = std::move(centres);
    m_impl->contrastWeight = weight;
}

const std::vector<float>& EgnnModel::sublatticeContrastCentres() const {
    return m_impl->contrastCentres;
}

std::vector<float> EgnnModel::featureQuartiles(const std::vector<EgnnInput>& graphs) {
    int f = 0;
    for (const auto& g : graphs) f = std::max(f, g.featureCount);
    std::vector<float> out(2 * std::size_t(f), 0.0f);
    std::vector<float> values;
    for (int k = 0; k < f; ++k) {
        values.clear();
        for (const auto& g : graphs)
            if (g.featureCount == f)
                for (std::size_t i = 0; i < g.nodeCount; ++i)
                    values.push_back(g.features[i * std::size_t(f) + std::size_t(k)]);
        if (values.empty()) continue;
        for (int q = 0; q < 2; ++q) {
            const auto at = std::ptrdiff_t(double(values.size() - 1) * (q == 0 ? 0.25 : 0.75));
            std::nth_element(values.begin(), values.begin() + at, values.end());
            out[std::size_t(q * f + k)] = values[std::size_t(at)];
        }
    }
    return out;
}

double EgnnModel::temperature() const {
    return m_impl->temperature;
}

void EgnnModel::setTemperature(double temperature) {
    if (!(temperature > 0.01 && temperature < 100))
        throw std::invalid_argument("calibration temperature must be between 0.01 and 100");
    m_impl->temperature = temperature;
}

const GraphSettings& EgnnModel::graphSettings() const {
    return m_impl->graphSettings;
}

void EgnnModel::setGraphSettings(const GraphSettings& settings) {
    m_impl->graphSettings = settings;
}

void EgnnModel::resetClasses(std::vector<std::string> classes) {
    if (classes.size() < 2) throw std::invalid_argument("an EGNN classifier needs at least two classes");
    m_impl->classes = std::move(classes);
    m_impl->contrastCentres.clear(); // one centre per class: not for new classes
    m_impl->network->resetHead(int(m_impl->classes.size()));
    m_impl->network->to(m_impl->device);
}

EgnnPrediction EgnnModel::predict(const EgnnInput& input) const {
    torch::NoGradGuard guard;
    m_impl->network->eval();
    const bool graphLevel = m_impl->architecture.graphLevel;
    EgnnPrediction out;
    out.classCount = int(m_impl->classes.size());
    out.itemCount = graphLevel ? input.groupCount() : input.nodeCount;
    if (out.itemCount == 0 || input.nodeCount == 0) return out;
    EgnnInput storage;
    const GraphTensors t = toTensors(m_impl->aligned(input, storage), m_impl->device, graphLevel,
                                     m_impl->architecture.edgeReach);
    const auto logits = m_impl->withContrast(logitsOf(m_impl->network, t, t.features, graphLevel), input) /
                        m_impl->temperature;
    const auto probs = torch::softmax(logits, 1).to(torch::kCPU).contiguous();
    out.probabilities.assign(probs.data_ptr<float>(), probs.data_ptr<float>() + probs.numel());
    return out;
}

std::vector<EgnnPrediction> EgnnModel::predictBatch(const std::vector<const EgnnInput*>& inputs) const {
    torch::NoGradGuard guard;
    m_impl->network->eval();
    const bool graphLevel = m_impl->architecture.graphLevel;
    std::vector<EgnnPrediction> out(inputs.size());
    if (!m_impl->contrastCentres.empty()) { // a per-graph logit term: one graph at a time
        for (std::size_t k = 0; k < inputs.size(); ++k) out[k] = predict(*inputs[k]);
        return out;
    }
    std::vector<torch::Tensor> features, x, source, target, members, groupIndex;
    std::vector<std::size_t> used; // inputs with items, in order
    std::int64_t nodes = 0, groups = 0;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        const EgnnInput& in = *inputs[k];
        out[k].classCount = int(m_impl->classes.size());
        out[k].itemCount = graphLevel ? in.groupCount() : in.nodeCount;
        if (out[k].itemCount == 0 || in.nodeCount == 0) continue;
        EgnnInput storage;
        // Per graph: its own feature alignment and edges (radius edges never join two graphs).
        const GraphTensors t = toTensors(m_impl->aligned(in, storage), m_impl->device, graphLevel,
                                         m_impl->architecture.edgeReach);
        features.push_back(t.features), x.push_back(t.x);
        source.push_back(t.source + nodes), target.push_back(t.target + nodes);
        if (graphLevel) members.push_back(t.members + nodes), groupIndex.push_back(t.groupIndex + groups);
        nodes += std::int64_t(in.nodeCount), groups += t.groupCount;
        used.push_back(k);
    }
    if (used.empty()) return out;
    GraphTensors all;
    all.features = torch::cat(features, 0), all.x = torch::cat(x, 0);
    all.source = torch::cat(source, 0), all.target = torch::cat(target, 0);
    if (graphLevel) {
        all.members = torch::cat(members, 0), all.groupIndex = torch::cat(groupIndex, 0);
        all.groupCount = groups;
    }
    const auto logits = logitsOf(m_impl->network, all, all.features, graphLevel) / m_impl->temperature;
    const auto probs = torch::softmax(logits, 1).to(torch::kCPU).contiguous();
    const float* p = probs.data_ptr<float>();
    for (std::size_t k : used) {
        const std::size_t n = out[k].itemCount * std::size_t(out[k].classCount);
        out[k].probabilities.assign(p, p + n);
        p += n;
    }
    return out;
}

bool EgnnModel::onGpu() const {
    return m_impl->device.is_cuda();
}

EgnnTrainReport EgnnModel::train(const std::vector<EgnnInput>& graphs, const EgnnTrainOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    const bool graphLevel = m_impl->architecture.graphLevel;
    const int classes = int(m_impl->classes.size());
    torch::manual_seed(options.seed);
    std::vector<GraphTensors> data;
    std::vector<double> counts(static_cast<std::size_t>(classes), 0.0);
    for (const auto& g : graphs) {
        EgnnInput storage;
        data.push_back(toTensors(m_impl->aligned(g, storage), m_impl->device, graphLevel,
                                 m_impl->architecture.edgeReach));
        for (auto l : graphLevel ? g.groupLabels : g.labels) {
            if (l >= classes) throw std::invalid_argument("a training label is outside the model's classes");
            if (l >= 0) counts[std::size_t(l)] += 1;
        }
    }
    double total = 0;
    for (double c : counts) total += c;
    if (total == 0) throw std::invalid_argument("no labelled items to train on");
    // Class weights ~ frequency^-power (default 1/sqrt): rare classes count more without flooding them
    // with false positives (full inverse frequency trades too much precision for recall). Unlabelled
    // classes get 0.
    std::vector<float> weights(static_cast<std::size_t>(classes));
    for (int c = 0; c < classes; ++c)
        weights[std::size_t(c)] =
            counts[std::size_t(c)] > 0
                ? float(std::pow(total / (classes * counts[std::size_t(c)]), options.classWeightPower))
                : 0.0f;
    const auto weightTensor = torch::tensor(weights).to(m_impl->device);
    std::vector<torch::Tensor> parameters = m_impl->network->parameters(), anchorWeights;
    if (options.headOnly) {
        parameters = m_impl->network->headHidden->parameters();
        for (const auto& p : m_impl->network->headOut->parameters()) parameters.push_back(p);
    }
    torch::optim::AdamW optimiser(
        parameters, torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));
    if (options.anchor > 0)
        for (const auto& p : parameters) anchorWeights.push_back(p.detach().clone());
    std::mt19937_64 rng(options.seed);
    std::vector<std::size_t> order(data.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    EgnnTrainReport report;
    m_impl->network->train();
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        if (options.cosineDecay) {
            const double progress = double(epoch) / double(std::max(1, options.epochs - 1));
            const double lr =
                options.learningRate * (0.05 + 0.95 * 0.5 * (1 + std::cos(3.14159265358979 * progress)));
            for (auto& group : optimiser.param_groups())
                static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
        }
        std::shuffle(order.begin(), order.end(), rng);
        double lossSum = 0, correct = 0, seen = 0;
        for (std::size_t k : order) {
            const auto& t = data[k];
            const auto mask = t.labels >= 0;
            if (!mask.any().item<bool>()) continue;
            auto features = t.features;
            if (options.intensityJitter > 0) {
                // Brightness scale on the intensity features, noise on all: imaging conditions vary.
                const float scale =
                    float(1.0 + options.intensityJitter *
                                    (2.0 * std::uniform_real_distribution<double>(0, 1)(rng) - 1.0));
                features = features * scale;
            }
            if (options.featureNoise > 0)
                features = features + torch::randn_like(features) * options.featureNoise;
            const auto logits = logitsOf(m_impl->network, t, features, graphLevel);
            const auto labelled = logits.index({mask});
            const auto targets = t.labels.index({mask});
            auto loss = torch::nn::functional::cross_entropy(
                labelled, targets, torch::nn::functional::CrossEntropyFuncOptions().weight(weightTensor));
            for (std::size_t k = 0; k < anchorWeights.size(); ++k)
                loss = loss + options.anchor * (parameters[k] - anchorWeights[k]).pow(2).sum();
            optimiser.zero_grad();
            loss.backward();
            if (options.clipGradNorm > 0) torch::nn::utils::clip_grad_norm_(parameters, options.clipGradNorm);
            optimiser.step();
            lossSum += loss.item<double>();
            correct += labelled.argmax(1).eq(targets).sum().item<double>();
            seen += double(targets.size(0));
        }
        report.lossHistory.push_back(lossSum / std::max<std::size_t>(1, data.size()));
        report.trainAccuracy = seen > 0 ? correct / seen : 0;
        report.epochs = epoch + 1;
        if (options.progress && !options.progress(epoch + 1, report.lossHistory.back(), report.trainAccuracy))
            break;
    }
    m_impl->network->eval();
    report.finalLoss = report.lossHistory.empty() ? 0 : report.lossHistory.back();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

double labelledAccuracy(const EgnnPrediction& prediction, const EgnnInput& input, bool graphLevel) {
    const auto& labels = graphLevel ? input.groupLabels : input.labels;
    double right = 0, total = 0;
    for (std::size_t i = 0; i < labels.size() && i < prediction.itemCount; ++i) {
        if (labels[i] < 0) continue;
        total += 1;
        right += prediction.best(i) == labels[i] ? 1 : 0;
    }
    return total > 0 ? right / total : 0;
}

} // namespace atomlens
