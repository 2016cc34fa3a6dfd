#include "core/nn/ModelCard.h"

#include "core/base/AtomicFile.h"
#include "core/data/DataPaths.h"
#include "core/data/Errors.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace atomlens {

namespace {

YAML::Node required(const YAML::Node& parent, const std::string& key, const std::string& where,
                    const std::string& file) {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull()) throw InputError(file, "model card is missing '" + where + key + "'");
    return n;
}

template <class T> T as(const YAML::Node& n, const std::string& key, const std::string& file) {
    try {
        return n.as<T>();
    } catch (const YAML::Exception&) {
        throw InputError(file, "model card field '" + key + "' has the wrong type");
    }
}

std::string text(const YAML::Node& parent, const std::string& key, const std::string& where,
                 const std::string& file) {
    const std::string v = as<std::string>(required(parent, key, where, file), where + key, file);
    if (v.empty()) throw InputError(file, "model card field '" + where + key + "' is empty");
    return v;
}

} // namespace

std::string ModelCard::weightsPath() const {
    const fs::path w(weights);
    if (w.is_absolute() || cardPath.empty()) return w.string();
    return (fs::path(cardPath).parent_path() / w).string();
}

int ModelCard::architectureInt(const std::string& key) const {
    const auto it = architecture.find(key);
    if (it == architecture.end()) throw InputError(cardPath, "model card has no architecture." + key);
    try {
        std::size_t used = 0;
        const int v = std::stoi(it->second, &used);
        if (used != it->second.size()) throw std::invalid_argument(key);
        return v;
    } catch (const std::exception&) {
        throw InputError(cardPath, "architecture." + key + " is not an integer: '" + it->second + "'");
    }
}

