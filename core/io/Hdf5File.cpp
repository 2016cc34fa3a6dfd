#include "core/io/Hdf5File.h"

#include "core/data/Errors.h"
#include "core/io/CalibrationUnits.h"

#include <hdf5.h>

#include <cmath>
#include <cstring>
#include <filesystem>

namespace atomlens {
namespace {

/// Closes an HDF5 identifier with the right function when it leaves scope.
class Id {
public:
    Id(hid_t id, herr_t (*close)(hid_t)) : m_id(id), m_close(close) {}
    ~Id() {
        if (m_id >= 0) m_close(m_id);
    }
    Id(const Id&) = delete;
    Id& operator=(const Id&) = delete;
    hid_t get() const { return m_id; }
    bool ok() const { return m_id >= 0; }

private:
    hid_t m_id;
    herr_t (*m_close)(hid_t);
};

struct ComplexF {
    float re, im;
};

} // namespace

std::mutex& hdf5Mutex() {
    static std::mutex m;
    return m;
}

bool looksLikeHdf5(const std::uint8_t* h, std::size_t size) {
    static const std::uint8_t sig[8] = {0x89, 'H', 'D', 'F', 0x0D, 0x0A, 0x1A, 0x0A};
    return size >= 8 && std::memcmp(h, sig, 8) == 0;
}

Hdf5File::Hdf5File(const std::string& path) : m_path(path) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    std::error_code ec;
    m_fileSize = std::filesystem::file_size(path, ec);
    if (H5Fis_hdf5(path.c_str()) <= 0) fail("not an HDF5 file");
    m_file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (m_file < 0) fail("HDF5 could not open the file (truncated or corrupt)");
}

Hdf5File::~Hdf5File() {
    if (m_file >= 0) H5Fclose(m_file);
}

void Hdf5File::fail(const std::string& problem) const {
    throw InputError(m_path, problem);
}

bool Hdf5File::exists(const std::string& p) const {
    if (p == "/") return true;
    // Check each level: H5Lexists fails on a path whose parent is missing.
    std::size_t pos = 0;
    while ((pos = p.find('/', pos + 1)) != std::string::npos)
        if (H5Lexists(m_file, p.substr(0, pos).c_str(), H5P_DEFAULT) <= 0) return false;
    return H5Lexists(m_file, p.c_str(), H5P_DEFAULT) > 0 &&
           H5Oexists_by_name(m_file, p.c_str(), H5P_DEFAULT) > 0;
}

bool Hdf5File::isGroup(const std::string& p) const {
    if (!exists(p)) return false;
    H5O_info_t info;
    return H5Oget_info_by_name(m_file, p.c_str(), &info, H5P_DEFAULT) >= 0 && info.type == H5O_TYPE_GROUP;
}

bool Hdf5File::isDataset(const std::string& p) const {
    if (!exists(p)) return false;
    H5O_info_t info;
    return H5Oget_info_by_name(m_file, p.c_str(), &info, H5P_DEFAULT) >= 0 && info.type == H5O_TYPE_DATASET;
}

std::vector<std::string> Hdf5File::members(const std::string& groupPath) const {
    std::vector<std::string> names;
    Id g(H5Gopen2(m_file, groupPath.c_str(), H5P_DEFAULT), H5Gclose);
    if (!g.ok()) return names;
    H5G_info_t info;
    if (H5Gget_info(g.get(), &info) < 0) return names;
    const hsize_t n = std::min<hsize_t>(info.nlinks, 100000);
    for (hsize_t i = 0; i < n; ++i) {
        const ssize_t len =
            H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (len <= 0 || len > 4096) continue;
        std::string name(std::size_t(len) + 1, '\0');
        H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(),
                           H5P_DEFAULT);
        name.resize(std::size_t(len));
        names.push_back(name);
    }
    return names;
}

std::vector<std::uint64_t> Hdf5File::shape(const std::string& p) const {
    Id d(H5Dopen2(m_file, p.c_str(), H5P_DEFAULT), H5Dclose);
    if (!d.ok()) fail("cannot open the HDF5 dataset " + p);
    Id s(H5Dget_space(d.get()), H5Sclose);
    const int rank = s.ok() ? H5Sget_simple_extent_ndims(s.get()) : -1;
    if (rank < 0 || rank > 32) fail("corrupt shape of the HDF5 dataset " + p);
    std::vector<hsize_t> dims(std::size_t(rank) + 1);
    H5Sget_simple_extent_dims(s.get(), dims.data(), nullptr);
    return std::vector<std::uint64_t>(dims.begin(), dims.begin() + rank);
}

