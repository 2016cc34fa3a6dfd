#include "core/io/TiffReader.h"
#include "core/io/TextEncoding.h"

#include "core/data/Errors.h"
#include "core/data/Units.h"

#include <tiffio.h>

#include <cmath>
#include <cstdarg>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>

namespace atomlens {
namespace {

// libtiff reports problems through process-wide handlers; we collect the last error per thread so the
// exception can say what went wrong instead of libtiff printing to stderr.
thread_local std::string t_lastTiffError;

void tiffErrorHandler(const char* module, const char* fmt, va_list ap) {
    char buffer[512];
    std::vsnprintf(buffer, sizeof buffer, fmt, ap);
    t_lastTiffError = (module ? std::string(module) + ": " : std::string()) + buffer;
}
void tiffWarningHandler(const char*, const char*, va_list) {}

void installHandlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        TIFFSetErrorHandler(tiffErrorHandler);
        TIFFSetWarningHandler(tiffWarningHandler);
    });
}

struct TiffCloser {
    void operator()(TIFF* t) const { TIFFClose(t); }
};

// Reads a tag of any type as numbers (libtiff creates "anonymous" fields for private tags such as
// DigitalMicrograph's, which are passed with a count).
std::optional<std::vector<double>> numericTag(TIFF* tif, ttag_t tag) {
    const TIFFField* field = TIFFFindField(tif, tag, TIFF_ANY);
    if (!field) return std::nullopt;
    const TIFFDataType type = TIFFFieldDataType(field);
    void* data = nullptr;
    std::uint32_t count = 1;
    if (TIFFFieldPassCount(field)) {
        if (TIFFFieldReadCount(field) == TIFF_VARIABLE2) {
            if (!TIFFGetField(tif, tag, &count, &data)) return std::nullopt;
        } else {
            std::uint16_t c16 = 0;
            if (!TIFFGetField(tif, tag, &c16, &data)) return std::nullopt;
            count = c16;
        }
    } else {
        return std::nullopt; // known tags are read through their typed accessors
    }
    if (!data || count == 0 || count > 4096) return std::nullopt;
    std::vector<double> out(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        switch (type) {
        case TIFF_DOUBLE:
            out[i] = static_cast<const double*>(data)[i];
            break;
        case TIFF_FLOAT:
            out[i] = static_cast<const float*>(data)[i];
            break;
        case TIFF_SLONG:
            out[i] = static_cast<const std::int32_t*>(data)[i];
            break;
        case TIFF_LONG:
            out[i] = static_cast<const std::uint32_t*>(data)[i];
            break;
        case TIFF_SSHORT:
            out[i] = static_cast<const std::int16_t*>(data)[i];
            break;
        case TIFF_SHORT:
            out[i] = static_cast<const std::uint16_t*>(data)[i];
            break;
        case TIFF_RATIONAL:
        case TIFF_SRATIONAL:
            out[i] = static_cast<const float*>(data)[i];
            break;
        default:
            return std::nullopt;
        }
    }
    return out;
}

std::optional<std::string> textTag(TIFF* tif, ttag_t tag) {
    const TIFFField* field = TIFFFindField(tif, tag, TIFF_ANY);
    if (!field || TIFFFieldDataType(field) != TIFF_ASCII) return std::nullopt;
    char* text = nullptr;
    if (TIFFFieldPassCount(field)) {
        std::uint32_t count = 0;
        if (TIFFFieldReadCount(field) == TIFF_VARIABLE2) {
            if (!TIFFGetField(tif, tag, &count, &text)) return std::nullopt;
        } else {
            std::uint16_t c16 = 0;
            if (!TIFFGetField(tif, tag, &c16, &text)) return std::nullopt;
            count = c16;
        }
        if (!text) return std::nullopt;
        return std::string(text, strnlen(text, count));
    }
    if (!TIFFGetField(tif, tag, &text) || !text) return std::nullopt;
    return std::string(text);
}

