#include "core/io/DmReader.h"

#include "core/data/Errors.h"
#include "core/io/CalibrationUnits.h"
#include "core/io/DmTags.h"
#include "core/io/InstrumentMetadata.h"
#include "core/io/PixelConversion.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace atomlens {
namespace {

std::optional<PixelType> dmPixelType(long code) {
    switch (code) {
    case 1:
        return PixelType::Int16;
    case 2:
        return PixelType::Float32;
    case 3:
        return PixelType::Complex64;
    case 6:
        return PixelType::UInt8;
    case 7:
        return PixelType::Int32;
    case 8:
    case 23:
        return PixelType::Rgba8;
    case 9:
        return PixelType::Int8;
    case 10:
        return PixelType::UInt16;
    case 11:
        return PixelType::UInt32;
    case 12:
        return PixelType::Float64;
    case 13:
        return PixelType::Complex128;
    case 14:
        return PixelType::UInt8; // binary mask
    case 39:
        return PixelType::Int64;
    case 40:
        return PixelType::UInt64;
    default:
        return std::nullopt;
    }
}

double number(const MetadataNode* node, double fallback) {
    if (!node || node->value().empty()) return fallback;
    char* end = nullptr;
    const double v = std::strtod(node->value().c_str(), &end);
    return end != node->value().c_str() ? v : fallback;
}

std::string text(const MetadataNode& base, const std::string& path) {
    return base.get(path);
}

struct DmImage {
    std::string key; ///< key under ImageList
    std::string name;
    std::vector<std::int64_t> dims;
    long dataType = 0;
};

std::vector<DmImage> listImages(const DmFile& file) {
    std::vector<DmImage> images;
    const MetadataNode* list = file.tags.find("ImageList");
    if (!list) return images;
    std::vector<std::string> thumbs;
    if (const MetadataNode* t = file.tags.find("Thumbnails"))
        for (std::size_t i = 0; i < t->childCount(); ++i) thumbs.push_back(t->childAt(i).get("ImageIndex"));
    for (std::size_t i = 0; i < list->childCount(); ++i) {
        const MetadataNode& entry = list->childAt(i);
        if (!file.arrays.count("ImageList/" + list->childKey(i) + "/ImageData/Data")) continue;
        if (std::find(thumbs.begin(), thumbs.end(), std::to_string(i)) != thumbs.end()) continue;
        DmImage im;
        im.key = list->childKey(i);
        im.name = entry.get("Name");
        if (const MetadataNode* d = entry.find("ImageData/Dimensions"))
            for (std::size_t k = 0; k < d->childCount(); ++k)
                im.dims.push_back(std::int64_t(number(&d->childAt(k), -1)));
        // Size-1 axes beyond the first two say nothing (a 2-D image saved as W x H x 1); a W x 1
        // "image" is a spectrum when DM says so.
        while (im.dims.size() > 2 && im.dims.back() == 1) im.dims.pop_back();
        const std::string format = entry.get("ImageTags/Meta Data/Format");
        if (im.dims.size() == 2 && im.dims[1] == 1 &&
            (!entry.get("ImageTags/Meta Data/Signal").empty() || format.find("pectrum") != std::string::npos))
            im.dims.pop_back();
        im.dataType = long(number(entry.find("ImageData/DataType"), -1));
        images.push_back(im);
    }
    return images;
}

std::string dimsText(const std::vector<std::int64_t>& dims) {
    std::string s;
    for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? " x " : "") + std::to_string(dims[i]);
    return s;
}

/// Refuses what is not an image, saying what it is.
void refuseNonImage(const ByteSource& src, const DmImage& im, const MetadataNode& entry) {
    const std::string signal = entry.get("ImageTags/Meta Data/Signal");
    const std::string format = entry.get("ImageTags/Meta Data/Format");
    const std::string kind = signal.empty() ? "" : " (" + signal + ")";
    const auto n = im.dims.size();
    if (n == 1)
        src.fail("holds a 1-D spectrum of " + std::to_string(im.dims[0]) + " channels" + kind +
                 ", not an image");
    if (n == 2 && format.find("pectrum") != std::string::npos)
        src.fail("holds " + std::to_string(im.dims[1]) + " spectra of " + std::to_string(im.dims[0]) +
                 " channels" + kind + ", not an image");
    if (n == 3 && (format.find("pectrum image") != std::string::npos || signal == "EELS" || signal == "EDS" ||
                   signal == "CL"))
        src.fail("holds a spectrum image (" + std::to_string(im.dims[0]) + " x " +
                 std::to_string(im.dims[1]) + " positions, " + std::to_string(im.dims[2]) + " channels" +
                 kind + "), not an image or image stack");
    if (n == 4) src.fail("holds 4-D data (" + dimsText(im.dims) + ", e.g. a 4D-STEM data set), not an image");
    if (n == 0 || n > 4) src.fail("holds data with " + std::to_string(n) + " dimensions, not an image");
}

void setAxis(const MetadataNode* dim, double& scale, double& origin, std::string& unit) {
    scale = number(dim ? dim->find("Scale") : nullptr, 1.0);
    const double pixelOrigin = number(dim ? dim->find("Origin") : nullptr, 0.0);
    if (!(scale != 0) || !std::isfinite(scale)) scale = 1.0;
    origin = std::isfinite(pixelOrigin) ? -pixelOrigin * scale : 0.0;
    unit = canonicalUnit(dim ? dim->get("Units") : "");
}

