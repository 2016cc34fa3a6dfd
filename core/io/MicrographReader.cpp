#include "core/io/MicrographReader.h"

#include "core/data/Errors.h"
#include "core/io/DmReader.h"
#include "core/io/EmdReader.h"
#include "core/io/MrcReader.h"
#include "core/io/RasterReader.h"
#include "core/io/SerReader.h"
#include "core/io/TiffReader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace atomlens {
namespace fs = std::filesystem;

const std::vector<FormatReader>& formatReaders() {
    static const std::vector<FormatReader> readers = {
        tiffFormatReader(),
        dmFormatReader(),
        emdFormatReader(),
        serFormatReader(),
        emiFormatReader(),
        mrcFormatReader(),
        rasterFormatReader(),
    };
    return readers;
}

std::vector<std::string> supportedExtensions() {
    std::vector<std::string> out;
    for (const auto& r : formatReaders())
        for (const auto& e : r.extensions)
            if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
    return out;
}

Micrograph readMicrograph(const std::string& path, const ReadOptions& options) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(path, "no such file");
    if (fs::is_directory(path, ec)) throw InputError(path, "is a folder, not a file");
    const auto fileSize = fs::file_size(path, ec);
    if (ec) throw InputError(path, "cannot read the file size (" + ec.message() + ")");
    if (fileSize == 0) throw InputError(path, "the file is empty");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open the file for reading");
    std::vector<std::uint8_t> head(512, 0);
    in.read(reinterpret_cast<char*>(head.data()), std::streamsize(head.size()));
    head.resize(std::size_t(in.gcount()));

    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });

    const FormatReader* chosen = nullptr;
    for (const auto& r : formatReaders())
        if (r.sniff && r.sniff(head)) {
            chosen = &r;
            break;
        }
    if (!chosen)
        for (const auto& r : formatReaders())
            if (std::find(r.extensions.begin(), r.extensions.end(), ext) != r.extensions.end()) {
                chosen = &r;
                break;
            }
    if (!chosen) throw InputError(path, "unsupported file format (not a micrograph format AtomLens reads)");

    Micrograph m;
    try {
        m = chosen->read(path, options);
    } catch (const InputError&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw InputError(path, "not enough memory to read the " + chosen->name + " file");
    } catch (const std::exception& e) {
        throw InputError(path, chosen->name + " file could not be read: " + e.what());
    }
    m.sourcePath = path;
    m.metadata.set("File/Format", chosen->name);
    m.validate();
    return m;
}

} // namespace atomlens
