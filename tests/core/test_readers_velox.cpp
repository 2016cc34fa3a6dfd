// Velox EMD files written here with the HDF5 C API (the layout Velox writes: /Version, and per image
// /Data/Image/<uuid>/Data (rows x columns x frames) and /Metadata (JSON bytes, one column per frame)),
// for cases the real files in ../shared/data do not cover: an FFT image in reciprocal units.
#include "core/data/Errors.h"
#include "core/io/MicrographReader.h"

#include <catch2/catch.hpp>
#include <hdf5.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace atomlens;

namespace {

void writeText(hid_t file, const char* name, const std::string& text) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, text.size() + 1);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t d = H5Dcreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, text.c_str());
    H5Dclose(d), H5Sclose(space), H5Tclose(type);
}

/// One Velox image group: float32 pixels (h x w x 1) and its metadata JSON as a byte column.
void writeVeloxImage(hid_t file, const std::string& uuid, int w, int h, const std::string& metadata) {
    const std::string group = "/Data/Image/" + uuid;
    const hid_t g = H5Gcreate2(file, group.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    std::vector<float> pixels(std::size_t(w) * std::size_t(h));
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = float(i % 7) + 1.0f;
    hsize_t dims[3] = {hsize_t(h), hsize_t(w), 1};
    hid_t space = H5Screate_simple(3, dims, nullptr);
    hid_t d = H5Dcreate2(g, "Data", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, pixels.data());
    H5Dclose(d), H5Sclose(space);
    std::vector<std::uint8_t> bytes(metadata.begin(), metadata.end());
    bytes.push_back(0);
    hsize_t mdims[2] = {hsize_t(bytes.size()), 1};
    space = H5Screate_simple(2, mdims, nullptr);
    d = H5Dcreate2(g, "Metadata", H5T_STD_U8LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data());
    H5Dclose(d), H5Sclose(space), H5Gclose(g);
}

std::string veloxMetadata(const std::string& detector, const std::string& size, const std::string& unit) {
    return R"({"BinaryResult":{"Detector":")" + detector + R"(","PixelSize":{"width":")" + size +
           R"(","height":")" + size + R"("},"PixelUnitX":")" + unit + R"(","PixelUnitY":")" + unit +
           R"(","Offset":{"x":"0","y":"0"}}})";
}

/// A Velox file with a HAADF image (2e-10 m per pixel) and its FFT (5e7 1/m per pixel).
std::string writeVeloxWithFft() {
    const std::string path =
        (std::filesystem::temp_directory_path() / "atomlens_velox_fft_test.emd").string();
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    writeText(file, "/Version", R"({"format":"Velox","version":"11"})");
    H5Gclose(H5Gcreate2(file, "/Data", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    H5Gclose(H5Gcreate2(file, "/Data/Image", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    writeVeloxImage(file, "aaaa", 16, 12, veloxMetadata("HAADF", "2e-10", "m"));
    writeVeloxImage(file, "bbbb", 16, 16, veloxMetadata("FFT of HAADF", "50000000", "1/m"));
    H5Fclose(file);
    return path;
}

} // namespace

TEST_CASE("Velox FFT image keeps its reciprocal-space calibration in 1/nm", "[io][velox]") {
    const std::string path = writeVeloxWithFft();
    const Micrograph haadf = readMicrograph(path);
    CHECK(haadf.title == "HAADF");
    REQUIRE(haadf.signals.size() == 2);
    CHECK(haadf.calibration.unit == "nm");
    CHECK(haadf.calibration.pixelSizeX == Approx(0.2));

    ReadOptions options;
    options.signalIndex = 1;
    const Micrograph fft = readMicrograph(path, options);
    CHECK(fft.title == "FFT of HAADF");
    CHECK(fft.width() == 16);
    // 5e7 per metre = 0.05 per nanometre; before, the reciprocal unit was dropped and the FFT read as px.
    CHECK(fft.calibration.unit == "1/nm");
    CHECK(fft.calibration.pixelSizeX == Approx(0.05));
    CHECK(fft.calibration.pixelSizeY == Approx(0.05));

    options.signalIndex = 2;
    CHECK_THROWS_WITH(readMicrograph(path, options), Catch::Contains("signal 2 does not exist"));
    std::filesystem::remove(path);
}
