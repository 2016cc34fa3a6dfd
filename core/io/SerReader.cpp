#include "core/io/SerReader.h"

#include "core/data/Errors.h"
#include "core/io/CalibrationUnits.h"
#include "core/io/InstrumentMetadata.h"
#include "core/io/PixelConversion.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

namespace atomlens {
namespace fs = std::filesystem;
namespace {

constexpr std::uint16_t kImageData = 0x4122, kSpectrumData = 0x4120;

std::optional<PixelType> serPixelType(int code) {
    switch (code) {
    case 1:
        return PixelType::UInt8;
    case 2:
        return PixelType::UInt16;
    case 3:
        return PixelType::UInt32;
    case 4:
        return PixelType::Int8;
    case 5:
        return PixelType::Int16;
    case 6:
        return PixelType::Int32;
    case 7:
        return PixelType::Float32;
    case 8:
        return PixelType::Float64;
    case 9:
        return PixelType::Complex64;
    case 10:
        return PixelType::Complex128;
    default:
        return std::nullopt;
    }
}

std::string decodeEntities(std::string s) {
    static const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + 1))
            s.replace(p, std::strlen(from), to);
    return s;
}

std::string trim(const std::string& s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return s.substr(a, b - a);
}

/// The EMI file's first <ObjectInfo> element (the one describing NAME_1.ser), or "".
std::string emiObjectInfo(const std::string& emiPath) {
    std::ifstream in(emiPath, std::ios::binary);
    if (!in) return {};
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const auto a = bytes.find("<ObjectInfo>");
    if (a == std::string::npos) return {};
    const auto b = bytes.find("</ObjectInfo>", a);
    if (b == std::string::npos) return {};
    return bytes.substr(a, b + 13 - a);
}

struct SerDimension {
    std::int32_t size = 0;
    double offset = 0, delta = 1;
    std::int32_t element = 0;
    std::string description, units;
};

void normaliseEmi(const MetadataNode& emi, MetadataNode& out) {
    namespace k = metadata_keys;
    const MetadataNode* info = emi.find("ObjectInfo");
    if (!info) return;
    setIfPresent(out, k::kVoltage,
                 info->get("ExperimentalConditions/MicroscopeConditions/AcceleratingVoltage"));
    setIfPresent(out, k::kTime, info->get("AcquireDate"));
    if (const MetadataNode* root = info->find("ExperimentalDescription/Root"))
        for (std::size_t i = 0; i < root->childCount(); ++i) {
            const MetadataNode& d = root->childAt(i);
            const std::string label = d.get("Label"), value = trim(d.get("Value"));
            if (label == "Magnification") setIfPresent(out, k::kMagnification, value);
            if (label == "Microscope") setIfPresent(out, k::kMicroscope, value);
            if (label == "Mode") setIfPresent(out, "Microscope/Mode", value);
        }
    setIfPresent(out, k::kDetector, info->get("DetectorLabel"));
    std::string frameTime = info->get("AcquireInfo/FrameTime");
    setIfPresent(out, k::kExposure, frameTime);
}

} // namespace

void parseSimpleXml(const std::string& xml, MetadataNode& out) {
    std::vector<MetadataNode*> stack{&out};
    std::size_t p = 0;
    std::string text;
    while (p < xml.size()) {
        const auto lt = xml.find('<', p);
        if (lt == std::string::npos) break;
        text += xml.substr(p, lt - p);
        const auto gt = xml.find('>', lt);
        if (gt == std::string::npos) break;
        std::string tag = xml.substr(lt + 1, gt - lt - 1);
        p = gt + 1;
        if (tag.empty() || tag[0] == '?' || tag[0] == '!') continue;
        if (tag[0] == '/') {
            if (stack.size() > 1) {
                const std::string t = trim(text);
                if (!t.empty() && stack.back()->isLeaf()) stack.back()->setValue(decodeEntities(t));
                stack.pop_back();
            }
            text.clear();
            continue;
        }
        const bool selfClosing = tag.back() == '/';
        const std::string name = tag.substr(0, tag.find_first_of(" \t\r\n/"));
        if (name.empty()) continue;
        text.clear();
        MetadataNode& child = stack.back()->appendChild(name);
        if (!selfClosing) {
            if (stack.size() > 64) return;
            stack.push_back(&child);
        }
    }
}

