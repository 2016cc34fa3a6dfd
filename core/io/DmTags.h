#pragma once
#include "core/data/Metadata.h"
#include "core/io/ByteSource.h"

#include <cstdint>
#include <map>
#include <string>

namespace atomlens {

/// Where an array's bytes lie in a DigitalMicrograph file (pixel data is not loaded by the tag pass).
struct DmArrayRef {
    std::uint64_t offset = 0;
    std::uint64_t count = 0; ///< number of elements
    int elementType = 0;     ///< DM encoded type (2 int16, 6 float32, 15 struct, ...)
    std::uint64_t bytes = 0; ///< total size in the file
};

/// The tag tree of a DM3/DM4 file. Tag groups and values become MetadataNodes (unnamed list entries
/// are keyed "0", "1", ...; strings and UTF-16 arrays become text, numbers their decimal text, small
/// arrays comma-separated); every array's location is kept by path for lazy pixel reading.
struct DmFile {
    int version = 0;          ///< 3 or 4
    bool littleEndian = true; ///< byte order of the tag values
    MetadataNode tags;
    std::map<std::string, DmArrayRef> arrays;
};

/// Parses the whole tag tree without reading large arrays. Throws InputError for a wrong magic or
/// version, a truncated file, tags nested deeper than kMaxDmDepth, unknown tag or value types, and
/// any declared count or size the rest of the file cannot hold.
DmFile parseDmTags(ByteSource& source);

/// Deepest tag-group nesting accepted (real files use about 10 levels).
inline constexpr int kMaxDmDepth = 64;

/// True when the first bytes look like a DM3 or DM4 file.
bool looksLikeDm(const std::uint8_t* head, std::size_t size);

} // namespace atomlens
