#pragma once
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace atomlens {

/// Bounded random-access reading of a file (streamed, never loaded whole) or of bytes in memory, for
/// the native format parsers. Every read checks the remaining length first and throws InputError
/// ("<file>: truncated <what> ...") instead of reading past the end, so a parser can trust no
/// declared size without asking `remaining()` or `require()`.
class ByteSource {
public:
    /// Opens a file; throws InputError when it cannot be opened.
    explicit ByteSource(const std::string& path);
    /// Wraps bytes in memory (tests, fuzzing); `name` is used in error messages.
    ByteSource(std::vector<std::uint8_t> bytes, std::string name);

    const std::string& name() const { return m_name; }
    std::uint64_t size() const { return m_size; }
    std::uint64_t position() const { return m_pos; }
    std::uint64_t remaining() const { return m_size - m_pos; }

    /// Moves to an absolute offset; throws InputError if it lies beyond the end.
    void seek(std::uint64_t offset, const char* what);
    /// Skips n bytes; throws InputError if fewer remain.
    void skip(std::uint64_t n, const char* what);
    /// Throws InputError unless n more bytes are available.
    void require(std::uint64_t n, const char* what) const;
    /// Reads exactly n bytes into out.
    void read(void* out, std::uint64_t n, const char* what);
    /// Reads n bytes as a string.
    std::string readString(std::uint64_t n, const char* what);

    /// Reads an integer or float stored big- or little-endian.
    template <class T> T readValue(bool littleEndian, const char* what) {
        unsigned char b[sizeof(T)];
        read(b, sizeof(T), what);
        if (littleEndian != hostIsLittleEndian())
            for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(b[i], b[sizeof(T) - 1 - i]);
        T v;
        std::memcpy(&v, b, sizeof(T));
        return v;
    }
    template <class T> T readLE(const char* what) { return readValue<T>(true, what); }
    template <class T> T readBE(const char* what) { return readValue<T>(false, what); }

    /// Throws InputError("<file>: <problem>").
    [[noreturn]] void fail(const std::string& problem) const;

    static bool hostIsLittleEndian() {
        const std::uint16_t one = 1;
        unsigned char first;
        std::memcpy(&first, &one, 1);
        return first == 1;
    }

private:
    std::string m_name;
    std::ifstream m_file;
    std::vector<std::uint8_t> m_bytes;
    bool m_inMemory = false;
    std::uint64_t m_size = 0;
    std::uint64_t m_pos = 0;
    std::uint64_t m_filePos = 0; ///< where the stream stands, to avoid needless seeks
};

} // namespace atomlens
