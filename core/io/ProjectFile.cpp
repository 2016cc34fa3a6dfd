#include "core/io/ProjectFile.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace atomlens {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;
constexpr const char* kFormat = "atomlens-project";

template <class V> json column(const V& values) {
    json a = json::array();
    for (const auto& v : values) a.push_back(double(v));
    return a;
}

json atomsJson(const AtomTable& t) {
    json atoms{{"id", column(t.ids())},
               {"x", column(t.xs())},
               {"y", column(t.ys())},
               {"sigma", column(t.sigmas())},
               {"amplitude", column(t.amplitudes())},
               {"intensity", column(t.intensities())},
               {"uncertainty", column(t.uncertainties())},
               {"class", column(t.classIds())},
               {"confidence", column(t.confidences())},
               {"flags", column(t.flags())}};
    atoms["classNames"] = t.classNames();
    return atoms;
}

json frameJson(const FrameDocument& f) {
    json labels = json::array();
    const Labels userLabels = userLabelsOf(f.atoms);
    for (const auto& l : userLabels.items())
        labels.push_back({{"x", l.x}, {"y", l.y}, {"class", l.className}, {"atomId", double(l.atomId)}});
    json predictions = json::array();
    for (const auto& p : f.predictions)
        predictions.push_back({{"model", p.model},
                               {"revision", double(p.revision)},
                               {"classNames", p.classNames},
                               {"id", column(p.ids)},
                               {"class", column(p.classIds)},
                               {"confidence", column(p.confidences)}});
    return {{"atoms", atomsJson(f.atoms)},
            {"labels", labels},
            {"predictions", predictions},
            {"revision", double(f.revision)}};
}

std::string absolutePath(const std::string& p) {
    std::error_code ec;
    const fs::path a = fs::absolute(fs::path(p), ec);
    return ec ? p : a.lexically_normal().string();
}

std::string relativeTo(const std::string& target, const fs::path& dir) {
    const fs::path r = fs::path(absolutePath(target)).lexically_relative(dir);
    return r.empty() ? absolutePath(target) : r.string();
}

/// A number from a column; `fallback` for null (JSON has no NaN) or a non-number.
double num(const json& a, std::size_t i, double fallback = 0) {
    return a.is_array() && i < a.size() && a[i].is_number() ? a[i].get<double>() : fallback;
}

AtomTable readAtoms(const json& atoms, const std::string& file) {
    auto col = [&](const char* name) -> const json& {
        static const json empty = json::array();
        return atoms.is_object() && atoms.contains(name) && atoms[name].is_array() ? atoms[name] : empty;
    };
    const json& ids = col("id");
    for (const char* n :
         {"x", "y", "sigma", "amplitude", "intensity", "uncertainty", "class", "confidence", "flags"})
        if (col(n).size() != ids.size())
            throw InputError(file, std::string("atoms column '") + n + "' has the wrong length");
    AtomTable t;
    std::vector<std::string> classNames;
    if (atoms.is_object() && atoms.contains("classNames") && atoms["classNames"].is_array())
        for (const auto& v : atoms["classNames"])
            classNames.push_back(v.is_string() ? v.get<std::string>() : "");
    t.setClassNames(classNames);
    t.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        Atom a;
        const double id = num(ids, i, 0);
        a.id = id >= 1 && id < 4294967296.0 ? std::uint32_t(id) : 0;
        a.x = num(col("x"), i, std::nan(""));
        a.y = num(col("y"), i, std::nan(""));
        if (!std::isfinite(a.x) || !std::isfinite(a.y) || a.id == 0)
            throw InputError(file, "atom " + std::to_string(i + 1) + " has no valid id or position");
        if (t.rowOf(a.id) >= 0) throw InputError(file, "duplicate atom id " + std::to_string(a.id));
        a.sigma = float(num(col("sigma"), i));
        a.amplitude = float(num(col("amplitude"), i));
        a.intensity = float(num(col("intensity"), i));
        a.uncertainty = float(num(col("uncertainty"), i));
        a.classId = std::int32_t(num(col("class"), i, -1));
        if (a.classId < -1 || a.classId >= std::int32_t(classNames.size())) a.classId = -1;
        a.confidence = float(num(col("confidence"), i));
        a.flags = std::uint32_t(num(col("flags"), i));
        t.add(a);
    }
    return t;
}

