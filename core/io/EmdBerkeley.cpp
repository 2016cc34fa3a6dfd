#include "core/data/Image.h"
#include "core/io/CalibrationUnits.h"
#include "core/io/EmdReader.h"
#include "core/io/Hdf5File.h"
#include "core/io/InstrumentMetadata.h"
#include "core/io/PixelConversion.h"

#include <cctype>
#include <cmath>

namespace atomlens {
namespace {

constexpr int kMaxGroupDepth = 16;
constexpr std::size_t kMaxGroups = 10000;

/// A data set of a Berkeley EMD group (emd_group_type = 1): the group and its data set's name.
struct EmdDataset {
    std::string group;
    std::string name;
};

bool isDataName(const std::string& n) {
    for (const char* p : {"data", "counted_datacube", "datacube", "diffractionslice", "realslice",
                          "pointlistarray", "pointlist"})
        if (n.rfind(p, 0) == 0) return true;
    return false;
}

void findDatasets(const Hdf5File& f, const std::string& group, int depth, std::size_t& visited,
                  std::vector<EmdDataset>& out) {
    if (depth > kMaxGroupDepth || ++visited > kMaxGroups) return;
    const auto members = f.members(group);
    const bool emdGroup = f.attributeText(group, "emd_group_type").value_or("") == "1";
    for (const auto& name : members) {
        const std::string path = (group == "/" ? "" : group) + "/" + name;
        if (emdGroup && isDataName(name) && f.isDataset(path))
            out.push_back({group, name});
        else if (f.isGroup(path))
            findDatasets(f, path, depth + 1, visited, out);
    }
}

/// "[n_m]" -> "nm", "[1/n_m]" -> "1/nm", "[]" -> "": HyperSpy's reading of EMD unit strings.
std::string emdUnit(const std::string& raw) {
    std::string out;
    for (char c : raw)
        if (c != '[' && c != ']' && c != '_') out += c;
    return out;
}

struct Axis {
    std::string name, unit;
    double offset = 0, scale = 1;
};

Axis readAxis(const Hdf5File& f, const std::string& group, int index) {
    Axis a;
    const std::string p = group + "/dim" + std::to_string(index);
    if (!f.isDataset(p)) return a;
    a.name = f.attributeText(p, "name").value_or("");
    a.unit = emdUnit(f.attributeText(p, "units").value_or(""));
    const auto v = f.readNumbers(p, 1u << 24);
    if (!v.empty() && std::isfinite(v[0])) a.offset = v[0];
    if (v.size() > 1 && std::isfinite(v.back() - v[0]) && v.back() != v[0])
        a.scale = (v.back() - v[0]) / double(v.size() - 1);
    return a;
}

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string titleOf(const EmdDataset& d) {
    std::string t = d.group.substr(d.group.rfind('/') + 1);
    const auto depth = t.find("_depth");
    if (depth != std::string::npos) t = t.substr(0, depth);
    return t;
}

std::string shapeText(const std::vector<std::uint64_t>& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) out += (i ? " x " : "") + std::to_string(s[i]);
    return out;
}

} // namespace