void normaliseInstrument(const MetadataNode& tags, MetadataNode& out) {
    namespace k = metadata_keys;
    setIfPresent(out, k::kVoltage, text(tags, "Microscope Info/Voltage"));
    std::string mag = text(tags, "Microscope Info/Indicated Magnification");
    if (mag.empty()) mag = text(tags, "Microscope Info/Actual Magnification");
    setIfPresent(out, k::kMagnification, mag);
    setIfPresent(out, k::kMicroscope, text(tags, "Microscope Info/Microscope"));
    std::string detector = text(tags, "Acquisition/Device/Name");
    if (detector.empty()) detector = text(tags, "DataBar/Device Name");
    setIfPresent(out, k::kDetector, detector);
    const std::string date = text(tags, "DataBar/Acquisition Date"),
                      time = text(tags, "DataBar/Acquisition Time");
    setIfPresent(out, k::kTime, date.empty() ? time : time.empty() ? date : date + " " + time);
    setIfPresent(out, k::kExposure, text(tags, "Acquisition/Parameters/High Level/Exposure (s)"));
    setIfPresent(out, k::kSignal, text(tags, "Meta Data/Signal"));
}

} // namespace

FormatReader dmFormatReader() {
    FormatReader r;
    r.name = "DigitalMicrograph";
    r.extensions = {".dm3", ".dm4"};
    r.sniff = [](const std::vector<std::uint8_t>& h) { return looksLikeDm(h.data(), h.size()); };
    r.read = [](const std::string& path, const ReadOptions& o) { return readDm(path, o); };
    return r;
}

Micrograph readDm(const std::string& path, const ReadOptions& options) {
    ByteSource src(path);
    return readDm(src, options);
}

Micrograph readDm(ByteSource& src, const ReadOptions& options) {
    DmFile file = parseDmTags(src);
    const auto images = listImages(file);
    if (images.empty()) src.fail("the DigitalMicrograph file holds no image data");
    std::vector<std::size_t> usable;
    for (std::size_t i = 0; i < images.size(); ++i)
        if (images[i].dims.size() == 2 || images[i].dims.size() == 3) usable.push_back(i);
    const MetadataNode& list = *file.tags.find("ImageList");
    std::size_t pick = 0;
    if (options.signalIndex >= 0) {
        if (std::size_t(options.signalIndex) >= images.size())
            src.fail("signal " + std::to_string(options.signalIndex) + " does not exist (the file holds " +
                     std::to_string(images.size()) + " data sets)");
        pick = std::size_t(options.signalIndex);
    } else if (!usable.empty()) {
        pick = usable.front();
    }
    const DmImage& im = images[pick];
    const MetadataNode& entry = *list.find(im.key);
    const MetadataNode& tags = entry.find("ImageTags") ? *entry.find("ImageTags") : entry;
    refuseNonImage(src, im, entry);

    const auto type = dmPixelType(im.dataType);
    if (!type) src.fail("unsupported DigitalMicrograph pixel type " + std::to_string(im.dataType));
    const DmArrayRef& ref = file.arrays.at("ImageList/" + im.key + "/ImageData/Data");
    const std::int64_t w = im.dims[0], h = im.dims[1], frames = im.dims.size() == 3 ? im.dims[2] : 1;
    checkDeclaredImage(src.name(), w, h, frames, pixelBytes(*type), ref.bytes);
    if (std::uint64_t(w) * std::uint64_t(h) * std::uint64_t(frames) * pixelBytes(*type) != ref.bytes)
        src.fail(
            "the image data holds " + std::to_string(ref.bytes) + " bytes but " + dimsText(im.dims) + " " +
            pixelTypeName(*type) + " pixels need " +
            std::to_string(std::uint64_t(w) * std::uint64_t(h) * std::uint64_t(frames) * pixelBytes(*type)));

    Micrograph m;
    m.sourceDtype = pixelTypeName(*type);
    m.title = im.name;
    for (const auto& other : images)
        m.signals.push_back(other.name.empty() ? "image " + other.key : other.name);
    src.seek(ref.offset, "DM image data");
    for (std::int64_t f = 0; f < frames; ++f) {
        m.frames.emplace_back(int(w), int(h));
        readPixels(src, std::size_t(w * h), *type, file.littleEndian, options.complexPart,
                   m.frames.back().data(), "DM image data");
    }

    const MetadataNode* dims = entry.find("ImageData/Calibrations/Dimension");
    auto dim = [&](std::size_t k) -> const MetadataNode* {
        return dims && k < dims->childCount() ? &dims->childAt(k) : nullptr;
    };
    std::string unitX, unitY;
    setAxis(dim(0), m.calibration.pixelSizeX, m.calibration.originX, unitX);
    setAxis(dim(1), m.calibration.pixelSizeY, m.calibration.originY, unitY);
    m.calibration.unit = unitX;
    if (unitY != unitX && metresPerUnit(unitX) > 0 && metresPerUnit(unitY) > 0) {
        const double f = metresPerUnit(unitY) / metresPerUnit(unitX);
        m.calibration.pixelSizeY *= f;
        m.calibration.originY *= f;
    }
    if (frames > 1) {
        double scale = 1, origin = 0;
        std::string unit;
        setAxis(dim(2), scale, origin, unit);
        m.frameAxis.scale = scale;
        m.frameAxis.offset = origin;
        m.frameAxis.unit = unit == "px" ? "" : unit;
        if (unit == "s") m.frameAxis.name = "time";
    }

    normaliseInstrument(tags, m.metadata);
    m.metadata.set(metadata_keys::kSignalName, m.signals[pick]);
    if (isComplex(*type)) m.metadata.set(metadata_keys::kComplexPart, complexPartName(options.complexPart));
    m.metadata.set("File/Version", "DM" + std::to_string(file.version));
    m.metadata.child("DigitalMicrograph") = std::move(file.tags);
    return m;
}

} // namespace atomlens
