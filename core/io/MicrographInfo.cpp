#include "core/io/MicrographInfo.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace atomlens {
namespace {
nlohmann::json metadataToJson(const MetadataNode& node, int depth) {
    if (node.isLeaf()) return node.value();
    nlohmann::json obj = nlohmann::json::object();
    if (depth > 32) return obj;
    for (std::size_t i = 0; i < node.childCount(); ++i) {
        std::string key = node.childKey(i);
        while (obj.contains(key)) key += "_";
        obj[key] = metadataToJson(node.childAt(i), depth + 1);
    }
    return obj;
}
double finiteOr0(double v) {
    return std::isfinite(v) ? v : 0.0;
}
} // namespace

std::string micrographInfoJson(const Micrograph& m, int indent) {
    nlohmann::json j;
    j["file"] = m.sourcePath;
    j["format"] = m.metadata.get("File/Format");
    j["frames"] = m.frameCount();
    j["width"] = m.width();
    j["height"] = m.height();
    j["dtype"] = m.sourceDtype;
    j["calibrated"] = m.calibration.isCalibrated();
    j["pixel_size"] = {
        {"x", m.calibration.pixelSizeX}, {"y", m.calibration.pixelSizeY}, {"unit", m.calibration.unit}};
    j["origin"] = {{"x", m.calibration.originX}, {"y", m.calibration.originY}};
    j["frame_axis"] = {{"name", m.frameAxis.name},
                       {"scale", m.frameAxis.scale},
                       {"offset", m.frameAxis.offset},
                       {"unit", m.frameAxis.unit}};
    j["signals"] = m.signals;
    j["title"] = m.title;
    if (!m.frames.empty()) {
        const ImageStats s = imageStats(m.frames.front());
        j["stats"] = {{"min", finiteOr0(s.min)},
                      {"max", finiteOr0(s.max)},
                      {"mean", finiteOr0(s.mean)},
                      {"sum", finiteOr0(s.sum)},
                      {"non_finite", s.nonFinite}};
    }
    j["metadata"] = metadataToJson(m.metadata, 0);
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace atomlens
