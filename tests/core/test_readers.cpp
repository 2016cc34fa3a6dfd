#include "tests/TestSupport.h"
#include "tests/core/ReaderTestSupport.h"

#include "core/data/Errors.h"
#include "core/io/InstrumentMetadata.h"
#include "core/io/MicrographReader.h"

#include <nlohmann/json.hpp>

#include <fstream>

using namespace atomlens;
using namespace atomlens::test;

namespace {

nlohmann::json loadJson(const std::string& name) {
    const std::string path = sharedData("formats/" + name);
    if (path.empty()) return {};
    std::ifstream in(path);
    nlohmann::json j;
    in >> j;
    return j;
}

/// Where AtomLens knowingly differs from HyperSpy 1.7.3 (and why), per file.
struct Deviation {
    std::string dtype;         ///< our dtype when HyperSpy's is an artefact of its reader
    double originFactor = 1.0; ///< our origin = HyperSpy's offset x this factor
};

Deviation deviationFor(const std::string& name) {
    // Velox: HyperSpy reads every image into np.empty(shape) (float64) and converted the offsets
    // with a unit of their own (nm) while labelling them like the scale (pm): the file says int16
    // and -1.6738e-8 m = -16738 pm.
    if (name == "fei_example_tem_stack.emd") return {"int16", 1000.0};
    // TIA: HyperSpy converts the scale from metres to nm but leaves the offset in metres.
    if (name.size() > 4 && name.substr(name.size() - 4) == ".ser") return {"", 1e9};
    return {};
}

std::string hyperspyUnit(const nlohmann::json& axis) {
    const std::string u = axis.at("units").is_null() ? "" : axis.at("units").get<std::string>();
    return u.empty() || u == "<undefined>" ? "px" : u;
}

/// Compares a file with HyperSpy's reading: frames = first axis of a 3-D shape, x = last axis,
/// sum/min/max over all frames, each axis' scale/offset/units.
void checkAgainstHyperSpy(const std::string& name, const nlohmann::json& e) {
    INFO(name);
    const Micrograph m = readMicrograph(sharedData("formats/" + name));
    const Deviation dev = deviationFor(name);
    const auto& shape = e.at("shape");
    const auto& axes = e.at("axes");
    const std::size_t n = shape.size();
    REQUIRE((n == 2 || n == 3));
    CHECK(m.height() == shape[n - 2].get<int>());
    CHECK(m.width() == shape[n - 1].get<int>());
    CHECK(m.frameCount() == (n == 3 ? shape[0].get<int>() : 1));
    CHECK(m.sourceDtype == (dev.dtype.empty() ? e.at("dtype").get<std::string>() : dev.dtype));
    const StackStats s = stackStats(m);
    CHECK(s.sum == Approx(e.at("sum").get<double>()).epsilon(1e-6));
    CHECK(s.min == Approx(e.at("min").get<double>()).epsilon(1e-6));
    CHECK(s.max == Approx(e.at("max").get<double>()).epsilon(1e-6));
    const auto& ax = axes[n - 1];
    const auto& ay = axes[n - 2];
    CHECK(m.calibration.pixelSizeX == Approx(ax.at("scale").get<double>()).epsilon(1e-6));
    CHECK(m.calibration.pixelSizeY == Approx(ay.at("scale").get<double>()).epsilon(1e-6));
    CHECK(m.calibration.originX == Approx(ax.at("offset").get<double>() * dev.originFactor).epsilon(1e-6));
    CHECK(m.calibration.originY == Approx(ay.at("offset").get<double>() * dev.originFactor).epsilon(1e-6));
    CHECK(m.calibration.unit == hyperspyUnit(ax));
    if (n == 3) {
        CHECK(m.frameAxis.scale == Approx(axes[0].at("scale").get<double>()).epsilon(1e-6));
        CHECK(m.frameAxis.offset == Approx(axes[0].at("offset").get<double>()).epsilon(1e-6));
    }
}

} // namespace

TEST_CASE("Every readable file in shared/data/formats matches HyperSpy", "[io][readers][shared]") {
    const auto all = loadJson("expected-hyperspy.json");
    if (all.is_null()) return;
    int checked = 0;
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (!it.value().is_array() || it.key() == "08_carbon.dm3") continue;
        checkAgainstHyperSpy(it.key(), it.value().at(0));
        ++checked;
    }
    CHECK(checked == 19); // 22 entries: the EELS spectrum is refused, HyperSpy failed on two
}

