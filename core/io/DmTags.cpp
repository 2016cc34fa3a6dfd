#include "core/io/DmTags.h"
#include "core/io/TextEncoding.h"

#include "core/io/CalibrationUnits.h"

#include <vector>

namespace atomlens {
namespace {

constexpr std::size_t kMaxNodes = 2'000'000;
constexpr std::uint64_t kMaxInfo = 4096;

std::size_t simpleSize(std::uint64_t type) {
    switch (type) {
    case 2:
    case 4:
        return 2;
    case 3:
    case 5:
    case 6:
        return 4;
    case 7:
    case 11:
    case 12:
        return 8;
    case 8:
    case 9:
    case 10:
        return 1;
    default:
        return 0;
    }
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

std::string utf16ToUtf8(const std::vector<std::uint16_t>& units) {
    std::string out;
    for (std::size_t i = 0; i < units.size(); ++i) {
        std::uint32_t cp = units[i];
        if (cp == 0) break;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
            units[i + 1] < 0xE000)
            cp = 0x10000 + ((cp - 0xD800) << 10) + (units[++i] - 0xDC00);
        else if (cp >= 0xD800 && cp < 0xE000)
            cp = 0xFFFD;
        appendUtf8(out, cp);
    }
    return out;
}

class DmTagParser {
public:
    DmTagParser(ByteSource& src, DmFile& file) : m_src(src), m_file(file) {}

    void parseRoot() {
        m_src.skip(2, "DM root tag group header"); // sorted, open
        parseGroupBody(m_file.tags, "", 1);
    }

private:
    std::uint64_t readSize(const char* what) {
        return m_file.version == 4 ? m_src.readBE<std::uint64_t>(what) : m_src.readBE<std::uint32_t>(what);
    }

    std::string readSimple(std::uint64_t type) {
        const bool le = m_file.littleEndian;
        switch (type) {
        case 2:
            return std::to_string(m_src.readValue<std::int16_t>(le, "DM tag value"));
        case 3:
            return std::to_string(m_src.readValue<std::int32_t>(le, "DM tag value"));
        case 4:
            return std::to_string(m_src.readValue<std::uint16_t>(le, "DM tag value"));
        case 5:
            return std::to_string(m_src.readValue<std::uint32_t>(le, "DM tag value"));
        case 6:
            return numberText(double(m_src.readValue<float>(le, "DM tag value")));
        case 7:
            return numberText(m_src.readValue<double>(le, "DM tag value"));
        case 8:
            return m_src.readValue<std::uint8_t>(le, "DM tag value") ? "true" : "false";
        case 9:
            return latin1ToUtf8(std::string(1, char(m_src.readValue<std::uint8_t>(le, "DM tag value"))));
        case 10:
            return std::to_string(m_src.readValue<std::uint8_t>(le, "DM tag value"));
        case 11:
            return std::to_string(m_src.readValue<std::int64_t>(le, "DM tag value"));
        case 12:
            return std::to_string(m_src.readValue<std::uint64_t>(le, "DM tag value"));
        default:
            m_src.fail("unknown DM value type " + std::to_string(type) + " at byte " +
                       std::to_string(m_src.position()));
        }
    }

    void parseGroupBody(MetadataNode& node, const std::string& path, int depth) {
        if (depth > kMaxDmDepth)
            m_src.fail("DM tags nested deeper than " + std::to_string(kMaxDmDepth) +
                       " levels (corrupt or recursive tag tree)");
        const std::uint64_t count = readSize("DM tag group size");
        if (count > m_src.remaining() / 3)
            m_src.fail("a DM tag group declares " + std::to_string(count) +
                       " tags, more than the file can hold");
        for (std::uint64_t i = 0; i < count; ++i) {
            const auto type = m_src.readBE<std::uint8_t>("DM tag");
            const auto labelLength = m_src.readBE<std::uint16_t>("DM tag label");
            std::string label = latin1ToUtf8(m_src.readString(labelLength, "DM tag label"));
            if (m_file.version == 4) {
                const auto tagBytes = m_src.readBE<std::uint64_t>("DM4 tag size");
                if (tagBytes > m_src.remaining())
                    m_src.fail("truncated or corrupt DM4 tag: it declares " + std::to_string(tagBytes) +
                               " bytes, more than the file holds");
            }
            if (label.empty() || label.find('/') != std::string::npos) {
                for (auto& c : label)
                    if (c == '/') c = '|';
                if (label.empty()) label = std::to_string(i);
            }
            if (++m_nodes > kMaxNodes) m_src.fail("more than 2 million DM tags (corrupt file?)");
            MetadataNode& child = node.appendChild(label);
            const std::string childPath = path.empty() ? label : path + "/" + label;
            if (type == 20) {
                m_src.skip(2, "DM tag group header");
                parseGroupBody(child, childPath, depth + 1);
            } else if (type == 21) {
                parseData(child, childPath);
            } else {
                m_src.fail("unknown DM tag type " + std::to_string(type) + " at byte " +
                           std::to_string(m_src.position() - 1));
            }
        }
    }

