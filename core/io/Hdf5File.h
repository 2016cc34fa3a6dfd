#pragma once
#include "core/io/MicrographReader.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace atomlens {

/// A thin RAII layer over the HDF5 C library for the EMD readers: opens read-only, silences HDF5's
/// own error printing, and turns every failure into an InputError naming the file. The HDF5
/// library is not thread-safe in Debian's build, so callers hold `hdf5Mutex()` while reading.
class Hdf5File {
public:
    explicit Hdf5File(const std::string& path);
    ~Hdf5File();
    Hdf5File(const Hdf5File&) = delete;
    Hdf5File& operator=(const Hdf5File&) = delete;

    const std::string& path() const { return m_path; }
    std::uint64_t fileSize() const { return m_fileSize; }
    [[noreturn]] void fail(const std::string& problem) const;

    bool exists(const std::string& objectPath) const;
    bool isGroup(const std::string& objectPath) const;
    bool isDataset(const std::string& objectPath) const;
    /// Names of the direct members of a group, in name order (at most 100000).
    std::vector<std::string> members(const std::string& groupPath) const;

    /// Shape of a dataset, slowest axis first.
    std::vector<std::uint64_t> shape(const std::string& datasetPath) const;
    /// NumPy-style name of a dataset's element type ("uint16", "float32", "complex64" for a
    /// {real, imag} float compound); "" for types AtomLens cannot read as pixels.
    std::string dtype(const std::string& datasetPath) const;
    /// True for complex (two-float compound) element types.
    bool isComplexType(const std::string& datasetPath) const;

    /// Reads the block [start, start + count) of a numeric dataset as float (complex: the chosen part).
    /// The caller has checked the block's size; throws InputError if HDF5 fails.
    std::vector<float> readBlock(const std::string& datasetPath, const std::vector<std::uint64_t>& start,
                                 const std::vector<std::uint64_t>& count, ComplexPart part) const;
    /// A whole 1-D numeric dataset as doubles (at most `maxCount` values).
    std::vector<double> readNumbers(const std::string& datasetPath, std::size_t maxCount) const;
    /// The text of a string dataset's first element (variable or fixed length).
    std::string readText(const std::string& datasetPath) const;
    /// The first column of a 2-D uint8 dataset as a NUL-terminated string (Velox metadata).
    std::string readByteColumn(const std::string& datasetPath, std::uint64_t column) const;

    /// Attribute names of an object, and one attribute's value as text (numbers as decimal text).
    std::vector<std::string> attributeNames(const std::string& objectPath) const;
    std::optional<std::string> attributeText(const std::string& objectPath, const std::string& name) const;

    /// True when the dataset's bytes are compressed (filters present).
    bool isFiltered(const std::string& datasetPath) const;

private:
    std::string m_path;
    std::int64_t m_file = -1;
    std::uint64_t m_fileSize = 0;
};

/// The lock every HDF5 call in AtomLens holds.
std::mutex& hdf5Mutex();

/// True for the 8-byte HDF5 signature at the start of the bytes.
bool looksLikeHdf5(const std::uint8_t* head, std::size_t size);

} // namespace atomlens