std::string Hdf5File::dtype(const std::string& p) const {
    Id d(H5Dopen2(m_file, p.c_str(), H5P_DEFAULT), H5Dclose);
    if (!d.ok()) return "";
    Id t(H5Dget_type(d.get()), H5Tclose);
    const H5T_class_t cls = H5Tget_class(t.get());
    const std::size_t size = H5Tget_size(t.get());
    if (cls == H5T_INTEGER && (size == 1 || size == 2 || size == 4 || size == 8))
        return std::string(H5Tget_sign(t.get()) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(size * 8);
    if (cls == H5T_FLOAT && (size == 4 || size == 8)) return "float" + std::to_string(size * 8);
    if (cls == H5T_COMPOUND && H5Tget_nmembers(t.get()) == 2 && (size == 8 || size == 16)) {
        Id m0(H5Tget_member_type(t.get(), 0), H5Tclose), m1(H5Tget_member_type(t.get(), 1), H5Tclose);
        if (H5Tget_class(m0.get()) == H5T_FLOAT && H5Tget_class(m1.get()) == H5T_FLOAT &&
            H5Tget_size(m0.get()) == size / 2)
            return size == 8 ? "complex64" : "complex128";
    }
    return "";
}

bool Hdf5File::isComplexType(const std::string& p) const {
    return dtype(p).rfind("complex", 0) == 0;
}

bool Hdf5File::isFiltered(const std::string& p) const {
    Id d(H5Dopen2(m_file, p.c_str(), H5P_DEFAULT), H5Dclose);
    if (!d.ok()) return false;
    Id plist(H5Dget_create_plist(d.get()), H5Pclose);
    return plist.ok() && H5Pget_nfilters(plist.get()) > 0;
}

std::vector<float> Hdf5File::readBlock(const std::string& p, const std::vector<std::uint64_t>& start,
                                       const std::vector<std::uint64_t>& count, ComplexPart part) const {
    Id d(H5Dopen2(m_file, p.c_str(), H5P_DEFAULT), H5Dclose);
    if (!d.ok()) fail("cannot open the HDF5 dataset " + p);
    Id space(H5Dget_space(d.get()), H5Sclose);
    std::vector<hsize_t> st(start.begin(), start.end()), ct(count.begin(), count.end());
    if (H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, st.data(), nullptr, ct.data(), nullptr) < 0)
        fail("cannot select a block of the HDF5 dataset " + p);
    std::size_t n = 1;
    for (auto c : count) n *= std::size_t(c);
    Id mem(H5Screate_simple(int(ct.size()), ct.data(), nullptr), H5Sclose);
    std::vector<float> out(n);
    const bool complex = isComplexType(p);
    if (!complex) {
        if (H5Dread(d.get(), H5T_NATIVE_FLOAT, mem.get(), space.get(), H5P_DEFAULT, out.data()) < 0)
            fail("HDF5 could not read the pixels of " + p + " (truncated or corrupt)");
        return out;
    }
    Id ctype(H5Tcreate(H5T_COMPOUND, sizeof(ComplexF)), H5Tclose);
    Id file_t(H5Dget_type(d.get()), H5Tclose);
    char* n0 = H5Tget_member_name(file_t.get(), 0);
    char* n1 = H5Tget_member_name(file_t.get(), 1);
    H5Tinsert(ctype.get(), n0, HOFFSET(ComplexF, re), H5T_NATIVE_FLOAT);
    H5Tinsert(ctype.get(), n1, HOFFSET(ComplexF, im), H5T_NATIVE_FLOAT);
    H5free_memory(n0);
    H5free_memory(n1);
    std::vector<ComplexF> buf(n);
    if (H5Dread(d.get(), ctype.get(), mem.get(), space.get(), H5P_DEFAULT, buf.data()) < 0)
        fail("HDF5 could not read the pixels of " + p + " (truncated or corrupt)");
    for (std::size_t i = 0; i < n; ++i) {
        const double re = buf[i].re, im = buf[i].im;
        out[i] = float(part == ComplexPart::Modulus ? std::hypot(re, im)
                       : part == ComplexPart::Phase ? std::atan2(im, re)
                       : part == ComplexPart::Real  ? re
                                                    : im);
    }
    return out;
}

std::vector<double> Hdf5File::readNumbers(const std::string& p, std::size_t maxCount) const {
    const auto s = shape(p);
    if (s.size() != 1 || s[0] == 0 || s[0] > maxCount || dtype(p).empty() || isComplexType(p)) return {};
    Id d(H5Dopen2(m_file, p.c_str(), H5P_DEFAULT), H5Dclose);
    std::vector<double> out(static_cast<std::size_t>(s[0]));
    if (H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) return {};
    return out;
}