FormatReader serFormatReader() {
    FormatReader r;
    r.name = "TIA SER";
    r.extensions = {".ser"};
    r.sniff = [](const std::vector<std::uint8_t>& h) {
        return h.size() >= 6 && h[0] == 0x49 && h[1] == 0x49 && h[2] == 0x97 && h[3] == 0x01 && h[5] == 0x02;
    };
    r.read = [](const std::string& path, const ReadOptions& o) { return readSer(path, o); };
    return r;
}

FormatReader emiFormatReader() {
    FormatReader r;
    r.name = "TIA EMI";
    r.extensions = {".emi"};
    r.sniff = [](const std::vector<std::uint8_t>& h) {
        return h.size() >= 4 && h[0] == 'J' && h[1] == 'K' && h[2] == 0 && h[3] == 2;
    };
    r.read = [](const std::string& path, const ReadOptions& o) { return readSer(path, o); };
    return r;
}

Micrograph readSer(const std::string& path, const ReadOptions& options) {
    fs::path serPath = path, emiPath;
    std::string ext = fs::path(path).extension().string();
    for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".emi") {
        emiPath = path;
        serPath = fs::path(path).parent_path() / (fs::path(path).stem().string() + "_1.ser");
        if (!fs::exists(serPath))
            throw InputError(path, "the EMI file's pixel data (" + serPath.filename().string() +
                                       ") is missing beside it");
    } else {
        // NAME_1.ser -> NAME.emi
        const std::string stem = fs::path(path).stem().string();
        const auto us = stem.rfind('_');
        if (us != std::string::npos) emiPath = fs::path(path).parent_path() / (stem.substr(0, us) + ".emi");
    }
    ByteSource src(serPath.string());
    Micrograph m = readSer(src, options, emiPath.empty() ? "" : emiObjectInfo(emiPath.string()));
    if (!emiPath.empty() && fs::exists(emiPath)) m.metadata.set("TIA/EmiFile", emiPath.filename().string());
    return m;
}