std::string fileChecksum(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open file");
    std::uint64_t h = 1469598103934665603ull;
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        for (std::streamsize i = 0; i < in.gcount(); ++i) {
            h ^= std::uint8_t(buffer[i]);
            h *= 1099511628211ull;
        }
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

void stampWeights(ModelCard& card, const std::string& weightsPath) {
    card.weightsBytes = std::uint64_t(fs::file_size(weightsPath));
    card.weightsChecksum = fileChecksum(weightsPath);
}

ModelCard loadModelCard(const std::string& path) {
    if (!fs::is_regular_file(path)) throw InputError(path, "model card not found");
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::Exception& e) {
        throw InputError(path, std::string("model card is not valid YAML: ") + e.what());
    }
    if (!root.IsMap()) throw InputError(path, "model card is not a YAML mapping");
    ModelCard c;
    c.cardPath = path;
    c.name = text(root, "name", "", path);
    c.kind = text(root, "kind", "", path);
    if (c.kind != "fcn" && c.kind != "egnn")
        throw InputError(path, "model kind must be fcn or egnn, not '" + c.kind + "'");
    c.description = text(root, "description", "", path);

    const YAML::Node in = required(root, "inputs", "", path);
    c.inputs.description = text(in, "description", "inputs.", path);
    c.inputs.normalisation = text(in, "normalisation", "inputs.", path);
    c.inputs.channels = as<int>(required(in, "channels", "inputs.", path), "inputs.channels", path);
    const YAML::Node px = required(in, "pixel_size_angstrom", "inputs.", path);
    if (!px.IsSequence() || px.size() != 2)
        throw InputError(path, "inputs.pixel_size_angstrom must be [min, max]");
    c.inputs.pixelSizeMin = as<double>(px[0], "inputs.pixel_size_angstrom", path);
    c.inputs.pixelSizeMax = as<double>(px[1], "inputs.pixel_size_angstrom", path);
    if (in["atoms"]) {
        c.inputs.atoms = as<std::string>(in["atoms"], "inputs.atoms", path);
        if (c.inputs.atoms != "detector" && c.inputs.atoms != "graphene")
            throw InputError(path, "inputs.atoms must be detector or graphene, not '" + c.inputs.atoms + "'");
        if (c.inputs.atoms == "detector") c.inputs.atoms.clear();
    }

    const YAML::Node classes = required(root, "classes", "", path);
    if (!classes.IsSequence() || classes.size() == 0)
        throw InputError(path, "model card 'classes' must be a non-empty list");
    for (const auto& n : classes) c.classes.push_back(as<std::string>(n, "classes", path));
    c.parameterCount = as<std::int64_t>(required(root, "parameter_count", "", path), "parameter_count", path);

    const YAML::Node w = required(root, "weights", "", path);
    c.weights = text(w, "file", "weights.", path);
    c.weightsBytes = as<std::uint64_t>(required(w, "bytes", "weights.", path), "weights.bytes", path);
    c.weightsChecksum = text(w, "fnv1a64", "weights.", path);

    if (const YAML::Node a = root["architecture"]; a && a.IsMap())
        for (const auto& kv : a)
            c.architecture[as<std::string>(kv.first, "architecture", path)] =
                as<std::string>(kv.second, "architecture", path);

    const YAML::Node t = required(root, "training", "", path);
    c.training.command = text(t, "command", "training.", path);
    c.training.seed = as<std::uint64_t>(required(t, "seed", "training.", path), "training.seed", path);
    c.training.data = text(t, "data", "training.", path);
    c.training.epochs = as<int>(required(t, "epochs", "training.", path), "training.epochs", path);
    if (t["steps"]) c.training.steps = as<int>(t["steps"], "training.steps", path);
    c.training.optimiser = text(t, "optimiser", "training.", path);

    if (const YAML::Node cal = root["calibration"]; cal && cal.IsMap()) {
        c.calibration.temperature =
            as<double>(required(cal, "temperature", "calibration.", path), "calibration.temperature", path);
        if (!(c.calibration.temperature > 0.01 && c.calibration.temperature < 100))
            throw InputError(path, "calibration.temperature must be between 0.01 and 100");
        if (cal["method"]) c.calibration.method = as<std::string>(cal["method"], "calibration.method", path);
    }
    for (auto [key, target] :
         {std::pair<const char*, std::map<std::string, std::string>*>{"graph", &c.graphParams},
          {"lattice", &c.latticeParams}})
        if (const YAML::Node g = root[key]; g) {
            if (!g.IsMap()) throw InputError(path, std::string("model card '") + key + "' must be a mapping");
            for (const auto& kv : g)
                (*target)[as<std::string>(kv.first, key, path)] = as<std::string>(kv.second, key, path);
        }

    const YAML::Node m = required(root, "metrics", "", path);
    if (!m.IsSequence()) throw InputError(path, "model card 'metrics' must be a list");
    for (const auto& n : m) {
        ModelMetric metric;
        metric.name = text(n, "name", "metrics[].", path);
        metric.value = as<double>(required(n, "value", "metrics[].", path), "metrics[].value", path);
        if (n["note"]) metric.note = as<std::string>(n["note"], "metrics[].note", path);
        c.metrics.push_back(metric);
    }
    c.created = text(root, "created", "", path);

    const std::string weightsFile = c.weightsPath();
    if (!fs::is_regular_file(weightsFile))
        throw InputError(weightsFile, "weights file named by " + path + " is missing");
    if (fs::file_size(weightsFile) != c.weightsBytes)
        throw InputError(weightsFile,
                         "weights file is corrupt: " + std::to_string(fs::file_size(weightsFile)) +
                             " bytes, the model card says " + std::to_string(c.weightsBytes));
    if (fileChecksum(weightsFile) != c.weightsChecksum)
        throw InputError(weightsFile, "weights file is corrupt: checksum differs from the model card");
    return c;
}

