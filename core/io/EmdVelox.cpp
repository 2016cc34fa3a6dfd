#include "core/data/Units.h"
#include "core/io/CalibrationUnits.h"
#include "core/io/EmdReader.h"
#include "core/io/Hdf5File.h"
#include "core/io/InstrumentMetadata.h"
#include "core/io/PixelConversion.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

namespace atomlens {
namespace {

using Json = nlohmann::json;

Json parseJson(const std::string& text) {
    Json j = Json::parse(text, nullptr, false);
    return j.is_discarded() ? Json() : j;
}

void jsonToMetadata(const Json& j, MetadataNode& node, int depth) {
    if (depth > 32) return;
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it)
            jsonToMetadata(it.value(), node.appendChild(it.key()), depth + 1);
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i)
            jsonToMetadata(j[i], node.appendChild(std::to_string(i)), depth + 1);
    } else if (j.is_string()) {
        node.setValue(j.get<std::string>());
    } else if (!j.is_null()) {
        node.setValue(j.dump());
    }
}

std::string str(const Json& j, std::initializer_list<const char*> path) {
    const Json* cur = &j;
    for (const char* k : path) {
        if (!cur->is_object() || !cur->contains(k)) return "";
        cur = &(*cur)[k];
    }
    return cur->is_string() ? cur->get<std::string>() : cur->is_number() ? cur->dump() : "";
}

double num(const Json& j, std::initializer_list<const char*> path, double fallback) {
    const std::string s = str(j, path);
    if (s.empty()) return fallback;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    return end != s.c_str() && std::isfinite(v) ? v : fallback;
}

/// Titles of data sets by their path, from the Operations (camera / detector name, as HyperSpy)
/// and the display settings (version 11 element-map labels).
std::map<std::string, std::string> dataTitles(const Hdf5File& f) {
    std::map<std::string, std::string> titles;
    for (const std::string group : {"/Operations/CameraInputOperation", "/Operations/StemInputOperation",
                                    "/Operations/EDSInputOperation"}) {
        if (!f.isGroup(group)) continue;
        for (const auto& name : f.members(group)) {
            const Json j = parseJson(f.readText(group + "/" + name));
            const std::string path = str(j, {"dataPath"});
            std::string title = str(j, {"cameraName"});
            if (title.empty()) title = str(j, {"detector"});
            if (!path.empty() && !title.empty()) titles.emplace(path, title);
        }
    }
    for (const std::string group : {"/Displays/ImageDisplay", "/Presentation/Displays/ImageDisplay"}) {
        if (!f.isGroup(group)) continue;
        for (const auto& name : f.members(group)) {
            const Json j = parseJson(f.readText(group + "/" + name));
            std::string ref = str(j, {"data"});
            std::string title = str(j, {"title"});
            if (title.empty()) title = str(j, {"display", "label"});
            if (ref.empty() || title.empty() || ref.size() > 512) continue;
            if (ref.rfind("/SharedProperties", 0) == 0 && f.isDataset(ref))
                ref = str(parseJson(f.readText(ref)), {"dataPath"});
            if (!ref.empty()) titles.emplace(ref, title);
        }
    }
    return titles;
}

struct VeloxImage {
    std::string path; ///< /Data/Image/<uuid>
    std::string title;
    std::string dtype;
    std::vector<std::uint64_t> shape;
    Json meta;
};

} // namespace

