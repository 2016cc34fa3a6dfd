#include "core/io/EmdReader.h"

#include "core/io/Hdf5File.h"

namespace atomlens {

FormatReader emdFormatReader() {
    FormatReader r;
    r.name = "EMD";
    r.extensions = {".emd", ".h5", ".hdf5"};
    r.sniff = [](const std::vector<std::uint8_t>& h) { return looksLikeHdf5(h.data(), h.size()); };
    r.read = [](const std::string& path, const ReadOptions& o) { return readEmd(path, o); };
    return r;
}

Micrograph readEmd(const std::string& path, const ReadOptions& options) {
    std::lock_guard<std::mutex> lock(hdf5Mutex());
    const Hdf5File file(path);
    if (file.isDataset("/Version") || file.isGroup("/Data/Image") || file.isGroup("/Data/Spectrum")) {
        Micrograph m = readVeloxEmd(file, options);
        m.metadata.set("File/Flavour", "Velox EMD");
        return m;
    }
    Micrograph m = readBerkeleyEmd(file, options);
    m.metadata.set("File/Flavour", "Berkeley EMD");
    return m;
}

} // namespace atomlens