void saveModelCard(const ModelCard& c, const std::string& path) {
    YAML::Emitter out;
    out.SetDoublePrecision(6); // 0.08, not 0.080000000000000002
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << c.name;
    out << YAML::Key << "kind" << YAML::Value << c.kind;
    out << YAML::Key << "description" << YAML::Value << c.description;
    out << YAML::Key << "inputs" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "description" << YAML::Value << c.inputs.description;
    out << YAML::Key << "normalisation" << YAML::Value << c.inputs.normalisation;
    out << YAML::Key << "channels" << YAML::Value << c.inputs.channels;
    out << YAML::Key << "pixel_size_angstrom" << YAML::Value << YAML::Flow << YAML::BeginSeq
        << c.inputs.pixelSizeMin << c.inputs.pixelSizeMax << YAML::EndSeq;
    if (!c.inputs.atoms.empty()) out << YAML::Key << "atoms" << YAML::Value << c.inputs.atoms;
    out << YAML::EndMap;
    out << YAML::Key << "classes" << YAML::Value << YAML::Flow << c.classes;
    out << YAML::Key << "parameter_count" << YAML::Value << c.parameterCount;
    out << YAML::Key << "weights" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "file" << YAML::Value << c.weights;
    out << YAML::Key << "bytes" << YAML::Value << c.weightsBytes;
    out << YAML::Key << "fnv1a64" << YAML::Value << c.weightsChecksum;
    out << YAML::EndMap;
    if (!c.architecture.empty()) {
        out << YAML::Key << "architecture" << YAML::Value << YAML::BeginMap;
        for (const auto& [k, v] : c.architecture) out << YAML::Key << k << YAML::Value << v;
        out << YAML::EndMap;
    }
    out << YAML::Key << "training" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "command" << YAML::Value << c.training.command;
    out << YAML::Key << "seed" << YAML::Value << c.training.seed;
    out << YAML::Key << "data" << YAML::Value << c.training.data;
    out << YAML::Key << "epochs" << YAML::Value << c.training.epochs;
    out << YAML::Key << "steps" << YAML::Value << c.training.steps;
    out << YAML::Key << "optimiser" << YAML::Value << c.training.optimiser;
    out << YAML::EndMap;
    if (!c.calibration.method.empty() || c.calibration.temperature != 1) {
        out << YAML::Key << "calibration" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "temperature" << YAML::Value << c.calibration.temperature;
        if (!c.calibration.method.empty())
            out << YAML::Key << "method" << YAML::Value << c.calibration.method;
        out << YAML::EndMap;
    }
    for (const auto& [key, values] :
         {std::pair<const char*, const std::map<std::string, std::string>*>{"graph", &c.graphParams},
          {"lattice", &c.latticeParams}})
        if (!values->empty()) {
            out << YAML::Key << key << YAML::Value << YAML::BeginMap;
            for (const auto& [k, v] : *values) out << YAML::Key << k << YAML::Value << v;
            out << YAML::EndMap;
        }
    out << YAML::Key << "metrics" << YAML::Value << YAML::BeginSeq;
    for (const auto& m : c.metrics) {
        out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << m.name << YAML::Key << "value"
            << YAML::Value << m.value;
        if (!m.note.empty()) out << YAML::Key << "note" << YAML::Value << m.note;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::Key << "created" << YAML::Value << c.created;
    out << YAML::EndMap;
    const std::string textOut = std::string(out.c_str()) + "\n";
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream f(tmp);
        f << textOut;
        if (!f) throw InputError(path, "cannot write model card");
    });
}

std::vector<std::string> modelSearchPaths() {
    return dataSearchCandidates("models");
}

std::string resolveModel(const std::string& nameOrPath) {
    if (nameOrPath.empty()) throw InputError("", "no model given");
    const fs::path p(nameOrPath);
    if (fs::is_regular_file(p)) return p.string();
    if (fs::is_directory(p)) {
        const fs::path named = p / (p.filename().string() + ".yaml");
        if (fs::is_regular_file(named)) return named.string();
        std::vector<fs::path> cards;
        for (const auto& e : fs::directory_iterator(p))
            if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml"))
                cards.push_back(e.path());
        if (cards.size() == 1) return cards.front().string();
        throw InputError(nameOrPath, cards.empty() ? "model folder holds no model card (.yaml)"
                                                   : "model folder holds several model cards; name one");
    }
    const bool looksLikePath = nameOrPath.find('/') != std::string::npos || p.extension() == ".yaml";
    std::string looked;
    if (!looksLikePath)
        for (const auto& dir : modelSearchPaths()) {
            const fs::path card = fs::path(dir) / (nameOrPath + ".yaml");
            if (fs::is_regular_file(card)) return card.string();
            const fs::path folderCard = fs::path(dir) / nameOrPath / (nameOrPath + ".yaml");
            if (fs::is_regular_file(folderCard)) return folderCard.string();
            looked += (looked.empty() ? "" : ", ") + dir;
        }
    throw InputError(nameOrPath, looksLikePath ? "model card or folder not found"
                                               : "no such model (looked in " + looked + ")");
}

ModelCard loadModel(const std::string& nameOrPath) {
    return loadModelCard(resolveModel(nameOrPath));
}

} // namespace atomlens
