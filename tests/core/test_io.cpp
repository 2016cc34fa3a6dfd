#include "tests/TestSupport.h"

#include "core/data/Errors.h"
#include "core/io/CsvTable.h"
#include "core/io/MicrographInfo.h"
#include "core/io/MicrographReader.h"
#include "core/io/TiffWriter.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <tiffio.h>

#include <cmath>
#include <fstream>

using namespace atomlens;
using atomlens::test::sharedData;
using atomlens::test::TempDir;

namespace {

nlohmann::json expectedFor(const std::string& name) {
    const std::string path = sharedData("formats/expected-hyperspy.json");
    if (path.empty()) return {};
    std::ifstream in(path);
    nlohmann::json all;
    in >> all;
    return all.at(name).at(0);
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// Writes a one-page TIFF of the given sample type with libtiff (values 0..n-1).
template <class T> void writeTypedTiff(const std::string& path, int bits, int format, int w, int h) {
    TIFF* t = TIFFOpen(path.c_str(), "w");
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, w);
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, h);
    TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, bits);
    TIFFSetField(t, TIFFTAG_SAMPLEFORMAT, format);
    TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, h);
    std::vector<T> row(static_cast<std::size_t>(w));
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) row[std::size_t(x)] = T(y * w + x);
        TIFFWriteScanline(t, row.data(), std::uint32_t(y), 0);
    }
    TIFFClose(t);
}

void checkAgainstHyperSpy(const std::string& name) {
    const std::string path = sharedData("formats/" + name);
    if (path.empty()) return;
    const auto e = expectedFor(name);
    const Micrograph m = readMicrograph(path);
    const auto& shape = e.at("shape");
    const auto& axes = e.at("axes");
    const std::size_t n = shape.size();
    CHECK(m.height() == shape[n - 2].get<int>());
    CHECK(m.width() == shape[n - 1].get<int>());
    CHECK(m.frameCount() == (n == 3 ? shape[0].get<int>() : 1));
    CHECK(m.sourceDtype == e.at("dtype").get<std::string>());
    double sum = 0, lo = 1e300, hi = -1e300;
    for (const auto& f : m.frames) {
        const auto s = imageStats(f);
        sum += s.sum, lo = std::min(lo, s.min), hi = std::max(hi, s.max);
    }
    CHECK(sum == Approx(e.at("sum").get<double>()).epsilon(1e-6));
    CHECK(lo == Approx(e.at("min").get<double>()));
    CHECK(hi == Approx(e.at("max").get<double>()));
    const auto& ax = axes[n - 1];
    const auto& ay = axes[n - 2];
    CHECK(m.calibration.pixelSizeX == Approx(ax.at("scale").get<double>()).epsilon(1e-6));
    CHECK(m.calibration.pixelSizeY == Approx(ay.at("scale").get<double>()).epsilon(1e-6));
    CHECK(m.calibration.originX == Approx(ax.at("offset").get<double>()).epsilon(1e-6));
    CHECK(m.calibration.originY == Approx(ay.at("offset").get<double>()).epsilon(1e-6));
    CHECK(m.calibration.unit == ax.at("units").get<std::string>());
    if (n == 3) CHECK(m.frameAxis.scale == Approx(axes[0].at("scale").get<double>()));
}

} // namespace

TEST_CASE("TIFF with ImageJ calibration matches HyperSpy", "[io][tiff][shared]") {
    checkAgainstHyperSpy("test_loading_image_saved_with_imageJ.tif");
}

TEST_CASE("TIFF ImageJ stack matches HyperSpy, frames and spacing included", "[io][tiff][shared]") {
    checkAgainstHyperSpy("test_loading_image_saved_with_imageJ_stack.tif");
}

TEST_CASE("TIFF with DigitalMicrograph tags matches HyperSpy (scale, origin, unit)", "[io][tiff][shared]") {
    checkAgainstHyperSpy("test_loading_image_saved_with_DM.tif");
}

TEST_CASE("Real micrographs in shared/data open with their calibration", "[io][tiff][shared]") {
    const std::string sto = sharedData("micrographs/SrTiO3_ADF_cropped.tif");
    if (sto.empty()) return;
    const Micrograph m = readMicrograph(sto);
    CHECK(m.width() == 380);
    CHECK(m.height() == 400);
    CHECK(m.calibration.unit == "nm");
    CHECK(m.calibration.pixelSizeX == Approx(0.009326).epsilon(1e-3));
    const Micrograph pt =
        readMicrograph(sharedData("micrographs/pt-single-atoms/021_HAADF_15nm_Sample_PtNC_21Oct20.tif"));
    CHECK(pt.width() == 512);
    CHECK(pt.height() == 512);
}

