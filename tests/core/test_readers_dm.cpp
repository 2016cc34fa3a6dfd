#include "tests/TestSupport.h"
#include "tests/core/ReaderTestSupport.h"

#include "core/data/Errors.h"
#include "core/io/DmReader.h"
#include "core/io/DmWriter.h"
#include "core/io/InstrumentMetadata.h"
#include "core/io/MicrographReader.h"

#include <complex>

using namespace atomlens;
using namespace atomlens::test;

namespace {

/// Pixel values 0..n-1 (or i - n/2 for signed types) as raw bytes of type T.
template <class T> std::vector<std::uint8_t> ramp(std::size_t n, bool centred) {
    std::vector<T> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = T(centred ? double(i) - double(n / 2) : double(i));
    return rawBytes(v);
}

std::string expectError(const std::string& path) {
    try {
        readMicrograph(path);
    } catch (const InputError& e) {
        const std::string msg = e.what();
        UNSCOPED_INFO(msg);
        CHECK(msg.find(path) == 0);
        CHECK(msg.find('\n') == std::string::npos);
        return msg;
    }
    FAIL("expected an InputError for " << path);
    return {};
}

} // namespace

TEST_CASE("DM3 and DM4 of every pixel type read back exactly", "[io][dm]") {
    TempDir dir;
    const int w = 5, h = 3;
    const std::size_t n = w * h;
    struct Case {
        int code;
        std::string dtype;
        std::vector<std::uint8_t> bytes;
        bool centred;
    };
    const std::vector<Case> cases = {
        {9, "int8", ramp<std::int8_t>(n, true), true},
        {6, "uint8", ramp<std::uint8_t>(n, false), false},
        {1, "int16", ramp<std::int16_t>(n, true), true},
        {10, "uint16", ramp<std::uint16_t>(n, false), false},
        {7, "int32", ramp<std::int32_t>(n, true), true},
        {11, "uint32", ramp<std::uint32_t>(n, false), false},
        {39, "int64", ramp<std::int64_t>(n, true), true},
        {40, "uint64", ramp<std::uint64_t>(n, false), false},
        {2, "float32", ramp<float>(n, true), true},
        {12, "float64", ramp<double>(n, true), true},
    };
    for (int version : {3, 4})
        for (const auto& c : cases) {
            INFO("DM" << version << " " << c.dtype);
            DmImageSpec spec;
            spec.dataType = c.code;
            spec.dimensions = {w, h};
            spec.pixels = c.bytes;
            const std::string path = dir.file(c.dtype + ".dm" + std::to_string(version));
            writeDm(path, spec, version);
            const Micrograph m = readMicrograph(path);
            CHECK(m.sourceDtype == c.dtype);
            REQUIRE(m.width() == w);
            REQUIRE(m.height() == h);
            const double offset = c.centred ? double(n / 2) : 0.0;
            CHECK(m.frame(0).at(3, 2) == float(13 - offset)); // x fastest: index 2*5+3
            CHECK(m.metadata.get(metadata_keys::kVoltage) == "200000");
            CHECK(m.metadata.get("File/Version") == "DM" + std::to_string(version));
        }
}

TEST_CASE("DM complex pixels offer modulus, phase, real and imaginary parts", "[io][dm]") {
    TempDir dir;
    for (int code : {3, 13}) {
        DmImageSpec spec;
        spec.dataType = code;
        spec.dimensions = {2, 1 + 1};
        std::vector<std::complex<double>> z = {{3, 4}, {-1, 0}, {0, 2}, {1, 1}};
        if (code == 3) {
            std::vector<std::complex<float>> zf(z.begin(), z.end());
            spec.pixels = rawBytes(zf);
        } else {
            spec.pixels = rawBytes(z);
        }
        const std::string path = dir.file("c" + std::to_string(code) + ".dm4");
        writeDm(path, spec, 4);
        ReadOptions o;
        const Micrograph mod = readMicrograph(path, o);
        CHECK(mod.sourceDtype == (code == 3 ? "complex64" : "complex128"));
        CHECK(mod.frame(0).at(0, 0) == Approx(5));
        CHECK(mod.metadata.get(metadata_keys::kComplexPart) == "modulus");
        o.complexPart = ComplexPart::Phase;
        CHECK(readMicrograph(path, o).frame(0).at(1, 0) == Approx(M_PI));
        o.complexPart = ComplexPart::Real;
        CHECK(readMicrograph(path, o).frame(0).at(1, 0) == Approx(-1));
        o.complexPart = ComplexPart::Imaginary;
        CHECK(readMicrograph(path, o).frame(0).at(0, 1) == Approx(2));
    }
}