/// Applies the stored labels: the labelled atom becomes reviewed with that class (the newest format
/// stores both, an edited or older file may carry only one of them).
void applyLabels(AtomTable& t, const json& labels) {
    if (!labels.is_array()) return;
    for (const auto& l : labels) {
        if (!l.is_object() || !l.contains("class") || !l["class"].is_string()) continue;
        std::int64_t row = -1;
        if (l.contains("atomId") && l["atomId"].is_number())
            row = t.rowOf(std::uint32_t(l["atomId"].get<double>()));
        if (row < 0 && l.contains("x") && l.contains("y") && l["x"].is_number() && l["y"].is_number()) {
            const double x = l["x"].get<double>(), y = l["y"].get<double>();
            double best = 1.0; // within a pixel of where the label was made
            for (std::size_t i = 0; i < t.size(); ++i)
                if (const double d = std::hypot(t.xs()[i] - x, t.ys()[i] - y); d < best)
                    best = d, row = std::int64_t(i);
        }
        if (row < 0) continue;
        const auto r = std::size_t(row);
        const std::int32_t c = t.classIndex(l["class"].get<std::string>(), true);
        if (t.classIds()[r] == c && (t.flags()[r] & kFlagUserReviewed) && !(t.flags()[r] & kFlagRejected))
            continue; // the table says so already (and keeps its confidence)
        t.setClass(r, c, 1.0f);
        t.setFlags(r, (t.flags()[r] | kFlagUserReviewed) & ~std::uint32_t(kFlagRejected));
    }
}

PredictionLayer readPrediction(const json& p, const std::string& file) {
    PredictionLayer layer;
    layer.model = p.value("model", std::string());
    layer.revision = std::uint64_t(std::max(0.0, p.value("revision", 0.0)));
    if (p.contains("classNames") && p["classNames"].is_array())
        for (const auto& v : p["classNames"])
            layer.classNames.push_back(v.is_string() ? v.get<std::string>() : "");
    const json ids = p.value("id", json::array()), cls = p.value("class", json::array()),
               conf = p.value("confidence", json::array());
    if (cls.size() != ids.size() || conf.size() != ids.size())
        throw InputError(file, "prediction layer of '" + layer.model + "' has columns of different lengths");
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto c = std::int32_t(num(cls, i, -1));
        if (c < -1 || c >= std::int32_t(layer.classNames.size())) c = -1;
        layer.ids.push_back(std::uint32_t(num(ids, i)));
        layer.classIds.push_back(c);
        layer.confidences.push_back(float(num(conf, i)));
    }
    return layer;
}

} // namespace

void writeProject(const std::string& path, const Project& project) {
    const fs::path dir = fs::path(absolutePath(path)).parent_path();
    json frames = json::array();
    for (const auto& f : project.frames) frames.push_back(frameJson(f));
    const std::string image = absolutePath(project.imagePath);
    const auto& v = project.view;
    json root{{"format", kFormat},
              {"version", 2},
              {"image", image},
              {"imageRelative", relativeTo(image, dir)},
              {"frames", frames},
              {"models", json::array({project.model})},
              {"chain", project.chain},
              {"view",
               {{"frame", v.frame},
                {"zoom", v.zoom},
                {"centreX", v.centreX},
                {"centreY", v.centreY},
                {"low", v.low},
                {"high", v.high},
                {"gamma", v.gamma},
                {"colourMap", v.colourMap}}}};
    if (!project.recoveredFrom.empty()) root["recoveredFrom"] = project.recoveredFrom;
    if (project.hasCalibration)
        root["calibration"] = {{"pixelSizeX", project.calibration.pixelSizeX},
                               {"pixelSizeY", project.calibration.pixelSizeY},
                               {"unit", project.calibration.unit}};
    if (!project.fineTunedModel.empty()) {
        const std::string card = fs::path(project.fineTunedModel).is_absolute()
                                     ? project.fineTunedModel
                                     : (dir / project.fineTunedModel).lexically_normal().string();
        root["fineTunedModel"] = {{"card", relativeTo(card, dir)},
                                  {"cardAbsolute", card},
                                  {"folder", relativeTo(fs::path(card).parent_path().string(), dir)},
                                  {"applied", project.fineTunedApplied}};
    }
    const std::string bytes = root.dump();
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << bytes;
        out.flush();
        if (!out) throw InputError(path, "cannot be written");
    });
}

