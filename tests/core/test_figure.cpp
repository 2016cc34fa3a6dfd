#include "tests/TestSupport.h"

#include "core/data/Errors.h"
#include "core/io/FigureWriter.h"
#include "core/simulate/Simulator.h"

#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <sstream>

using namespace atomlens;
using atomlens::test::TempDir;

namespace {
std::size_t countOf(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
    return n;
}
} // namespace

TEST_CASE("Figures draw atoms in class colours, empty sites, scale bar and legend", "[io][figure]") {
    SimulationParams p;
    p.width = p.height = 128;
    p.seed = 3;
    const auto sim = simulate(p);
    AtomTable atoms;
    const int mo = atoms.classIndex("Mo", true), s2 = atoms.classIndex("S2", true);
    for (const auto& t : sim.truth) {
        Atom a;
        a.x = t.x, a.y = t.y;
        a.classId = t.cls == "Mo" ? mo : t.cls == "S2" ? s2 : -1;
        if (t.cls == "empty") a.flags = kFlagEmptySite;
        atoms.add(a);
    }
    TempDir dir;
    FigureOptions options;
    options.scale = 4;
    writeFigurePng(sim.micrograph.frame(0), sim.micrograph.calibration, atoms, options, dir.file("f.png"));
    const cv::Mat png = cv::imread(dir.file("f.png"), cv::IMREAD_COLOR);
    REQUIRE(png.cols == 512);
    REQUIRE(png.rows == 512);
    // Somewhere on the ring around a Mo atom the Mo colour (255, 80, 80) is drawn.
    const auto moColour = classColour(mo);
    int found = 0;
    for (std::size_t i = 0; i < atoms.size() && found == 0; ++i) {
        if (atoms.classIds()[i] != mo || atoms.xs()[i] < 20 || atoms.xs()[i] > 100 || atoms.ys()[i] < 40 ||
            atoms.ys()[i] > 100)
            continue;
        for (int dy = -30; dy <= 30; ++dy)
            for (int dx = -30; dx <= 30; ++dx) {
                const cv::Vec3b c =
                    png.at<cv::Vec3b>(int(atoms.ys()[i] * 4) + dy, int(atoms.xs()[i] * 4) + dx);
                if (std::abs(c[2] - moColour[0]) < 30 && std::abs(c[1] - moColour[1]) < 30 &&
                    std::abs(c[0] - moColour[2]) < 30)
                    ++found;
            }
    }
    CHECK(found > 0);

    writeFigureSvg(sim.micrograph.frame(0), sim.micrograph.calibration, atoms, options, dir.file("f.svg"));
    std::ifstream in(dir.file("f.svg"));
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string svg = ss.str();
    std::size_t empties = 0;
    for (auto f : atoms.flags()) empties += (f & kFlagEmptySite) ? 1 : 0;
    CHECK(countOf(svg, "<circle cx") >= atoms.size() - empties);
    CHECK(countOf(svg, "<rect x") >= empties);
    CHECK(svg.find(">Mo</text>") != std::string::npos);
    CHECK(svg.find(">S2</text>") != std::string::npos);
    CHECK(svg.find(" nm</text>") != std::string::npos); // calibrated scale bar
    CHECK(svg.find("data:image/png;base64,") != std::string::npos);
}

TEST_CASE("A figure of an empty image is refused with the file name", "[io][figure][bad-input]") {
    TempDir dir;
    CHECK_THROWS_AS(writeFigurePng(Image(), Calibration(), AtomTable(), FigureOptions(), dir.file("x.png")),
                    InputError);
    CHECK_THROWS_AS(writeFigureSvg(Image(), Calibration(), AtomTable(), FigureOptions(), dir.file("x.svg")),
                    InputError);
}
