#pragma once
#include "core/data/Micrograph.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace atomlens {

/// Which real number to take from complex pixels.
enum class ComplexPart { Modulus, Phase, Real, Imaginary };

/// Choices a caller can make when a file offers more than one thing.
struct ReadOptions {
    ComplexPart complexPart = ComplexPart::Modulus;
    int signalIndex = -1; ///< which image signal of a multi-signal file; -1 = the reader's default
};

/// A reader for one file format. `sniff` looks at the first bytes (at most 512) and says whether the
/// file is in this format; `read` reads it or throws InputError naming the file and the problem.
struct FormatReader {
    std::string name;
    std::vector<std::string> extensions; ///< lower-case, with the dot (".tif")
    std::function<bool(const std::vector<std::uint8_t>& head)> sniff;
    std::function<Micrograph(const std::string& path, const ReadOptions& options)> read;
};

/// All readers, in the order they are tried.
const std::vector<FormatReader>& formatReaders();

/// Reads any supported micrograph file. The format is chosen by the file's magic bytes first and its
/// extension second. Throws InputError (one line: file and problem) for missing, empty, truncated,
/// corrupt or unsupported files; never returns an invalid Micrograph.
Micrograph readMicrograph(const std::string& path, const ReadOptions& options = {});

/// File extensions of all readers (for open dialogs).
std::vector<std::string> supportedExtensions();

} // namespace atomlens