Micrograph readBerkeleyEmd(const Hdf5File& f, const ReadOptions& options) {
    std::vector<EmdDataset> sets;
    std::size_t visited = 0;
    findDatasets(f, "/", 0, visited, sets);
    if (sets.empty()) f.fail("an HDF5 file without EMD data groups (neither Velox nor Berkeley EMD)");
    std::vector<std::vector<std::uint64_t>> shapes;
    std::size_t pick = sets.size();
    for (std::size_t i = 0; i < sets.size(); ++i) {
        shapes.push_back(f.shape(sets[i].group + "/" + sets[i].name));
        auto s = shapes.back();
        while (s.size() > 2 && s.back() == 1) s.pop_back();
        if (pick == sets.size() && (s.size() == 2 || s.size() == 3) &&
            !f.dtype(sets[i].group + "/" + sets[i].name).empty())
            pick = i;
    }
    if (options.signalIndex >= 0) {
        if (std::size_t(options.signalIndex) >= sets.size())
            f.fail("signal " + std::to_string(options.signalIndex) + " does not exist (the file holds " +
                   std::to_string(sets.size()) + " EMD data sets)");
        pick = std::size_t(options.signalIndex);
    }
    if (pick == sets.size()) pick = 0;
    const EmdDataset& d = sets[pick];
    const std::string dataPath = d.group + "/" + d.name;
    auto shape = shapes[pick];
    while (shape.size() > 2 && shape.back() == 1) shape.pop_back();
    const std::string dtype = f.dtype(dataPath);
    if (shape.size() == 1)
        f.fail("holds a 1-D signal of " + std::to_string(shape[0]) + " points (" + dataPath +
               "), not an image");
    if (shape.size() == 4)
        f.fail("holds 4-D data (" + shapeText(shape) + ", e.g. a 4D-STEM data cube at " + dataPath +
               "), not an image");
    if (shape.size() != 2 && shape.size() != 3)
        f.fail("holds " + std::to_string(shape.size()) + "-D data at " + dataPath + ", not an image");
    if (dtype.empty()) f.fail("the EMD data set " + dataPath + " has a pixel type AtomLens cannot read");

    // HyperSpy's (and prismatic's) convention: dim1 is x, dim2 is y, dim3 the frames, so an array
    // a[i][j][k] holds pixel (x=i, y=j) of frame k. Files naming dim1 "y" and dim2 "x" are read as
    // stored (row = dim1).
    const Axis a1 = readAxis(f, d.group, 1), a2 = readAxis(f, d.group, 2);
    const bool rowIsDim1 = lower(a1.name).back() == 'y' && lower(a2.name).back() == 'x';
    const std::int64_t n0 = std::int64_t(shape[0]), n1 = std::int64_t(shape[1]);
    const std::int64_t w = rowIsDim1 ? n1 : n0, h = rowIsDim1 ? n0 : n1;
    const std::int64_t frames = shape.size() == 3 ? std::int64_t(shape[2]) : 1;
    const std::size_t bpp = std::size_t(std::stoi(dtype.substr(dtype.find_first_of("0123456789")))) / 8;
    const double ratio = f.isFiltered(dataPath) ? 1000.0 : 1.0;
    checkDeclaredImage(f.path(), w, h, frames, bpp, std::uint64_t(double(f.fileSize()) * ratio) + (1u << 20));

    Micrograph m;
    m.sourceDtype = dtype;
    m.title = titleOf(d);
    for (const auto& s : sets) m.signals.push_back(titleOf(s) + "/" + s.name);
    const auto rank = shapes[pick].size();
    for (std::int64_t k = 0; k < frames; ++k) {
        std::vector<std::uint64_t> start(rank, 0), count(shapes[pick].begin(), shapes[pick].end());
        if (rank >= 3) start[2] = std::uint64_t(k), count[2] = 1;
        const std::vector<float> block = f.readBlock(dataPath, start, count, options.complexPart);
        Image frame(static_cast<int>(w), static_cast<int>(h));
        if (rowIsDim1) {
            frame.pixels() = block;
        } else {
            for (std::int64_t x = 0; x < n0; ++x)
                for (std::int64_t y = 0; y < n1; ++y)
                    frame.at(int(x), int(y)) = block[std::size_t(x * n1 + y)];
        }
        m.frames.push_back(std::move(frame));
    }

    const Axis& ax = rowIsDim1 ? a2 : a1;
    const Axis& ay = rowIsDim1 ? a1 : a2;
    m.calibration.unit = canonicalUnit(ax.unit);
    m.calibration.pixelSizeX = ax.scale;
    m.calibration.pixelSizeY = ay.scale;
    m.calibration.originX = ax.offset;
    m.calibration.originY = ay.offset;
    const double fx = metresPerUnit(m.calibration.unit), fy = metresPerUnit(canonicalUnit(ay.unit));
    if (fx > 0 && fy > 0 && fx != fy) m.calibration.pixelSizeY *= fy / fx, m.calibration.originY *= fy / fx;
    if (frames > 1) {
        const Axis a3 = readAxis(f, d.group, 3);
        m.frameAxis = {a3.name.empty() ? "frame" : a3.name, a3.scale, a3.offset, a3.unit};
    }

    MetadataNode& emd = m.metadata.child("EMD");
    for (const std::string group : {"microscope", "sample", "user", "comments"}) {
        if (!f.isGroup("/" + group)) continue;
        for (const auto& name : f.attributeNames("/" + group))
            emd.set(group + "/" + name, f.attributeText("/" + group, name).value_or(""));
    }
    for (const std::string key : {"version_major", "version_minor"})
        if (auto v = f.attributeText("/", key)) emd.set(key, *v);
    emd.set("DataPath", dataPath);
    namespace k = metadata_keys;
    setIfPresent(m.metadata, k::kVoltage, emd.get("microscope/voltage"));
    setIfPresent(m.metadata, k::kMicroscope, emd.get("microscope/name"));
    setIfPresent(m.metadata, k::kMagnification, emd.get("microscope/magnification"));
    m.metadata.set(k::kSignalName, m.signals[pick]);
    if (dtype.rfind("complex", 0) == 0) m.metadata.set(k::kComplexPart, complexPartName(options.complexPart));
    return m;
}

} // namespace atomlens