std::map<std::string, std::string> parseImageJDescription(const std::string& text) {
    std::map<std::string, std::string> kv;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq != std::string::npos) kv[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return kv;
}

std::string canonicalUnit(const std::string& raw) {
    const auto u = parseLengthUnit(raw);
    if (!u) return raw;
    if (u->symbol == "um") return "\xC2\xB5m";
    if (u->symbol == "A") return "\xC3\x85";
    return u->symbol;
}

struct PageFormat {
    std::uint32_t width = 0, height = 0;
    std::uint16_t bits = 8, sampleFormat = SAMPLEFORMAT_UINT, samples = 1, planar = PLANARCONFIG_CONTIG;
    std::uint16_t compression = COMPRESSION_NONE;
};

PageFormat readPageFormat(TIFF* tif) {
    PageFormat f;
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &f.width);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &f.height);
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &f.bits);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &f.sampleFormat);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &f.samples);
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &f.planar);
    TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &f.compression);
    return f;
}

std::string dtypeName(const PageFormat& f) {
    std::string base = f.sampleFormat == SAMPLEFORMAT_IEEEFP ? "float"
                       : f.sampleFormat == SAMPLEFORMAT_INT  ? "int"
                                                             : "uint";
    std::string name = base + std::to_string(f.bits);
    if (f.samples >= 3) name = "rgb" + std::to_string(f.bits);
    return name;
}

// Converts one row of raw samples to float (averaging colour samples to grey).
void convertRow(const PageFormat& f, const std::uint8_t* raw, float* out, std::uint32_t width) {
    const std::uint32_t spp = f.planar == PLANARCONFIG_CONTIG ? f.samples : 1;
    for (std::uint32_t x = 0; x < width; ++x) {
        double acc = 0;
        const std::uint32_t use = spp >= 3 ? 3 : 1;
        for (std::uint32_t s = 0; s < use; ++s) {
            const std::size_t i = std::size_t(x) * spp + s;
            double v = 0;
            switch (f.sampleFormat) {
            case SAMPLEFORMAT_IEEEFP:
                if (f.bits == 32) {
                    float t;
                    std::memcpy(&t, raw + i * 4, 4);
                    v = t;
                } else {
                    double t;
                    std::memcpy(&t, raw + i * 8, 8);
                    v = t;
                }
                break;
            case SAMPLEFORMAT_INT:
                if (f.bits == 8)
                    v = reinterpret_cast<const std::int8_t*>(raw)[i];
                else if (f.bits == 16) {
                    std::int16_t t;
                    std::memcpy(&t, raw + i * 2, 2);
                    v = t;
                } else if (f.bits == 32) {
                    std::int32_t t;
                    std::memcpy(&t, raw + i * 4, 4);
                    v = t;
                } else {
                    std::int64_t t;
                    std::memcpy(&t, raw + i * 8, 8);
                    v = double(t);
                }
                break;
            default:
                if (f.bits == 8)
                    v = raw[i];
                else if (f.bits == 16) {
                    std::uint16_t t;
                    std::memcpy(&t, raw + i * 2, 2);
                    v = t;
                } else if (f.bits == 32) {
                    std::uint32_t t;
                    std::memcpy(&t, raw + i * 4, 4);
                    v = t;
                } else {
                    std::uint64_t t;
                    std::memcpy(&t, raw + i * 8, 8);
                    v = double(t);
                }
            }
            acc += v;
        }
        out[x] = float(acc / use);
    }
}

