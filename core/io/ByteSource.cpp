#include "core/io/ByteSource.h"

#include "core/data/Errors.h"

#include <filesystem>

namespace atomlens {

ByteSource::ByteSource(const std::string& path) : m_name(path), m_file(path, std::ios::binary) {
    if (!m_file) throw InputError(path, "cannot open the file for reading");
    std::error_code ec;
    m_size = std::filesystem::file_size(path, ec);
    if (ec) throw InputError(path, "cannot read the file size (" + ec.message() + ")");
}

ByteSource::ByteSource(std::vector<std::uint8_t> bytes, std::string name)
    : m_name(std::move(name)), m_bytes(std::move(bytes)), m_inMemory(true), m_size(m_bytes.size()) {}

void ByteSource::fail(const std::string& problem) const {
    throw InputError(m_name, problem);
}

void ByteSource::require(std::uint64_t n, const char* what) const {
    if (n > remaining())
        fail(std::string("truncated ") + what + " at byte " + std::to_string(m_pos) + " (needs " +
             std::to_string(n) + " bytes, the file has " + std::to_string(remaining()) + " left)");
}

void ByteSource::seek(std::uint64_t offset, const char* what) {
    if (offset > m_size)
        fail(std::string(what) + " points to byte " + std::to_string(offset) + ", beyond the end of the " +
             std::to_string(m_size) + "-byte file");
    m_pos = offset;
}

void ByteSource::skip(std::uint64_t n, const char* what) {
    require(n, what);
    m_pos += n;
}

void ByteSource::read(void* out, std::uint64_t n, const char* what) {
    require(n, what);
    if (n == 0) return;
    if (m_inMemory) {
        std::memcpy(out, m_bytes.data() + m_pos, std::size_t(n));
    } else {
        if (m_filePos != m_pos) {
            m_file.clear();
            m_file.seekg(std::streamoff(m_pos));
        }
        m_file.read(static_cast<char*>(out), std::streamsize(n));
        const auto got = std::uint64_t(m_file.gcount());
        m_filePos = m_pos + got;
        if (got != n) fail(std::string("read error in ") + what + " (file changed?)");
    }
    m_pos += n;
}

std::string ByteSource::readString(std::uint64_t n, const char* what) {
    require(n, what);
    std::string s(std::size_t(n), '\0');
    read(s.data(), n, what);
    return s;
}

} // namespace atomlens