TEST_CASE("DM stacks, RGB, non-square pixels and calibration", "[io][dm]") {
    TempDir dir;
    DmImageSpec spec;
    spec.dataType = 2;
    spec.dimensions = {4, 3, 2};
    spec.pixels = ramp<float>(24, false);
    spec.axes = {{10, 0.5, "nm"}, {-2, 0.25, "A"}, {0, 0.1, "s"}}; // y in Angstrom: converted to nm
    writeDm(dir.file("stack.dm3"), spec, 3);
    const Micrograph m = readMicrograph(dir.file("stack.dm3"));
    REQUIRE(m.frameCount() == 2);
    CHECK(m.frame(1).at(0, 0) == 12.0f);
    CHECK(m.calibration.unit == "nm");
    CHECK(m.calibration.pixelSizeX == Approx(0.5));
    CHECK(m.calibration.originX == Approx(-5.0));
    CHECK(m.calibration.pixelSizeY == Approx(0.025));
    CHECK(m.calibration.originY == Approx(0.05));
    CHECK(m.frameAxis.scale == Approx(0.1));
    CHECK(m.frameAxis.unit == "s");

    DmImageSpec rgb;
    rgb.dataType = 23;
    rgb.dimensions = {2, 1};
    rgb.pixels = {30, 60, 90, 255, 0, 0, 3, 255};
    rgb.axes = {{0, 2, "1/nm"}, {0, 2, "1/nm"}};
    writeDm(dir.file("rgb.dm4"), rgb, 4);
    const Micrograph c = readMicrograph(dir.file("rgb.dm4"));
    CHECK(c.sourceDtype == "rgba8");
    CHECK(c.frame(0).at(0, 0) == Approx(60));
    CHECK(c.frame(0).at(1, 0) == Approx(1));
    CHECK(c.calibration.unit == "1/nm");
    CHECK_FALSE(c.calibration.isCalibrated()); // reciprocal space: not a real-space length
}

TEST_CASE("DM spectra, spectrum images and 4-D data are refused, saying what they hold",
          "[io][dm][bad-input]") {
    TempDir dir;
    DmImageSpec s;
    s.dataType = 2;
    s.dimensions = {100};
    s.pixels = ramp<float>(100, false);
    s.signal = "EELS";
    writeDm(dir.file("spectrum.dm3"), s, 3);
    CHECK(expectError(dir.file("spectrum.dm3"))
              .find("holds a 1-D spectrum of 100 channels (EELS), not an image") != std::string::npos);
    s.dimensions = {4, 5, 5};
    writeDm(dir.file("si.dm4"), s, 4);
    CHECK(expectError(dir.file("si.dm4")).find("spectrum image (4 x 5 positions, 5 channels (EELS))") !=
          std::string::npos);
    s.signal.clear();
    s.dimensions = {2, 2, 5, 5};
    writeDm(dir.file("4d.dm4"), s, 4);
    CHECK(expectError(dir.file("4d.dm4")).find("holds 4-D data (2 x 2 x 5 x 5") != std::string::npos);
}

TEST_CASE("Corrupt DM files give clear errors", "[io][dm][bad-input]") {
    TempDir dir;
    DmImageSpec spec;
    spec.dataType = 10;
    spec.dimensions = {8, 8};
    spec.pixels = ramp<std::uint16_t>(64, false);
    const auto good = encodeDm(dmImageDocument(spec), 4);

    auto truncated = good;
    truncated.resize(good.size() / 2);
    writeFileBytes(dir.file("cut.dm4"), truncated);
    CHECK(expectError(dir.file("cut.dm4")).find("truncated") != std::string::npos);

    // Dimensions forged to 60000 x 60000 in a small file.
    DmImageSpec huge = spec;
    huge.dimensions = {60000, 60000};
    writeFileBytes(dir.file("huge.dm3"), encodeDm(dmImageDocument(huge), 3));
    CHECK(expectError(dir.file("huge.dm3")).find("60000x60000") != std::string::npos);

    // A tag group nested 200 deep.
    DmTag deep = DmTag::group("leaf", {DmTag::int32("x", 1)});
    for (int i = 0; i < 200; ++i) deep = DmTag::group("g", {deep});
    writeFileBytes(dir.file("deep.dm4"), encodeDm(DmTag::group("", {deep}), 4));
    CHECK(expectError(dir.file("deep.dm4")).find("nested deeper than 64 levels") != std::string::npos);

    // An array whose declared count exceeds the file.
    DmTag root = DmTag::group("", {DmTag::array("Data", 6, 1ull << 30, std::vector<std::uint8_t>(16, 0))});
    writeFileBytes(dir.file("bigarray.dm3"), encodeDm(root, 3));
    CHECK(expectError(dir.file("bigarray.dm3")).find("declares 1073741824 elements") != std::string::npos);

    // Wrong version number in an otherwise DM-named file.
    auto wrong = good;
    wrong[3] = 7;
    writeFileBytes(dir.file("wrong.dm4"), wrong);
    CHECK(expectError(dir.file("wrong.dm4")).find("not a DigitalMicrograph file") != std::string::npos);

    // No image at all.
    writeFileBytes(dir.file("empty.dm3"), encodeDm(DmTag::group("", {DmTag::int32("x", 1)}), 3));
    CHECK(expectError(dir.file("empty.dm3")).find("no image") != std::string::npos);
}

TEST_CASE("Thumbnails are skipped and several images become signals", "[io][dm]") {
    TempDir dir;
    DmImageSpec spec;
    spec.dataType = 2;
    spec.dimensions = {3, 3};
    spec.pixels = ramp<float>(9, false);
    spec.name = "HAADF";
    writeDm(dir.file("t.dm4"), spec, 4);
    const Micrograph m = readMicrograph(dir.file("t.dm4"));
    CHECK(m.width() == 3); // not the 2x2 thumbnail
    CHECK(m.title == "HAADF");
    CHECK(m.signals == std::vector<std::string>{"HAADF"});
    ReadOptions o;
    o.signalIndex = 3;
    CHECK_THROWS_AS(readMicrograph(dir.file("t.dm4"), o), InputError);
}