Image readPage(TIFF* tif, const PageFormat& f, const std::string& path) {
    Image image(int(f.width), int(f.height));
    if (TIFFIsTiled(tif)) {
        std::uint32_t tw = 0, th = 0;
        TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tw);
        TIFFGetField(tif, TIFFTAG_TILELENGTH, &th);
        if (tw == 0 || th == 0 || tw > 65536 || th > 65536) throw InputError(path, "invalid TIFF tile size");
        std::vector<std::uint8_t> tile(std::size_t(TIFFTileSize(tif)));
        const std::size_t rowBytes = std::size_t(TIFFTileRowSize(tif));
        std::vector<float> rowOut(tw);
        for (std::uint32_t ty = 0; ty < f.height; ty += th)
            for (std::uint32_t tx = 0; tx < f.width; tx += tw) {
                if (TIFFReadTile(tif, tile.data(), tx, ty, 0, 0) < 0)
                    throw InputError(path, "truncated or corrupt TIFF tile (" + t_lastTiffError + ")");
                for (std::uint32_t y = 0; y < th && ty + y < f.height; ++y) {
                    convertRow(f, tile.data() + y * rowBytes, rowOut.data(), tw);
                    const std::uint32_t n = std::min(tw, f.width - tx);
                    std::copy(rowOut.begin(), rowOut.begin() + n, image.row(int(ty + y)) + tx);
                }
            }
        return image;
    }
    std::vector<std::uint8_t> line(std::size_t(TIFFScanlineSize(tif)));
    for (std::uint32_t y = 0; y < f.height; ++y) {
        if (TIFFReadScanline(tif, line.data(), y, 0) < 0)
            throw InputError(path, "truncated or corrupt TIFF data at row " + std::to_string(y) + " (" +
                                       t_lastTiffError + ")");
        convertRow(f, line.data(), image.row(int(y)), f.width);
    }
    return image;
}

void applyCalibration(TIFF* tif, Micrograph& m) {
    // 1. ImageJ: ImageDescription "ImageJ=..." with unit=, spacing=, plus X/YResolution in pixels/unit.
    if (auto desc = textTag(tif, TIFFTAG_IMAGEDESCRIPTION); desc && desc->rfind("ImageJ=", 0) == 0) {
        const auto kv = parseImageJDescription(*desc);
        float xres = 0, yres = 0;
        TIFFGetField(tif, TIFFTAG_XRESOLUTION, &xres);
        TIFFGetField(tif, TIFFTAG_YRESOLUTION, &yres);
        const auto unit = kv.count("unit") ? kv.at("unit") : std::string();
        if (xres > 0 && parseLengthUnit(unit)) {
            m.calibration.pixelSizeX = 1.0 / double(xres);
            m.calibration.pixelSizeY = yres > 0 ? 1.0 / double(yres) : m.calibration.pixelSizeX;
            m.calibration.unit = canonicalUnit(unit);
        }
        if (kv.count("spacing")) m.frameAxis.scale = std::atof(kv.at("spacing").c_str());
        if (kv.count("finterval")) {
            m.frameAxis.scale = std::atof(kv.at("finterval").c_str());
            m.frameAxis.name = "time";
            m.frameAxis.unit = "s";
        }
        for (const auto& [k, v] : kv) m.metadata.set("ImageJ/" + k, v);
        return;
    }
    // 2. DigitalMicrograph: 65003/65004 units, 65006/65007 origins, 65009/65010 scales (x, y).
    if (auto scaleX = numericTag(tif, 65009)) {
        const auto scaleY = numericTag(tif, 65010);
        const auto unitX = textTag(tif, 65003);
        const auto offX = numericTag(tif, 65006), offY = numericTag(tif, 65007);
        const std::string unit = unitX ? latin1ToUtf8(*unitX) : "";
        if (parseLengthUnit(unit) && (*scaleX)[0] > 0) {
            m.calibration.pixelSizeX = (*scaleX)[0];
            m.calibration.pixelSizeY = scaleY ? (*scaleY)[0] : (*scaleX)[0];
            m.calibration.unit = canonicalUnit(unit);
            if (offX) m.calibration.originX = (*offX)[0];
            if (offY) m.calibration.originY = (*offY)[0];
        }
        m.metadata.set("DigitalMicrograph/unit", unit);
        return;
    }
    // 3. FEI / Thermo Fisher: INI-like text in tag 34682 with [Scan] PixelWidth/PixelHeight in metres.
    if (auto fei = textTag(tif, 34682)) {
        std::istringstream in(*fei);
        std::string line;
        double pw = 0, ph = 0;
        while (std::getline(in, line)) {
            if (line.rfind("PixelWidth=", 0) == 0) pw = std::atof(line.c_str() + 11);
            if (line.rfind("PixelHeight=", 0) == 0) ph = std::atof(line.c_str() + 12);
            const auto eq = line.find('=');
            if (eq != std::string::npos && eq > 0)
                m.metadata.set("FEI/" + line.substr(0, eq), line.substr(eq + 1));
        }
        if (pw > 0) {
            m.calibration.pixelSizeX = pw * 1e9;
            m.calibration.pixelSizeY = (ph > 0 ? ph : pw) * 1e9;
            m.calibration.unit = "nm";
        }
    }
}

} // namespace