TEST_CASE("TIFF integer and float sample types all convert exactly", "[io][tiff]") {
    TempDir dir;
    writeTypedTiff<std::uint8_t>(dir.file("u8.tif"), 8, SAMPLEFORMAT_UINT, 7, 5);
    writeTypedTiff<std::int16_t>(dir.file("i16.tif"), 16, SAMPLEFORMAT_INT, 7, 5);
    writeTypedTiff<std::uint16_t>(dir.file("u16.tif"), 16, SAMPLEFORMAT_UINT, 7, 5);
    writeTypedTiff<std::int32_t>(dir.file("i32.tif"), 32, SAMPLEFORMAT_INT, 7, 5);
    writeTypedTiff<std::uint32_t>(dir.file("u32.tif"), 32, SAMPLEFORMAT_UINT, 7, 5);
    writeTypedTiff<float>(dir.file("f32.tif"), 32, SAMPLEFORMAT_IEEEFP, 7, 5);
    writeTypedTiff<double>(dir.file("f64.tif"), 64, SAMPLEFORMAT_IEEEFP, 7, 5);
    for (const auto& [name, dtype] : std::vector<std::pair<std::string, std::string>>{{"u8", "uint8"},
                                                                                      {"i16", "int16"},
                                                                                      {"u16", "uint16"},
                                                                                      {"i32", "int32"},
                                                                                      {"u32", "uint32"},
                                                                                      {"f32", "float32"},
                                                                                      {"f64", "float64"}}) {
        INFO(name);
        const Micrograph m = readMicrograph(dir.file(name + ".tif"));
        CHECK(m.sourceDtype == dtype);
        REQUIRE(m.width() == 7);
        REQUIRE(m.height() == 5);
        CHECK(m.frame(0).at(3, 2) == 17.0f);
        CHECK(imageStats(m.frame(0)).sum == Approx(34 * 35 / 2));
        CHECK_FALSE(m.calibration.isCalibrated());
    }
}

TEST_CASE("TIFF writer round-trips a calibrated stack atomically", "[io][tiff]") {
    TempDir dir;
    Micrograph m;
    for (int f = 0; f < 3; ++f) {
        Image img(16, 8);
        for (int y = 0; y < 8; ++y)
            for (int x = 0; x < 16; ++x) img.at(x, y) = float(f * 1000 + y * 16 + x) + 0.25f;
        m.frames.push_back(img);
    }
    m.calibration.pixelSizeX = m.calibration.pixelSizeY = 0.016;
    m.calibration.unit = "nm";
    m.frameAxis.scale = 0.5;
    const std::string path = dir.file("stack.tif");
    writeTiff(m, path);
    const Micrograph r = readMicrograph(path);
    REQUIRE(r.frameCount() == 3);
    CHECK(r.frame(2).at(5, 3) == 2000 + 3 * 16 + 5 + 0.25f);
    CHECK(r.calibration.unit == "nm");
    CHECK(r.calibration.pixelSizeX == Approx(0.016).epsilon(1e-6));
    CHECK(r.frameAxis.scale == Approx(0.5));
    // No temporary files left behind.
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) (void)e, ++files;
    CHECK(files == 1);
}

TEST_CASE("PNG and JPEG are read as grey images through OpenCV", "[io][raster]") {
    TempDir dir;
    cv::Mat grey(6, 9, CV_16UC1);
    for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 9; ++x) grey.at<std::uint16_t>(y, x) = std::uint16_t(1000 * y + x);
    cv::imwrite(dir.file("a.png"), grey);
    Micrograph m = readMicrograph(dir.file("a.png"));
    CHECK(m.sourceDtype == "uint16");
    CHECK(m.frame(0).at(4, 5) == 5004.0f);
    cv::Mat colour(10, 12, CV_8UC3, cv::Scalar(90, 90, 90));
    cv::imwrite(dir.file("b.jpg"), colour);
    m = readMicrograph(dir.file("b.jpg"));
    CHECK(m.width() == 12);
    CHECK(m.frame(0).at(3, 3) == Approx(90).margin(2));
}

