#include "tests/TestSupport.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <sys/wait.h>

using atomlens::test::sharedData;
using atomlens::test::TempDir;

namespace {

/// Runs `atomlens-cli info FILE`, returning exit code and stdout.
std::pair<int, std::string> runInfo(const std::string& file) {
    const std::string cmd = "'" ATOMLENS_CLI "' info '" + file + "' 2>/dev/null";
    std::string out;
    FILE* pipe = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

struct Expected {
    std::string file, format;
    int width, height, frames;
    std::string dtype;
    double pixelSize;
    std::string unit;
};

} // namespace

TEST_CASE("cli: info prints the documented JSON for one file of each format", "[cli][shared][readers]") {
    if (sharedData("formats/2D_test_STEM_image.dm3").empty()) return;
    const std::vector<Expected> files = {
        {"2D_test_STEM_image.dm3", "DigitalMicrograph", 68, 68, 1, "uint32", 0.24853801727294922, "nm"},
        {"3D_test-1.dm4", "DigitalMicrograph", 2, 2, 2, "int16", 1.0, "px"},
        {"fei_example_tem_stack.emd", "EMD", 3, 3, 2, "int16", 8.172883192297851, "pm"},
        {"velox_v11_SI_reduced.emd", "EMD", 16, 16, 1, "uint16", 3.599249255961469, "nm"},
        {"Si100_3D.emd", "EMD", 22, 22, 37, "float32", 0.25, "nm"},
        {"16_STOimage_1.ser", "TIA SER", 1024, 1024, 1, "uint16", 0.010012704240403384, "nm"},
        {"64x64x5_TEM_preview.emi", "TIA EMI", 64, 64, 5, "float32", 6.281833616298531, "nm"},
        {"HAADFscan.mrc", "MRC", 16, 16, 1, "uint16", 5.679131317138672, "nm"},
        {"test_loading_image_saved_with_imageJ.tif", "TIFF", 68, 68, 1, "float32", 0.16867471098853332,
         "\xC2\xB5m"},
    };
    for (const auto& e : files) {
        INFO(e.file);
        const auto [code, out] = runInfo(sharedData("formats/" + e.file));
        REQUIRE(code == 0);
        const auto j = nlohmann::json::parse(out);
        CHECK(j.at("format") == e.format);
        CHECK(j.at("width") == e.width);
        CHECK(j.at("height") == e.height);
        CHECK(j.at("frames") == e.frames);
        CHECK(j.at("dtype") == e.dtype);
        CHECK(j.at("pixel_size").at("x").get<double>() == Approx(e.pixelSize).epsilon(1e-6));
        CHECK(j.at("pixel_size").at("y").get<double>() == Approx(e.pixelSize).epsilon(1e-6));
        CHECK(j.at("pixel_size").at("unit") == e.unit);
        CHECK(j.at("metadata").is_object());
    }
    const auto [code, out] = runInfo(sharedData("formats/08_carbon.dm3"));
    CHECK(code == 1);
    CHECK(out.empty());
}