FormatReader tiffFormatReader() {
    FormatReader r;
    r.name = "TIFF";
    r.extensions = {".tif", ".tiff"};
    r.sniff = [](const std::vector<std::uint8_t>& h) {
        if (h.size() < 4) return false;
        const bool ii = h[0] == 'I' && h[1] == 'I' && (h[2] == 42 || h[2] == 43) && h[3] == 0;
        const bool mm = h[0] == 'M' && h[1] == 'M' && h[2] == 0 && (h[3] == 42 || h[3] == 43);
        return ii || mm;
    };
    r.read = readTiff;
    return r;
}

Micrograph readTiff(const std::string& path, const ReadOptions&) {
    installHandlers();
    t_lastTiffError.clear();
    std::unique_ptr<TIFF, TiffCloser> tif(TIFFOpen(path.c_str(), "r"));
    if (!tif) throw InputError(path, "not a readable TIFF file (" + t_lastTiffError + ")");
    const auto fileSize = std::filesystem::file_size(path);

    Micrograph m;
    PageFormat first;
    int page = 0;
    do {
        const PageFormat f = readPageFormat(tif.get());
        if (page == 0) {
            first = f;
            if (f.width == 0 || f.height == 0) throw InputError(path, "the TIFF image is empty (0 pixels)");
            const bool intOk = (f.sampleFormat == SAMPLEFORMAT_UINT || f.sampleFormat == SAMPLEFORMAT_INT ||
                                f.sampleFormat == SAMPLEFORMAT_VOID) &&
                               (f.bits == 8 || f.bits == 16 || f.bits == 32 || f.bits == 64);
            const bool floatOk = f.sampleFormat == SAMPLEFORMAT_IEEEFP && (f.bits == 32 || f.bits == 64);
            if (!intOk && !floatOk)
                throw InputError(path, "unsupported TIFF pixel type (" + std::to_string(f.bits) +
                                           "-bit, sample format " + std::to_string(f.sampleFormat) + ")");
            if (f.planar != PLANARCONFIG_CONTIG && f.samples > 1)
                throw InputError(path, "planar (separate-plane) colour TIFF is not supported");
            const double declared = double(f.width) * f.height * f.samples * (f.bits / 8);
            const double ratio = f.compression == COMPRESSION_NONE ? 1.0 : 2000.0;
            if (double(f.width) * f.height > double(Image::kMaxPixels) ||
                declared > double(fileSize) * ratio + 4096)
                throw InputError(path, "the TIFF header declares " + std::to_string(f.width) + "x" +
                                           std::to_string(f.height) + " pixels, more than the " +
                                           std::to_string(fileSize) + "-byte file can hold");
            m.sourceDtype = dtypeName(f);
            applyCalibration(tif.get(), m);
        } else if (f.width != first.width || f.height != first.height || f.bits != first.bits) {
            // Thumbnails and pyramid levels: not frames of the stack.
            ++page;
            continue;
        }
        m.frames.push_back(readPage(tif.get(), f, path));
        ++page;
        if (page > 100000) throw InputError(path, "too many TIFF pages (cyclic directory chain?)");
    } while (TIFFReadDirectory(tif.get()));
    m.signals = {"image"};
    return m;
}

} // namespace atomlens
