#pragma once
#include "core/io/MicrographReader.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace atomlens {

/// Pixel types found in microscopy files, named like NumPy dtypes ("uint16", "complex64").
enum class PixelType {
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,
    Complex64,
    Complex128,
    Rgba8, ///< 4 bytes per pixel (R, G, B, A); converted to the mean of R, G and B
    Rgb8,  ///< 3 bytes per pixel (R, G, B)
};

/// Size in bytes of one pixel of the type.
std::size_t pixelBytes(PixelType type);
/// NumPy-style name ("int16", "complex64", "rgba8").
std::string pixelTypeName(PixelType type);
bool isComplex(PixelType type);

/// Converts `count` pixels stored in `raw` (in the file's byte order) to float, taking the chosen
/// part of complex pixels. Reads exactly count * pixelBytes(type) bytes.
void convertPixels(const std::uint8_t* raw, std::size_t count, PixelType type, bool littleEndian,
                   ComplexPart part, float* out);

/// Reads `count` pixels from the source at its current position into out, in blocks (never
/// holding more than a few MiB of raw bytes), after checking the file holds them all.
class ByteSource;
void readPixels(ByteSource& source, std::size_t count, PixelType type, bool littleEndian, ComplexPart part,
                float* out, const char* what);

/// Throws InputError naming the file unless width x height x frames is a sane image size that
/// `available` bytes (the rest of the file, or the dataset's stored size) can hold.
void checkDeclaredImage(const std::string& file, std::int64_t width, std::int64_t height, std::int64_t frames,
                        std::size_t bytesPerPixel, std::uint64_t available);

/// Name of a complex part for metadata ("modulus", "phase", "real", "imaginary").
std::string complexPartName(ComplexPart part);
/// The real number a complex pixel (re, im) stands for under `part`.
float selectComplexPart(double re, double im, ComplexPart part);

} // namespace atomlens
