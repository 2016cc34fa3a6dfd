#include "core/io/DmWriter.h"

#include <cstring>
#include <fstream>
#include <stdexcept>

namespace atomlens {
namespace {

template <class T> std::vector<std::uint8_t> bytesOf(T v) {
    std::vector<std::uint8_t> b(sizeof(T));
    std::memcpy(b.data(), &v, sizeof(T)); // little-endian hosts only (x86, ARM)
    return b;
}

void putBE(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(std::uint8_t(v >> (8 * i)));
}

void encodeTags(const std::vector<DmTag>& tags, int version, std::vector<std::uint8_t>& out);

void encodeGroupBody(const DmTag& g, int version, std::vector<std::uint8_t>& out) {
    out.push_back(0); // sorted
    out.push_back(1); // open
    putBE(out, g.children.size(), version == 4 ? 8 : 4);
    encodeTags(g.children, version, out);
}

void encodeTags(const std::vector<DmTag>& tags, int version, std::vector<std::uint8_t>& out) {
    const int word = version == 4 ? 8 : 4;
    for (const DmTag& t : tags) {
        out.push_back(t.isGroup ? 20 : 21);
        putBE(out, t.label.size(), 2);
        out.insert(out.end(), t.label.begin(), t.label.end());
        std::vector<std::uint8_t> body;
        if (t.isGroup) {
            encodeGroupBody(t, version, body);
        } else {
            body.insert(body.end(), {'%', '%', '%', '%'});
            putBE(body, t.info.size(), word);
            for (auto v : t.info) putBE(body, v, word);
            body.insert(body.end(), t.bytes.begin(), t.bytes.end());
        }
        if (version == 4) putBE(out, body.size(), 8);
        out.insert(out.end(), body.begin(), body.end());
    }
}

std::size_t pixelSize(int dataType) {
    switch (dataType) {
    case 6:
    case 9:
    case 14:
        return 1;
    case 1:
    case 10:
        return 2;
    case 2:
    case 7:
    case 11:
    case 8:
    case 23:
        return 4;
    case 3:
    case 12:
    case 39:
    case 40:
        return 8;
    case 13:
        return 16;
    default:
        throw std::invalid_argument("unknown DM data type");
    }
}

} // namespace

DmTag DmTag::group(std::string label, std::vector<DmTag> children) {
    DmTag t;
    t.label = std::move(label);
    t.isGroup = true;
    t.children = std::move(children);
    return t;
}
DmTag DmTag::int32(std::string label, std::int32_t v) {
    return {std::move(label), false, {}, {3}, bytesOf(v)};
}
DmTag DmTag::uint32(std::string label, std::uint32_t v) {
    return {std::move(label), false, {}, {5}, bytesOf(v)};
}
DmTag DmTag::float32(std::string label, float v) {
    return {std::move(label), false, {}, {6}, bytesOf(v)};
}
DmTag DmTag::float64(std::string label, double v) {
    return {std::move(label), false, {}, {7}, bytesOf(v)};
}
DmTag DmTag::text(std::string label, const std::string& value) {
    std::vector<std::uint8_t> b;
    for (unsigned char c : value) b.insert(b.end(), {c, 0});
    return {std::move(label), false, {}, {20, 4, value.size()}, b};
}
DmTag DmTag::array(std::string label, std::uint64_t type, std::uint64_t count,
                   std::vector<std::uint8_t> bytes) {
    return {std::move(label), false, {}, {20, type, count}, std::move(bytes)};
}

std::vector<std::uint8_t> encodeDm(const DmTag& root, int version) {
    if (version != 3 && version != 4) throw std::invalid_argument("DM version must be 3 or 4");
    std::vector<std::uint8_t> body;
    encodeGroupBody(root, version, body);
    std::vector<std::uint8_t> out;
    putBE(out, std::uint64_t(version), 4);
    putBE(out, body.size() + 8, version == 4 ? 8 : 4);
    putBE(out, 1, 4); // little-endian values
    out.insert(out.end(), body.begin(), body.end());
    out.insert(out.end(), 8, 0); // two zero words end a DM file
    return out;
}

DmTag dmImageDocument(const DmImageSpec& s) {
    const std::size_t bpp = pixelSize(s.dataType);
    std::vector<DmTag> dims, cal;
    for (std::size_t i = 0; i < s.dimensions.size(); ++i) {
        dims.push_back(DmTag::uint32("", std::uint32_t(s.dimensions[i])));
        const DmImageSpec::Axis a = i < s.axes.size() ? s.axes[i] : DmImageSpec::Axis{};
        cal.push_back(
            DmTag::group("", {DmTag::float32("Origin", float(a.origin)),
                              DmTag::float32("Scale", float(a.scale)), DmTag::text("Units", a.units)}));
    }
    // The data array uses an element type of the pixel's width (DM stores complex as pairs of floats).
    std::uint64_t elementType = 10, count = s.pixels.size();
    if (bpp == 2) elementType = 4, count /= 2;
    if (bpp == 4) elementType = s.dataType == 2 ? 6 : 5, count /= 4;
    if (bpp == 8) elementType = s.dataType == 39 ? 11 : s.dataType == 40 ? 12 : 7, count /= 8;
    if (s.dataType == 3) elementType = 6, count = s.pixels.size() / 4;
    if (bpp == 16) elementType = 7, count = s.pixels.size() / 8;
    std::vector<DmTag> images;
    if (s.withThumbnail) {
        DmTag thumb = DmTag::group(
            "", {DmTag::group("ImageData",
                              {DmTag::group("Calibrations", {DmTag::group("Dimension", {})}),
                               DmTag::array("Data", 5, 4, std::vector<std::uint8_t>(16, 0x80)),
                               DmTag::int32("DataType", 23),
                               DmTag::group("Dimensions", {DmTag::uint32("", 2), DmTag::uint32("", 2)}),
                               DmTag::int32("PixelDepth", 4)}),
                 DmTag::text("Name", "thumbnail")});
        images.push_back(thumb);
    }
    std::vector<DmTag> imageTags = {
        DmTag::group("Microscope Info", {DmTag::float64("Voltage", s.voltage),
                                         DmTag::float64("Indicated Magnification", s.magnification),
                                         DmTag::text("Microscope", "Test Microscope")}),
        DmTag::group("DataBar", {DmTag::text("Acquisition Date", "1/2/2024"),
                                 DmTag::text("Acquisition Time", "10:11:12 AM")})};
    if (!s.signal.empty()) imageTags.push_back(DmTag::group("Meta Data", {DmTag::text("Signal", s.signal)}));
    images.push_back(DmTag::group(
        "",
        {DmTag::group("ImageData", {DmTag::group("Calibrations", {DmTag::group("Dimension", cal)}),
                                    DmTag::array("Data", elementType, count, s.pixels),
                                    DmTag::int32("DataType", s.dataType), DmTag::group("Dimensions", dims),
                                    DmTag::int32("PixelDepth", std::int32_t(bpp))}),
         DmTag::group("ImageTags", imageTags), DmTag::text("Name", s.name)}));
    std::vector<DmTag> rootTags = {DmTag::group("ImageList", images)};
    if (s.withThumbnail)
        rootTags.push_back(DmTag::group("Thumbnails", {DmTag::group("", {DmTag::uint32("ImageIndex", 0)})}));
    return DmTag::group("", rootTags);
}

void writeDm(const std::string& path, const DmImageSpec& spec, int version) {
    const auto bytes = encodeDm(dmImageDocument(spec), version);
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

} // namespace atomlens