Micrograph readVeloxEmd(const Hdf5File& f, const ReadOptions& options) {
    const Json version = parseJson(f.readText("/Version"));
    const std::string versionText = str(version, {"version"});
    const auto titles = dataTitles(f);

    std::vector<VeloxImage> images;
    if (f.isGroup("/Data/Image"))
        for (const auto& uuid : f.members("/Data/Image")) {
            VeloxImage im;
            im.path = "/Data/Image/" + uuid;
            if (!f.isDataset(im.path + "/Data")) continue;
            im.shape = f.shape(im.path + "/Data");
            im.dtype = f.dtype(im.path + "/Data");
            if (f.isDataset(im.path + "/Metadata"))
                im.meta = parseJson(f.readByteColumn(im.path + "/Metadata", 0));
            const auto t = titles.find(im.path);
            im.title = t != titles.end() ? t->second : str(im.meta, {"BinaryResult", "Detector"});
            if (im.title.empty()) im.title = uuid;
            images.push_back(im);
        }
    const std::size_t spectra = f.isGroup("/Data/Spectrum") ? f.members("/Data/Spectrum").size() : 0;
    const std::size_t spectrumImages =
        f.isGroup("/Data/SpectrumImage") ? f.members("/Data/SpectrumImage").size() : 0;
    std::string contents = std::to_string(images.size()) + " image(s)";
    if (spectra) contents += ", " + std::to_string(spectra) + " spectrum/spectra";
    if (spectrumImages) contents += ", " + std::to_string(spectrumImages) + " spectrum image(s)";
    if (images.empty()) f.fail("holds " + contents + " and no image: a Velox spectrum file is not an image");

    // Default: the HAADF image (spectrum-image files also hold EDS maps), else the first image.
    std::size_t pick = 0;
    if (options.signalIndex >= 0) {
        if (std::size_t(options.signalIndex) >= images.size())
            f.fail("signal " + std::to_string(options.signalIndex) + " does not exist (the file holds " +
                   contents + ")");
        pick = std::size_t(options.signalIndex);
    } else {
        for (std::size_t i = 0; i < images.size(); ++i)
            if (str(images[i].meta, {"BinaryResult", "Detector"}) == "HAADF" || images[i].title == "HAADF") {
                pick = i;
                break;
            }
    }
    const VeloxImage& im = images[pick];
    if (im.shape.size() != 3 && im.shape.size() != 2)
        f.fail("the Velox image " + im.path + " has " + std::to_string(im.shape.size()) +
               " dimensions, not 2 or 3");
    if (im.dtype.empty()) f.fail("the Velox image " + im.path + " has a pixel type AtomLens cannot read");
    const std::int64_t h = std::int64_t(im.shape[0]), w = std::int64_t(im.shape[1]);
    const std::int64_t frames = im.shape.size() == 3 ? std::int64_t(im.shape[2]) : 1;
    const std::size_t bpp = std::size_t(std::stoi(im.dtype.substr(im.dtype.find_first_of("0123456789")))) / 8;
    const double ratio = f.isFiltered(im.path + "/Data") ? 1000.0 : 1.0;
    checkDeclaredImage(f.path(), w, h, frames, bpp, std::uint64_t(double(f.fileSize()) * ratio) + (1u << 20));

    Micrograph m;
    m.sourceDtype = im.dtype;
    m.title = im.title;
    for (const auto& other : images) m.signals.push_back(other.title);
    for (std::int64_t k = 0; k < frames; ++k) {
        std::vector<std::uint64_t> start{0, 0}, count{std::uint64_t(h), std::uint64_t(w)};
        if (im.shape.size() == 3) start.push_back(std::uint64_t(k)), count.push_back(1);
        Image frame(static_cast<int>(w), static_cast<int>(h));
        frame.pixels() = f.readBlock(im.path + "/Data", start, count, options.complexPart);
        m.frames.push_back(std::move(frame));
    }

    const Json& md = im.meta;
    const double pxW = num(md, {"BinaryResult", "PixelSize", "width"}, 0);
    const double pxH = num(md, {"BinaryResult", "PixelSize", "height"}, pxW);
    const std::string unit = str(md, {"BinaryResult", "PixelUnitX"});
    const double perUnit = metresPerUnit(unit.empty() ? "m" : unit);
    const auto lengthUnit = parseLengthUnit(unit);
    if (pxW > 0 && lengthUnit && lengthUnit->reciprocal) {
        // An FFT or diffraction image: reciprocal lengths ("1/m"), kept in 1/nm as HyperSpy does.
        const double toInverseNm = 1e-9 / lengthUnit->metres;
        m.calibration.unit = "1/nm";
        m.calibration.pixelSizeX = pxW * toInverseNm;
        m.calibration.pixelSizeY = pxH * toInverseNm;
        m.calibration.originX = num(md, {"BinaryResult", "Offset", "x"}, 0) * toInverseNm;
        m.calibration.originY = num(md, {"BinaryResult", "Offset", "y"}, 0) * toInverseNm;
    } else if (pxW > 0 && perUnit > 0) {
        const CompactLength c = compactLength(pxW * perUnit, pxW * perUnit * double(w));
        const double toUnit = c.scale / (pxW * perUnit);
        m.calibration.unit = c.unit;
        m.calibration.pixelSizeX = c.scale;
        m.calibration.pixelSizeY = pxH * perUnit * toUnit;
        m.calibration.originX = num(md, {"BinaryResult", "Offset", "x"}, 0) * perUnit * toUnit;
        m.calibration.originY = num(md, {"BinaryResult", "Offset", "y"}, 0) * perUnit * toUnit;
    }
    if (frames > 1) {
        double frameTime = num(md, {"Scan", "FrameTime"}, 0);
        if (!(frameTime > 0)) {
            const std::string det = "Detector-" + str(md, {"BinaryResult", "DetectorIndex"});
            frameTime = num(md, {"Detectors", det.c_str(), "ExposureTime"}, 0);
        }
        if (frameTime > 0) {
            m.frameAxis = {"Time", frameTime, 0.0, "s"};
        }
    }

    namespace k = metadata_keys;
    setIfPresent(m.metadata, k::kVoltage, str(md, {"Optics", "AccelerationVoltage"}));
    setIfPresent(m.metadata, k::kMagnification, str(md, {"Optics", "NominalMagnification"}));
    setIfPresent(m.metadata, k::kMicroscope, str(md, {"Instrument", "InstrumentModel"}));
    setIfPresent(m.metadata, k::kDetector, str(md, {"BinaryResult", "Detector"}));
    const double t = num(md, {"Acquisition", "AcquisitionStartDatetime", "DateTime"}, 0);
    if (t > 0) setIfPresent(m.metadata, k::kTime, isoTimeFromUnix(t));
    const double dwell = num(md, {"Scan", "FrameTime"}, 0);
    if (dwell > 0) m.metadata.set(k::kExposure, numberText(dwell));
    m.metadata.set(k::kSignalName, im.title);
    m.metadata.set("File/Contents", contents);
    m.metadata.set("File/Version", "Velox " + versionText);
    if (isComplex(PixelType::Complex64) && im.dtype.rfind("complex", 0) == 0)
        m.metadata.set(k::kComplexPart, complexPartName(options.complexPart));
    jsonToMetadata(md, m.metadata.child("Velox"), 0);
    return m;
}

} // namespace atomlens