std::string Hdf5File::readText(const std::string& p) const {
    Id d(H5Dopen2(m_file, p.c_str(), H5P_DEFAULT), H5Dclose);
    if (!d.ok()) return "";
    Id t(H5Dget_type(d.get()), H5Tclose);
    if (H5Tget_class(t.get()) != H5T_STRING) return "";
    Id space(H5Dget_space(d.get()), H5Sclose);
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n < 1 || n > 1000000) return "";
    hsize_t one = 1, zero = 0;
    Id mem(H5Screate_simple(1, &one, nullptr), H5Sclose);
    if (H5Sget_simple_extent_ndims(space.get()) == 1)
        H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &zero, nullptr, &one, nullptr);
    if (H5Tis_variable_str(t.get()) > 0) {
        Id mt(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(mt.get(), H5T_VARIABLE);
        char* s = nullptr;
        if (H5Dread(d.get(), mt.get(), mem.get(), space.get(), H5P_DEFAULT, &s) < 0 || !s) return "";
        std::string out(s, strnlen(s, 64u << 20));
        H5free_memory(s);
        return out;
    }
    const std::size_t size = H5Tget_size(t.get());
    if (size == 0 || size > (64u << 20)) return "";
    std::string buf(size, '\0');
    if (H5Dread(d.get(), t.get(), mem.get(), space.get(), H5P_DEFAULT, buf.data()) < 0) return "";
    return std::string(buf.c_str());
}

std::string Hdf5File::readByteColumn(const std::string& p, std::uint64_t column) const {
    const auto s = shape(p);
    if (s.size() != 2 || column >= s[1] || s[0] > (16u << 20)) return "";
    const std::vector<float> bytes = readBlock(p, {0, column}, {s[0], 1}, ComplexPart::Real);
    std::string out;
    for (float b : bytes) {
        if (b == 0) break;
        out += char(static_cast<unsigned char>(b));
    }
    return out;
}

std::vector<std::string> Hdf5File::attributeNames(const std::string& p) const {
    std::vector<std::string> names;
    Id o(H5Oopen(m_file, p.c_str(), H5P_DEFAULT), H5Oclose);
    if (!o.ok()) return names;
    H5O_info_t info;
    if (H5Oget_info(o.get(), &info) < 0) return names;
    for (hsize_t i = 0; i < std::min<hsize_t>(info.num_attrs, 10000); ++i) {
        const ssize_t len =
            H5Aget_name_by_idx(o.get(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        const ssize_t len2 = len > 0 ? len
                                     : H5Aget_name_by_idx(o.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i,
                                                          nullptr, 0, H5P_DEFAULT);
        if (len2 <= 0 || len2 > 4096) continue;
        std::string name(std::size_t(len2) + 1, '\0');
        if (len > 0)
            H5Aget_name_by_idx(o.get(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, name.data(), name.size(),
                               H5P_DEFAULT);
        else
            H5Aget_name_by_idx(o.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(),
                               H5P_DEFAULT);
        name.resize(std::size_t(len2));
        names.push_back(name);
    }
    return names;
}

std::optional<std::string> Hdf5File::attributeText(const std::string& p, const std::string& name) const {
    if (H5Aexists_by_name(m_file, p.c_str(), name.c_str(), H5P_DEFAULT) <= 0) return std::nullopt;
    Id a(H5Aopen_by_name(m_file, p.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    if (!a.ok()) return std::nullopt;
    Id t(H5Aget_type(a.get()), H5Tclose);
    Id space(H5Aget_space(a.get()), H5Sclose);
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n < 1 || n > 4096) return std::nullopt;
    const H5T_class_t cls = H5Tget_class(t.get());
    if (cls == H5T_STRING) {
        if (H5Tis_variable_str(t.get()) > 0) {
            std::vector<char*> ptrs(static_cast<std::size_t>(n), nullptr);
            Id mt(H5Tcopy(H5T_C_S1), H5Tclose);
            H5Tset_size(mt.get(), H5T_VARIABLE);
            if (H5Aread(a.get(), mt.get(), ptrs.data()) < 0) return std::nullopt;
            std::string out = ptrs[0] ? std::string(ptrs[0], strnlen(ptrs[0], 1u << 20)) : "";
            for (char* s : ptrs)
                if (s) H5free_memory(s);
            return out;
        }
        const std::size_t size = H5Tget_size(t.get());
        if (size == 0 || size * std::size_t(n) > (1u << 20)) return std::nullopt;
        std::string buf(size * std::size_t(n), '\0');
        if (H5Aread(a.get(), t.get(), buf.data()) < 0) return std::nullopt;
        return std::string(buf.c_str());
    }
    if (cls == H5T_INTEGER || cls == H5T_FLOAT || cls == H5T_ENUM) {
        std::vector<double> v(static_cast<std::size_t>(n));
        if (H5Aread(a.get(), H5T_NATIVE_DOUBLE, v.data()) < 0) return std::nullopt;
        std::string out;
        for (std::size_t i = 0; i < v.size() && i < 64; ++i) out += (i ? ", " : "") + numberText(v[i]);
        return out;
    }
    return std::nullopt;
}

} // namespace atomlens
