#include "core/io/MrcReader.h"

#include "core/data/Image.h"
#include "core/io/CalibrationUnits.h"
#include "core/io/InstrumentMetadata.h"
#include "core/io/PixelConversion.h"

#include <cmath>
#include <cstring>

namespace atomlens {
namespace {

std::int32_t i32(const std::uint8_t* p) {
    std::int32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
float f32(const std::uint8_t* p) {
    float v;
    std::memcpy(&v, p, 4);
    return v;
}
double f64(const std::uint8_t* p) {
    double v;
    std::memcpy(&v, p, 8);
    return v;
}
std::string fixedText(const std::uint8_t* p, std::size_t n) {
    std::string s(reinterpret_cast<const char*>(p), strnlen(reinterpret_cast<const char*>(p), n));
    for (auto& c : s)
        if (static_cast<unsigned char>(c) < 32 || static_cast<unsigned char>(c) > 126) c = '?';
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

/// Half-precision float (mode 12) to float.
float halfToFloat(std::uint16_t h) {
    const int sign = h >> 15, exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF;
    float v;
    if (exponent == 0)
        v = std::ldexp(float(mantissa), -24);
    else if (exponent == 31)
        v = mantissa ? NAN : INFINITY;
    else
        v = std::ldexp(float(mantissa | 0x400), exponent - 25);
    return sign ? -v : v;
}

bool plausibleHeader(const std::uint8_t* h, std::size_t size) {
    if (size < 224) return false;
    const int mode = i32(h + 12);
    const bool modeOk =
        mode == 0 || mode == 1 || mode == 2 || mode == 3 || mode == 4 || mode == 6 || mode == 12;
    return modeOk && i32(h) > 0 && i32(h + 4) > 0 && i32(h + 8) > 0 && std::memcmp(h + 208, "MAP ", 4) == 0;
}

/// FEI1/FEI2 extended header (one block per frame): the fields AtomLens uses, from the first block.
void readFeiExtendedHeader(const std::vector<std::uint8_t>& ext, Micrograph& m, double& pixelMetresX,
                           double& pixelMetresY) {
    if (ext.size() < 300) return;
    const std::uint8_t* b = ext.data();
    const std::int32_t blockSize = i32(b);
    if (blockSize < 300 || std::size_t(blockSize) > ext.size()) return;
    MetadataNode& fei = m.metadata.child("MRC").child("FEI");
    fei.set("MetadataVersion", std::to_string(i32(b + 4)));
    fei.set("Timestamp", numberText(f64(b + 12)));
    fei.set("MicroscopeType", fixedText(b + 20, 16));
    fei.set("D-Number", fixedText(b + 36, 16));
    fei.set("Application", fixedText(b + 52, 16));
    fei.set("ApplicationVersion", fixedText(b + 68, 16));
    fei.set("HT", numberText(f64(b + 84)));
    fei.set("Dose", numberText(f64(b + 92)));
    fei.set("AlphaTilt", numberText(f64(b + 100)));
    fei.set("BetaTilt", numberText(f64(b + 108)));
    fei.set("StageX", numberText(f64(b + 116)));
    fei.set("StageY", numberText(f64(b + 124)));
    fei.set("StageZ", numberText(f64(b + 132)));
    fei.set("PixelSizeX", numberText(f64(b + 156)));
    fei.set("PixelSizeY", numberText(f64(b + 164)));
    fei.set("Magnification", numberText(f64(b + 289)));
    pixelMetresX = f64(b + 156);
    pixelMetresY = f64(b + 164);
    namespace k = metadata_keys;
    const double ht = f64(b + 84), mag = f64(b + 289);
    if (std::isfinite(ht) && ht > 0) m.metadata.set(k::kVoltage, numberText(ht));
    if (std::isfinite(mag) && mag > 0) m.metadata.set(k::kMagnification, numberText(mag));
    setIfPresent(m.metadata, k::kMicroscope, fixedText(b + 20, 16));
    // Timestamp: days since 1899-12-30 (OLE automation date).
    const double days = f64(b + 12);
    if (std::isfinite(days) && days > 1 && days < 200000)
        setIfPresent(m.metadata, k::kTime, isoTimeFromUnix((days - 25569.0) * 86400.0));
}

} // namespace

FormatReader mrcFormatReader() {
    FormatReader r;
    r.name = "MRC";
    r.extensions = {".mrc", ".mrcs", ".rec", ".st"};
    r.sniff = [](const std::vector<std::uint8_t>& h) { return plausibleHeader(h.data(), h.size()); };
    r.read = [](const std::string& path, const ReadOptions& o) { return readMrc(path, o); };
    return r;
}

Micrograph readMrc(const std::string& path, const ReadOptions& options) {
    ByteSource src(path);
    return readMrc(src, options);
}

Micrograph readMrc(ByteSource& src, const ReadOptions& options) {
    std::uint8_t h[1024];
    src.read(h, sizeof h, "MRC header (1024 bytes)");
    const bool little =
        !(h[212] == 0x11 && h[213] == 0x11); // machine stamp: 0x44 0x44 (or 0x44 0x41) = little
    if (!little) src.fail("big-endian MRC files are not supported");
    const std::int32_t nx = i32(h), ny = i32(h + 4), nz = i32(h + 8), mode = i32(h + 12);
    const std::int32_t mx = i32(h + 28), my = i32(h + 32);
    const float cellX = f32(h + 40), cellY = f32(h + 44);
    const std::int32_t extBytes = i32(h + 92);
    const std::string extType = fixedText(h + 104, 4);
    PixelType type;
    bool half = false, complexInt16 = false;
    switch (mode) {
    case 0:
        type = PixelType::Int8;
        break;
    case 1:
        type = PixelType::Int16;
        break;
    case 2:
        type = PixelType::Float32;
        break;
    case 3:
        type = PixelType::Int16, complexInt16 = true;
        break;
    case 4:
        type = PixelType::Complex64;
        break;
    case 6:
        type = PixelType::UInt16;
        break;
    case 12:
        type = PixelType::Int16, half = true;
        break;
    default:
        src.fail("unsupported MRC mode " + std::to_string(mode) + " (supported: 0, 1, 2, 3, 4, 6, 12)");
    }
    if (extBytes < 0 || std::uint64_t(extBytes) > src.remaining())
        src.fail("the MRC header declares a " + std::to_string(extBytes) +
                 "-byte extended header, more than the file holds");
    std::vector<std::uint8_t> ext;
    if (extType == "FEI1" || extType == "FEI2") {
        ext.resize(std::size_t(extBytes));
        src.read(ext.data(), ext.size(), "MRC extended header");
    } else {
        src.skip(std::uint64_t(extBytes), "MRC extended header");
    }
    const std::size_t bpp = complexInt16 ? 4 : half ? 2 : pixelBytes(type);
    checkDeclaredImage(src.name(), nx, ny, nz, bpp, src.remaining());

    Micrograph m;
    m.sourceDtype = complexInt16 ? "complex64" : half ? "float16" : pixelTypeName(type);
    m.signals = {"image"};
    MetadataNode& raw = m.metadata.child("MRC");
    raw.set("nx", std::to_string(nx));
    raw.set("ny", std::to_string(ny));
    raw.set("nz", std::to_string(nz));
    raw.set("mode", std::to_string(mode));
    raw.set("cella", numberText(cellX) + ", " + numberText(cellY) + ", " + numberText(f32(h + 48)));
    raw.set("mxyz", std::to_string(mx) + ", " + std::to_string(my) + ", " + std::to_string(i32(h + 36)));
    raw.set("ExtendedHeaderType", extType);
    raw.set("ExtendedHeaderBytes", std::to_string(extBytes));
    const int labels = std::min(10, std::max(0, i32(h + 220)));
    for (int i = 0; i < labels; ++i) raw.set("Label" + std::to_string(i), fixedText(h + 224 + 80 * i, 80));

    double pxX = 0, pxY = 0; // metres
    readFeiExtendedHeader(ext, m, pxX, pxY);
    if (!(pxX > 0 && std::isfinite(pxX)) && mx > 0 && cellX > 0) {
        pxX = double(cellX) / mx * 1e-10;
        pxY = my > 0 && cellY > 0 ? double(cellY) / my * 1e-10 : pxX;
    }
    if (pxX > 0 && std::isfinite(pxX)) {
        m.calibration.unit = "nm";
        m.calibration.pixelSizeX = pxX * 1e9;
        m.calibration.pixelSizeY = (pxY > 0 && std::isfinite(pxY) ? pxY : pxX) * 1e9;
    }
    const std::size_t n = std::size_t(nx) * std::size_t(ny);
    std::vector<std::uint8_t> raw16;
    for (std::int32_t z = 0; z < nz; ++z) {
        m.frames.emplace_back(nx, ny);
        float* out = m.frames.back().data();
        if (complexInt16 || half) {
            raw16.resize(n * bpp);
            src.read(raw16.data(), raw16.size(), "MRC image data");
            for (std::size_t i = 0; i < n; ++i) {
                if (half) {
                    std::uint16_t v;
                    std::memcpy(&v, raw16.data() + 2 * i, 2);
                    out[i] = halfToFloat(v);
                    continue;
                }
                std::int16_t re, im;
                std::memcpy(&re, raw16.data() + 4 * i, 2);
                std::memcpy(&im, raw16.data() + 4 * i + 2, 2);
                out[i] = selectComplexPart(re, im, options.complexPart);
            }
        } else {
            readPixels(src, n, type, little, options.complexPart, out, "MRC image data");
        }
    }
    if (complexInt16 || type == PixelType::Complex64)
        m.metadata.set(metadata_keys::kComplexPart, complexPartName(options.complexPart));
    return m;
}

} // namespace atomlens