Micrograph readSer(ByteSource& src, const ReadOptions& options, const std::string& emiXml) {
    const auto byteOrder = src.readLE<std::uint16_t>("SER header");
    const auto seriesId = src.readLE<std::uint16_t>("SER header");
    const auto version = src.readLE<std::uint16_t>("SER header");
    if (byteOrder != 0x4949 || seriesId != 0x0197) src.fail("not a TIA SER file (wrong magic bytes)");
    const auto dataTypeId = src.readLE<std::uint32_t>("SER header");
    const auto tagTypeId = src.readLE<std::uint32_t>("SER header");
    const auto total = src.readLE<std::int32_t>("SER header");
    const auto valid = src.readLE<std::int32_t>("SER header");
    const bool wide = version >= 0x0220;
    const std::uint64_t offsetArray =
        wide ? src.readLE<std::uint64_t>("SER header") : src.readLE<std::uint32_t>("SER header");
    const auto nDims = src.readLE<std::int32_t>("SER header");
    if (dataTypeId == kSpectrumData)
        src.fail("holds " + std::to_string(valid) + " 1-D spectra (TIA spectrum series), not an image");
    if (dataTypeId != kImageData) src.fail("unknown TIA data type 0x" + std::to_string(dataTypeId));
    if (valid <= 0 || total < valid)
        src.fail("the SER file holds no valid images (" + std::to_string(valid) + " of " +
                 std::to_string(total) + ")");
    if (nDims < 0 || nDims > 8)
        src.fail("the SER header declares " + std::to_string(nDims) + " series dimensions");
    std::vector<SerDimension> dims(static_cast<std::size_t>(nDims));
    for (auto& d : dims) {
        d.size = src.readLE<std::int32_t>("SER dimension");
        d.offset = src.readLE<double>("SER dimension");
        d.delta = src.readLE<double>("SER dimension");
        d.element = src.readLE<std::int32_t>("SER dimension");
        const auto dl = src.readLE<std::int32_t>("SER dimension");
        if (dl < 0) src.fail("corrupt SER dimension description length");
        d.description = src.readString(std::uint64_t(dl), "SER dimension description");
        const auto ul = src.readLE<std::int32_t>("SER dimension");
        if (ul < 0) src.fail("corrupt SER dimension units length");
        d.units = src.readString(std::uint64_t(ul), "SER dimension units");
    }
    const std::uint64_t entry = wide ? 8 : 4;
    src.seek(offsetArray, "the SER offset array");
    src.require(std::uint64_t(valid) * entry, "SER offset array");
    std::vector<std::uint64_t> offsets(static_cast<std::size_t>(valid));
    for (auto& o : offsets)
        o = wide ? src.readLE<std::uint64_t>("SER offset array")
                 : src.readLE<std::uint32_t>("SER offset array");

    Micrograph m;
    int width = 0, height = 0;
    PixelType type = PixelType::UInt8;
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        src.seek(offsets[i], "a SER data offset");
        const double offX = src.readLE<double>("SER image element"),
                     deltaX = src.readLE<double>("SER image element");
        const auto elemX = src.readLE<std::int32_t>("SER image element");
        const double offY = src.readLE<double>("SER image element"),
                     deltaY = src.readLE<double>("SER image element");
        const auto elemY = src.readLE<std::int32_t>("SER image element");
        const auto code = src.readLE<std::int16_t>("SER image element");
        const auto sx = src.readLE<std::int32_t>("SER image element"),
                   sy = src.readLE<std::int32_t>("SER image element");
        const auto t = serPixelType(code);
        if (!t) src.fail("unknown SER pixel type " + std::to_string(code));
        if (i == 0) {
            type = *t;
            width = sx, height = sy;
            checkDeclaredImage(src.name(), sx, sy, valid, pixelBytes(type), src.size());
            m.sourceDtype = pixelTypeName(type);
            // HyperSpy's convention: offset = CalibrationOffset - CalibrationElement * delta; metres -> nm.
            m.calibration.unit = "nm";
            m.calibration.pixelSizeX = deltaX * 1e9;
            m.calibration.pixelSizeY = deltaY * 1e9;
            m.calibration.originX = (offX - elemX * deltaX) * 1e9;
            m.calibration.originY = (offY - elemY * deltaY) * 1e9;
            if (!(deltaX > 0) || !std::isfinite(deltaX) || !(deltaY > 0) || !std::isfinite(deltaY))
                m.calibration = Calibration{};
        } else if (sx != width || sy != height || *t != type) {
            src.fail("SER image " + std::to_string(i) + " differs in size or type from the first");
        }
        m.frames.emplace_back(width, height);
        readPixels(src, std::size_t(width) * std::size_t(height), type, true, options.complexPart,
                   m.frames.back().data(), "SER image data");
    }
    if (!dims.empty() && valid > 1) {
        m.frameAxis.scale = dims[0].delta;
        m.frameAxis.offset = dims[0].offset;
        m.frameAxis.unit = dims[0].units;
        if (!dims[0].description.empty()) m.frameAxis.name = dims[0].description;
    }
    m.signals = {"image"};
    MetadataNode& tia = m.metadata.child("TIA");
    tia.set("SeriesVersion", std::to_string(version));
    tia.set("TagTypeID", std::to_string(tagTypeId));
    tia.set("TotalNumberElements", std::to_string(total));
    tia.set("ValidNumberElements", std::to_string(valid));
    if (!emiXml.empty()) {
        MetadataNode& emi = tia.child("EMI");
        parseSimpleXml(emiXml, emi);
        normaliseEmi(emi, m.metadata);
    }
    if (isComplex(type)) m.metadata.set(metadata_keys::kComplexPart, complexPartName(options.complexPart));
    return m;
}

} // namespace atomlens