TEST_CASE("The two files HyperSpy 1.7 fails on are read as their headers say", "[io][readers][shared]") {
    const auto all = loadJson("expected-by-header.json");
    if (all.is_null()) return;
    for (const std::string name : {"HAADFscan.mrc", "velox_v11_SI_reduced.emd"}) {
        INFO(name);
        const auto& e = all.at(name);
        const Micrograph m = readMicrograph(sharedData("formats/" + name));
        CHECK(m.height() == e.at("shape")[0].get<int>());
        CHECK(m.width() == e.at("shape")[1].get<int>());
        CHECK(m.frameCount() == 1);
        CHECK(m.sourceDtype == e.at("dtype").get<std::string>());
        const StackStats s = stackStats(m);
        CHECK(s.sum == Approx(e.at("sum").get<double>()));
        CHECK(s.min == Approx(e.at("min").get<double>()));
        CHECK(s.max == Approx(e.at("max").get<double>()));
        CHECK(m.calibration.unit == "nm");
        CHECK(m.calibration.pixelSizeX == Approx(e.at("pixel_size_nm").get<double>()).epsilon(1e-6));
        CHECK(m.calibration.pixelSizeY == Approx(e.at("pixel_size_nm").get<double>()).epsilon(1e-6));
        CHECK(m.metadata.get(metadata_keys::kVoltage) == "300000");
    }
    const Micrograph mrc = readMicrograph(sharedData("formats/HAADFscan.mrc"));
    CHECK(mrc.metadata.get("MRC/ExtendedHeaderType") == "FEI2");
    CHECK(mrc.metadata.get("MRC/ExtendedHeaderBytes") == "909312");
    const Micrograph velox = readMicrograph(sharedData("formats/velox_v11_SI_reduced.emd"));
    CHECK(velox.title == "HAADF");
    CHECK(velox.signals.size() == 5); // HAADF and four EDS maps; the other maps are offered by index
    CHECK(velox.metadata.get(metadata_keys::kDetector) == "HAADF");
    CHECK(velox.metadata.get("File/Contents").find("spectrum image") != std::string::npos);
    for (int i = 0; i < 5; ++i) {
        ReadOptions o;
        o.signalIndex = i;
        const Micrograph map = readMicrograph(sharedData("formats/velox_v11_SI_reduced.emd"), o);
        CHECK(map.width() == 16);
        CHECK(map.title == velox.signals[std::size_t(i)]);
        CHECK(map.sourceDtype == (map.title == "HAADF" ? "uint16" : "float32"));
    }
}

TEST_CASE("The 1-D EELS spectrum is refused with a message saying what it is", "[io][readers][shared]") {
    const std::string path = sharedData("formats/08_carbon.dm3");
    if (path.empty()) return;
    try {
        readMicrograph(path);
        FAIL("a spectrum was read as an image");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) == path + ": holds a 1-D spectrum of 2048 channels (EELS), not an image");
    }
}

TEST_CASE("Instrument metadata lands at the same paths for every vendor", "[io][readers][shared]") {
    if (sharedData("formats/2D_test_STEM_image.dm3").empty()) return;
    namespace k = metadata_keys;
    const Micrograph dm = readMicrograph(sharedData("formats/2D_test_STEM_image.dm3"));
    CHECK(dm.metadata.get(k::kVoltage) == "200000");
    CHECK(dm.metadata.get(k::kMagnification) == "225000");
    CHECK(dm.metadata.get(k::kTime) == "8/8/2016 4:26:37 PM");
    CHECK(dm.metadata.find("DigitalMicrograph/ImageList") != nullptr);
    const Micrograph ser = readMicrograph(sharedData("formats/16_STOimage.emi")); // the EMI opens its SER
    CHECK(ser.width() == 1024);
    CHECK(ser.metadata.get(k::kVoltage) == "80000.0");
    CHECK(ser.metadata.get(k::kMagnification) == "13500000");
    CHECK(ser.metadata.get(k::kTime) == "Tue Oct 18 18:18:46 2011");
    CHECK(ser.metadata.find("TIA/EMI/ObjectInfo") != nullptr);
    const Micrograph velox = readMicrograph(sharedData("formats/fei_example_tem_stack.emd"));
    CHECK(velox.metadata.get(k::kVoltage) == "300000");
    CHECK(velox.metadata.get(k::kMagnification) == "1271519.155");
    CHECK(velox.metadata.get(k::kDetector) == "BM-Ceta");
    CHECK(velox.metadata.get(k::kTime) == "2019-12-05T10:03:44Z");
    CHECK(velox.metadata.get("Velox/Optics/AccelerationVoltage") == "300000");
    CHECK(velox.frameAxis.unit == "s");
    // Frame k of the Velox stack is Data[:, :, k] (values 0..17 interleaved).
    CHECK(velox.frame(0).at(1, 0) == 2.0f);
    CHECK(velox.frame(1).at(0, 1) == 7.0f);
    const Micrograph mrc = readMicrograph(sharedData("formats/HAADFscan.mrc"));
    CHECK(mrc.metadata.get(k::kMicroscope) == "Spectra");
    CHECK(mrc.metadata.get(k::kTime).rfind("2022-12-05T", 0) == 0);
}
