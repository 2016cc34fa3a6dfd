#include "core/io/PixelConversion.h"

#include "core/data/Errors.h"
#include "core/data/Image.h"
#include "core/io/ByteSource.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <vector>

namespace atomlens {
namespace {

template <class T> T load(const std::uint8_t* p, bool swap) {
    unsigned char b[sizeof(T)];
    std::memcpy(b, p, sizeof(T));
    if (swap)
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(b[i], b[sizeof(T) - 1 - i]);
    T v;
    std::memcpy(&v, b, sizeof(T));
    return v;
}

template <class T> void convertReal(const std::uint8_t* raw, std::size_t n, bool swap, float* out) {
    if (!swap) {
        for (std::size_t i = 0; i < n; ++i) {
            T v;
            std::memcpy(&v, raw + i * sizeof(T), sizeof(T));
            out[i] = float(v);
        }
        return;
    }
    for (std::size_t i = 0; i < n; ++i) out[i] = float(load<T>(raw + i * sizeof(T), true));
}

template <class T>
void convertComplex(const std::uint8_t* raw, std::size_t n, bool swap, ComplexPart part, float* out) {
    for (std::size_t i = 0; i < n; ++i) {
        const T re = load<T>(raw + 2 * i * sizeof(T), swap);
        const T im = load<T>(raw + (2 * i + 1) * sizeof(T), swap);
        out[i] = selectComplexPart(double(re), double(im), part);
    }
}

} // namespace

std::size_t pixelBytes(PixelType t) {
    switch (t) {
    case PixelType::Int8:
    case PixelType::UInt8:
        return 1;
    case PixelType::Int16:
    case PixelType::UInt16:
        return 2;
    case PixelType::Int32:
    case PixelType::UInt32:
    case PixelType::Float32:
    case PixelType::Rgba8:
        return 4;
    case PixelType::Rgb8:
        return 3;
    case PixelType::Int64:
    case PixelType::UInt64:
    case PixelType::Float64:
    case PixelType::Complex64:
        return 8;
    case PixelType::Complex128:
        return 16;
    }
    return 1;
}

std::string pixelTypeName(PixelType t) {
    switch (t) {
    case PixelType::Int8:
        return "int8";
    case PixelType::UInt8:
        return "uint8";
    case PixelType::Int16:
        return "int16";
    case PixelType::UInt16:
        return "uint16";
    case PixelType::Int32:
        return "int32";
    case PixelType::UInt32:
        return "uint32";
    case PixelType::Int64:
        return "int64";
    case PixelType::UInt64:
        return "uint64";
    case PixelType::Float32:
        return "float32";
    case PixelType::Float64:
        return "float64";
    case PixelType::Complex64:
        return "complex64";
    case PixelType::Complex128:
        return "complex128";
    case PixelType::Rgba8:
        return "rgba8";
    case PixelType::Rgb8:
        return "rgb8";
    }
    return "unknown";
}

bool isComplex(PixelType t) {
    return t == PixelType::Complex64 || t == PixelType::Complex128;
}

float selectComplexPart(double re, double im, ComplexPart part) {
    switch (part) {
    case ComplexPart::Modulus:
        return float(std::hypot(re, im));
    case ComplexPart::Phase:
        return float(std::atan2(im, re));
    case ComplexPart::Real:
        return float(re);
    case ComplexPart::Imaginary:
        return float(im);
    }
    return float(std::hypot(re, im));
}

std::string complexPartName(ComplexPart part) {
    switch (part) {
    case ComplexPart::Modulus:
        return "modulus";
    case ComplexPart::Phase:
        return "phase";
    case ComplexPart::Real:
        return "real";
    case ComplexPart::Imaginary:
        return "imaginary";
    }
    return "modulus";
}

void convertPixels(const std::uint8_t* raw, std::size_t n, PixelType t, bool littleEndian, ComplexPart part,
                   float* out) {
    const bool swap = littleEndian != ByteSource::hostIsLittleEndian();
    switch (t) {
    case PixelType::Int8:
        convertReal<std::int8_t>(raw, n, false, out);
        break;
    case PixelType::UInt8:
        convertReal<std::uint8_t>(raw, n, false, out);
        break;
    case PixelType::Int16:
        convertReal<std::int16_t>(raw, n, swap, out);
        break;
    case PixelType::UInt16:
        convertReal<std::uint16_t>(raw, n, swap, out);
        break;
    case PixelType::Int32:
        convertReal<std::int32_t>(raw, n, swap, out);
        break;
    case PixelType::UInt32:
        convertReal<std::uint32_t>(raw, n, swap, out);
        break;
    case PixelType::Int64:
        convertReal<std::int64_t>(raw, n, swap, out);
        break;
    case PixelType::UInt64:
        convertReal<std::uint64_t>(raw, n, swap, out);
        break;
    case PixelType::Float32:
        convertReal<float>(raw, n, swap, out);
        break;
    case PixelType::Float64:
        convertReal<double>(raw, n, swap, out);
        break;
    case PixelType::Complex64:
        convertComplex<float>(raw, n, swap, part, out);
        break;
    case PixelType::Complex128:
        convertComplex<double>(raw, n, swap, part, out);
        break;
    case PixelType::Rgba8:
    case PixelType::Rgb8: {
        const std::size_t step = pixelBytes(t);
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint8_t* p = raw + i * step;
            out[i] = float((double(p[0]) + p[1] + p[2]) / 3.0);
        }
        break;
    }
    }
}

void readPixels(ByteSource& src, std::size_t count, PixelType type, bool littleEndian, ComplexPart part,
                float* out, const char* what) {
    const std::size_t bpp = pixelBytes(type);
    src.require(std::uint64_t(count) * bpp, what);
    const std::size_t block = std::max<std::size_t>(1, (std::size_t(4) << 20) / bpp);
    std::vector<std::uint8_t> raw(std::min(count, block) * bpp);
    for (std::size_t done = 0; done < count;) {
        const std::size_t n = std::min(block, count - done);
        src.read(raw.data(), n * bpp, what);
        convertPixels(raw.data(), n, type, littleEndian, part, out + done);
        done += n;
    }
}

void checkDeclaredImage(const std::string& file, std::int64_t w, std::int64_t h, std::int64_t frames,
                        std::size_t bpp, std::uint64_t available) {
    const auto dims =
        std::to_string(w) + "x" + std::to_string(h) + (frames > 1 ? "x" + std::to_string(frames) : "");
    if (w <= 0 || h <= 0 || frames <= 0)
        throw InputError(file, "the header declares an empty or negative image size (" + dims + ")");
    if (w > (1 << 24) || h > (1 << 24) || double(w) * double(h) > double(Image::kMaxPixels))
        throw InputError(file, "the header declares a " + dims + " image, larger than AtomLens accepts");
    const double bytes = double(w) * double(h) * double(frames) * double(bpp);
    if (bytes > double(available))
        throw InputError(file,
                         "the header declares " + dims + " pixels (" + std::to_string(std::uint64_t(bytes)) +
                             " bytes), more than the file holds (" + std::to_string(available) + " bytes)");
}

} // namespace atomlens
