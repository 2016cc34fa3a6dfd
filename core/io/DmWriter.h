#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// A DigitalMicrograph tag for the minimal DM3/DM4 writer: a group of tags, or a value given by its
/// type description (DM's encoded types, e.g. {20, 4, n} for an array of n uint16) and its raw
/// little-endian bytes. Used only by tests and the "io" bench to make files with known contents,
/// including corrupt ones (deep nesting, forged sizes); AtomLens does not save DM files.
struct DmTag {
    std::string label;
    bool isGroup = false;
    std::vector<DmTag> children;     ///< for groups
    std::vector<std::uint64_t> info; ///< for values: the type description
    std::vector<std::uint8_t> bytes; ///< for values: the data, little-endian

    static DmTag group(std::string label, std::vector<DmTag> children = {});
    static DmTag int32(std::string label, std::int32_t v);
    static DmTag uint32(std::string label, std::uint32_t v);
    static DmTag float32(std::string label, float v);
    static DmTag float64(std::string label, double v);
    /// Text stored as DM does for names and units: an array of uint16 (UTF-16 code units, ASCII here).
    static DmTag text(std::string label, const std::string& value);
    /// An array of `count` elements of DM encoded type `elementType` with the given bytes.
    static DmTag array(std::string label, std::uint64_t elementType, std::uint64_t count,
                       std::vector<std::uint8_t> bytes);
};

/// Encodes a whole file (header + root group) as DM version 3 or 4.
std::vector<std::uint8_t> encodeDm(const DmTag& root, int version);

/// One image for `dmImageDocument`: DM data type code, dimensions (x, y[, z]), raw pixel bytes and
/// per-axis calibration (origin in pixels, scale, units), plus a few instrument tags.
struct DmImageSpec {
    int dataType = 2; ///< 1 int16, 2 float32, 3 complex64, 6 uint8, 7 int32, 8 RGBA, 9 int8, 10 uint16,
                      ///< 11 uint32, 12 float64, 13 complex128, 39 int64, 40 uint64
    std::vector<std::int64_t> dimensions;
    std::vector<std::uint8_t> pixels;
    struct Axis {
        double origin = 0, scale = 1;
        std::string units;
    };
    std::vector<Axis> axes;
    std::string name = "image";
    std::string signal;      ///< ImageTags/Meta Data/Signal ("EELS" for a spectrum)
    double voltage = 200000; ///< ImageTags/Microscope Info/Voltage
    double magnification = 1e6;
    bool withThumbnail = true; ///< add a small RGBA thumbnail first, as DM does
};

/// The tag tree DM writes for one image (ImageList with optional thumbnail, Thumbnails index).
DmTag dmImageDocument(const DmImageSpec& spec);

/// Writes the image as a DM3 or DM4 file.
void writeDm(const std::string& path, const DmImageSpec& spec, int version);

} // namespace atomlens