TEST_CASE("Bad files give one clear error naming the file", "[io][bad-input]") {
    TempDir dir;
    auto expectError = [&](const std::string& path, const std::string& fragment) {
        try {
            readMicrograph(path);
            FAIL("expected an error for " << path);
        } catch (const InputError& e) {
            const std::string msg = e.what();
            INFO(msg);
            CHECK(msg.find(path) == 0);
            CHECK(msg.find(fragment) != std::string::npos);
            CHECK(msg.find('\n') == std::string::npos);
        }
    };
    expectError(dir.file("missing.tif"), "no such file");
    writeBytes(dir.file("empty.tif"), "");
    expectError(dir.file("empty.tif"), "empty");
    writeBytes(dir.file("notes.txt"), "hello, this is not an image");
    expectError(dir.file("notes.txt"), "unsupported");
    writeBytes(dir.file("fake.tif"), "II*\0garbage garbage garbage");
    expectError(dir.file("fake.tif"), "TIFF");
    expectError(dir.path().string(), "folder");

    // A real TIFF cut in half.
    writeTypedTiff<float>(dir.file("whole.tif"), 32, SAMPLEFORMAT_IEEEFP, 64, 64);
    const std::string bytes = readBytes(dir.file("whole.tif"));
    writeBytes(dir.file("cut.tif"), bytes.substr(0, bytes.size() / 2));
    expectError(dir.file("cut.tif"), "TIFF");

    // A header that declares 50000 x 50000 pixels in a tiny file.
    {
        TIFF* t = TIFFOpen(dir.file("huge.tif").c_str(), "w");
        TIFFSetField(t, TIFFTAG_IMAGEWIDTH, 50000);
        TIFFSetField(t, TIFFTAG_IMAGELENGTH, 50000);
        TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
        TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
        TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 1);
        std::vector<std::uint8_t> row(50000, 1);
        TIFFWriteScanline(t, row.data(), 0, 0);
        TIFFClose(t);
    }
    expectError(dir.file("huge.tif"), "50000x50000");

    writeBytes(dir.file("broken.png"), std::string("\x89PNG\r\n\x1a\n", 8) + "truncated");
    expectError(dir.file("broken.png"), "PNG");
}

TEST_CASE("Info JSON carries the documented fields", "[io][info]") {
    TempDir dir;
    Micrograph m;
    m.frames.emplace_back(10, 20, 2.0f);
    m.calibration.pixelSizeX = m.calibration.pixelSizeY = 12.5;
    m.calibration.unit = "pm";
    writeTiff(m, dir.file("x.tif"));
    const auto j = nlohmann::json::parse(micrographInfoJson(readMicrograph(dir.file("x.tif"))));
    CHECK(j.at("frames") == 1);
    CHECK(j.at("width") == 10);
    CHECK(j.at("height") == 20);
    CHECK(j.at("dtype") == "float32");
    CHECK(j.at("pixel_size").at("unit") == "nm");
    CHECK(j.at("pixel_size").at("x").get<double>() == Approx(0.0125).epsilon(1e-5));
    CHECK(j.at("format") == "TIFF");
    CHECK(j.at("signals").size() == 1);
    CHECK(j.at("stats").at("mean").get<double>() == Approx(2.0));
}

TEST_CASE("CSV tables parse quotes, report bad cells and write atomically", "[io][csv]") {
    const CsvTable t = CsvTable::parse("x,y,class\n1.5,2,\"Mo, heavy\"\r\n3,4,S2\n", "t.csv");
    REQUIRE(t.rowCount() == 2);
    CHECK(t.column("CLASS") == 2);
    CHECK(t.text(0, 2) == "Mo, heavy");
    CHECK(t.number(1, t.requireColumn("y", "t.csv"), "t.csv") == 4);
    CHECK_THROWS_AS(t.requireColumn("z", "t.csv"), InputError);
    CHECK_THROWS_AS(CsvTable::parse("", "e.csv"), InputError);
    CHECK_THROWS_AS(CsvTable::parse("a,b\n1\n", "r.csv"), InputError);
    const CsvTable bad = CsvTable::parse("x\nnan\nabc\n", "b.csv");
    CHECK_THROWS_AS(bad.number(0, 0, "b.csv"), InputError);
    CHECK_THROWS_AS(bad.number(1, 0, "b.csv"), InputError);
    TempDir dir;
    t.write(dir.file("out.csv"));
    CHECK(CsvTable::read(dir.file("out.csv")).toString() == t.toString());
}