    void parseData(MetadataNode& node, const std::string& path) {
        if (m_src.readString(4, "DM data tag") != "%%%%")
            m_src.fail("corrupt DM data tag '" + path + "' (missing %%%% marker)");
        const std::uint64_t n = readSize("DM data tag type info");
        const std::size_t entry = m_file.version == 4 ? 8 : 4;
        if (n == 0 || n > kMaxInfo || n > m_src.remaining() / entry)
            m_src.fail("DM data tag '" + path + "' declares " + std::to_string(n) +
                       " type entries (corrupt file)");
        std::vector<std::uint64_t> info(n);
        for (auto& v : info) v = readSize("DM data tag type info");
        const auto need = [&](std::size_t k) {
            if (info.size() < k) m_src.fail("DM data tag '" + path + "' has an incomplete type description");
        };
        switch (info[0]) {
        case 15: { // struct
            need(3);
            const std::uint64_t fields = info[2];
            if (fields > (info.size() - 3) / 2)
                m_src.fail("DM struct tag '" + path + "' declares too many fields");
            std::string text = "(";
            for (std::uint64_t f = 0; f < fields; ++f) {
                if (f) text += ", ";
                text += readSimple(info[3 + 2 * f + 1]);
            }
            node.setValue(text + ")");
            return;
        }
        case 18: { // string of UTF-16 units
            need(2);
            if (info[1] > m_src.remaining() / 2)
                m_src.fail("DM string tag '" + path + "' is longer than the file");
            std::vector<std::uint16_t> units(info[1]);
            for (auto& u : units) u = m_src.readValue<std::uint16_t>(m_file.littleEndian, "DM string");
            node.setValue(utf16ToUtf8(units));
            return;
        }
        case 20: {
            need(3);
            parseArray(node, path, info);
            return;
        }
        default:
            if (info.size() != 1) m_src.fail("DM data tag '" + path + "' has an unknown type description");
            node.setValue(readSimple(info[0]));
        }
    }

    void parseArray(MetadataNode& node, const std::string& path, const std::vector<std::uint64_t>& info) {
        DmArrayRef ref;
        ref.elementType = int(std::min<std::uint64_t>(info[1], 1 << 20));
        std::uint64_t elementSize = 0;
        if (info[1] == 15) { // array of structs: 20, 15, nameLength, fields, (nameLength, type)*, count
            if (info.size() < 5)
                m_src.fail("DM struct array '" + path + "' has an incomplete type description");
            const std::uint64_t fields = info[3];
            if (fields == 0 || fields > (info.size() - 5) / 2 + 0 || info.size() != 5 + 2 * fields)
                m_src.fail("DM struct array '" + path + "' has a malformed type description");
            for (std::uint64_t f = 0; f < fields; ++f) {
                const std::size_t s = simpleSize(info[4 + 2 * f + 1]);
                if (!s) m_src.fail("DM struct array '" + path + "' has an unknown field type");
                elementSize += s;
            }
            ref.count = info.back();
        } else {
            if (info.size() != 3) m_src.fail("DM array '" + path + "' has a malformed type description");
            elementSize = simpleSize(info[1]);
            if (!elementSize)
                m_src.fail("DM array '" + path + "' has unknown element type " + std::to_string(info[1]));
            ref.count = info[2];
        }
        if (ref.count > m_src.remaining() / elementSize)
            m_src.fail("DM array '" + path + "' declares " + std::to_string(ref.count) +
                       " elements, more than the " + std::to_string(m_src.size()) + "-byte file holds");
        ref.bytes = ref.count * elementSize;
        ref.offset = m_src.position();
        m_file.arrays[path] = ref;
        if (info[1] == 4 && ref.count <= 1024) { // UTF-16 text (names, units)
            std::vector<std::uint16_t> units(ref.count);
            for (auto& u : units) u = m_src.readValue<std::uint16_t>(m_file.littleEndian, "DM text array");
            node.setValue(utf16ToUtf8(units));
        } else if (info[1] != 15 && ref.count <= 16) {
            std::string text;
            for (std::uint64_t k = 0; k < ref.count; ++k) text += (k ? ", " : "") + readSimple(info[1]);
            node.setValue(text);
        } else {
            m_src.skip(ref.bytes, "DM array data");
            node.setValue("<array of " + std::to_string(ref.count) +
                          (info[1] == 15 ? " structs>" : " values>"));
        }
    }

    ByteSource& m_src;
    DmFile& m_file;
    std::size_t m_nodes = 0;
};

} // namespace

bool looksLikeDm(const std::uint8_t* h, std::size_t size) {
    if (size < 20) return false;
    const std::uint32_t version =
        (std::uint32_t(h[0]) << 24) | (std::uint32_t(h[1]) << 16) | (h[2] << 8) | h[3];
    if (version == 3) return h[8] == 0 && h[9] == 0 && h[10] == 0 && h[11] <= 1 && h[12] <= 1 && h[13] <= 1;
    if (version == 4) return h[12] == 0 && h[13] == 0 && h[14] == 0 && h[15] <= 1 && h[16] <= 1 && h[17] <= 1;
    return false;
}

DmFile parseDmTags(ByteSource& src) {
    DmFile file;
    const auto version = src.readBE<std::uint32_t>("DM header");
    if (version != 3 && version != 4)
        src.fail("not a DigitalMicrograph file (header version " + std::to_string(version) +
                 ", expected 3 or 4)");
    file.version = int(version);
    if (version == 4)
        src.readBE<std::uint64_t>("DM header");
    else
        src.readBE<std::uint32_t>("DM header");
    const auto order = src.readBE<std::uint32_t>("DM header");
    if (order > 1)
        src.fail("corrupt DigitalMicrograph header (byte-order flag " + std::to_string(order) + ")");
    file.littleEndian = order == 1;
    DmTagParser(src, file).parseRoot();
    return file;
}

} // namespace atomlens