Project readProject(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file, "cannot be opened");
    std::stringstream buffer;
    buffer << in.rdbuf();
    json root;
    try {
        root = json::parse(buffer.str());
    } catch (const json::exception& e) {
        throw InputError(file, std::string("not a project (") + e.what() + ")");
    }
    if (!root.is_object() || root.value("format", std::string()) != kFormat)
        throw InputError(file, "not an AtomLens project (format tag missing)");
    try {
        Project p;
        const fs::path dir = fs::path(absolutePath(file)).parent_path();
        const std::string relativeText = root.value("imageRelative", std::string());
        const std::string absolute = root.value("image", std::string());
        if (relativeText.empty() && absolute.empty())
            throw InputError(file, "names no micrograph (its image path is empty)");
        const std::string relative =
            relativeText.empty() ? std::string() : (dir / relativeText).lexically_normal().string();
        std::error_code ec;
        if (!relative.empty() && fs::is_regular_file(relative, ec))
            p.imagePath = relative;
        else if (!absolute.empty() && fs::is_regular_file(absolute, ec))
            p.imagePath = absolute;
        else {
            p.imagePath = absolute.empty() ? relative : absolute;
            p.imageMissing = true;
        }
        if (root.contains("frames") && root["frames"].is_array()) {
            for (const auto& f : root["frames"]) {
                FrameDocument frame;
                frame.atoms = readAtoms(f.value("atoms", json::object()), file);
                applyLabels(frame.atoms, f.value("labels", json::array()));
                for (const auto& layer : f.value("predictions", json::array()))
                    frame.predictions.push_back(readPrediction(layer, file));
                frame.revision = std::uint64_t(std::max(0.0, f.value("revision", 0.0)));
                p.frames.push_back(std::move(frame));
            }
        } else { // format 1: one table (detected on the frame shown), taken as frame 0's
            FrameDocument frame;
            frame.atoms = readAtoms(root.value("atoms", json::object()), file);
            applyLabels(frame.atoms, root.value("labels", json::array()));
            p.frames.push_back(std::move(frame));
        }
        const json models = root.value("models", json::array());
        p.model =
            models.is_array() && !models.empty() && models[0].is_string() ? models[0].get<std::string>() : "";
        p.chain = root.value("chain", std::string());
        p.recoveredFrom = root.value("recoveredFrom", std::string());
        if (root.contains("calibration")) {
            const json c = root["calibration"];
            p.calibration.pixelSizeX = c.value("pixelSizeX", -1.0);
            p.calibration.pixelSizeY = c.value("pixelSizeY", p.calibration.pixelSizeX);
            p.calibration.unit = c.value("unit", std::string());
            if (!(p.calibration.pixelSizeX > 0) || !(p.calibration.pixelSizeY > 0) ||
                !p.calibration.isCalibrated())
                throw InputError(file, "calibration is not a pixel size in a length unit");
            p.hasCalibration = true;
        }
        if (root.contains("fineTunedModel") && root["fineTunedModel"].is_object()) {
            const json t = root["fineTunedModel"];
            const std::string card = t.value("card", std::string()),
                              abs = t.value("cardAbsolute", std::string());
            if (!card.empty()) {
                const std::string rel = (dir / card).lexically_normal().string();
                p.fineTunedModel = fs::exists(rel, ec) || abs.empty() ? rel : abs;
                p.fineTunedApplied = t.value("applied", false);
            }
        }
        const json v = root.value("view", json::object());
        p.view.frame = v.value("frame", 0);
        p.view.zoom = v.value("zoom", 0.0);
        p.view.centreX = v.value("centreX", 0.0);
        p.view.centreY = v.value("centreY", 0.0);
        p.view.low = v.value("low", 0.0);
        p.view.high = v.value("high", 1.0);
        p.view.gamma = v.value("gamma", 1.0);
        p.view.colourMap = v.value("colourMap", std::string("grey"));
        return p;
    } catch (const json::exception& e) {
        throw InputError(file, std::string("malformed project (") + e.what() + ")");
    }
}

std::string projectSummaryJson(const Project& project, const std::string& path) {
    json frames = json::array();
    for (std::size_t k = 0; k < project.frames.size(); ++k) {
        const auto& f = project.frames[k];
        std::size_t rejected = 0, added = 0, reviewed = 0;
        std::map<std::string, std::size_t> perClass;
        const AtomTable shown = composeShown(f.atoms, f.predictions);
        for (std::size_t i = 0; i < shown.size(); ++i) {
            const auto flags = shown.flags()[i];
            rejected += (flags & kFlagRejected) != 0;
            added += (flags & kFlagUserAdded) != 0;
            reviewed += (flags & kFlagUserReviewed) != 0;
            if (!(flags & (kFlagRejected | kFlagEmptySite)))
                ++perClass[shown.classIds()[i] >= 0 ? shown.className(shown.classIds()[i]) : "(none)"];
        }
        json layers = json::array();
        for (const auto& p : f.predictions)
            layers.push_back({{"model", p.model}, {"revision", double(p.revision)}, {"atoms", p.size()}});
        frames.push_back({{"frame", k},
                          {"atoms", f.atoms.size()},
                          {"labels", userLabelsOf(f.atoms).size()},
                          {"reviewed", reviewed},
                          {"rejected", rejected},
                          {"userAdded", added},
                          {"classes", perClass},
                          {"predictions", layers}});
    }
    std::error_code ec;
    json out{{"project", path},  {"image", project.imagePath}, {"imageFound", !project.imageMissing},
             {"frames", frames}, {"model", project.model},     {"fineTunedModel", project.fineTunedModel}};
    if (project.hasCalibration)
        out["pixelSize"] = {{"x", project.calibration.pixelSizeX},
                            {"y", project.calibration.pixelSizeY},
                            {"unit", project.calibration.unit}};
    return out.dump(2);
}

bool isProjectFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char first = 0;
    if (!(in >> first) || first != '{') return false;
    in.seekg(0);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const json root = json::parse(buffer.str(), nullptr, false);
    return root.is_object() && root.value("format", std::string()) == kFormat;
}

} // namespace atomlens
