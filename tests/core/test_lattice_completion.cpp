// The lattice-guided second look (core/graph/LatticeCompletion) and the detector choice ("auto"):
// real MoS2 whose S2 columns are too dim for the peak search, simulated MoS2, single atoms, bad input.
#include "tests/TestSupport.h"

#include "core/detect/DetectionMetrics.h"
#include "core/detect/Detector.h"
#include "core/detect/ImageChecks.h"
#include "core/detect/SingleAtomChoice.h"
#include "core/graph/LatticeCompletion.h"
#include "core/io/CsvTable.h"
#include "core/io/MicrographReader.h"
#include "core/simulate/Simulator.h"

#include <cmath>

using namespace atomlens;

namespace {

/// Share of the labelled columns of one class with a detection within `tolerance` px.
double recallOfClass(const AtomTable& atoms, const std::string& labels, const std::string& cls,
                     double tolerance) {
    const CsvTable t = CsvTable::read(labels);
    const int cx = t.requireColumn("x", labels), cy = t.requireColumn("y", labels),
              cc = t.requireColumn("class", labels);
    std::vector<Point2> truth, det;
    for (std::size_t r = 0; r < t.rowCount(); ++r)
        if (t.text(r, cc) == cls) truth.push_back({t.number(r, cx, labels), t.number(r, cy, labels)});
    for (std::size_t i = 0; i < atoms.size(); ++i) det.push_back({atoms.xs()[i], atoms.ys()[i]});
    return scoreMatching(matchPoints(det, truth, tolerance), det, truth).recall;
}

} // namespace

TEST_CASE("lattice search finds the dim S2 sublattice of a real MoS2 image the peak search misses") {
    const std::string image = test::sharedData("micrographs/mos2-smov/58.jpg");
    if (image.empty()) return;
    const std::string labels = test::sharedData("micrographs/mos2-smov/58.csv");
    const Micrograph m = readMicrograph(image);
    DetectParams without;
    without.method = "classical";
    without.latticeSearch = false;
    const AtomTable peaksOnly = detectAtoms(m.frame(0), without, nullJobContext());
    DetectScales scales;
    const AtomTable atoms = detectAtoms(m.frame(0), DetectParams{}, nullJobContext(), &scales);
    CHECK(scales.method == "classical");
    CHECK(scales.reason.find("lattice in the FFT") != std::string::npos);
    const double before = recallOfClass(peaksOnly, labels, "S", 4.0),
                 after = recallOfClass(atoms, labels, "S", 4.0);
    INFO("S recall without the lattice search " << before << ", with it " << after);
    CHECK(before < 0.2); // measured 0.004: the S2 columns are shoulders of the bright Mo columns
    CHECK(after > 0.75); // measured 0.84
    // The S2 sublattice sits on the three-fold sites of the Mo lattice: the added columns are placed
    // there, not where the averaged residual's peak was pulled by the subtracted Mo columns.
    const double within3 = recallOfClass(atoms, labels, "S", 3.0);
    INFO("S recall at 3 px " << within3);
    CHECK(within3 > 0.70); // measured 0.720; 0.679 with the peak position as found
    CHECK(recallOfClass(atoms, labels, "Mo", 4.0) > 0.98);
    // No column is reported within 1 px of the border (their peaks there are flanks of columns outside).
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        CHECK(atoms.xs()[i] >= 1.0);
        CHECK(atoms.ys()[i] >= 1.0);
        CHECK(atoms.xs()[i] <= m.width() - 2.0);
        CHECK(atoms.ys()[i] <= m.height() - 2.0);
    }
}

TEST_CASE("lattice search adds nothing where the peak search already found every column (simulated MoS2)") {
    SimulationParams p;
    p.width = p.height = 384;
    p.dose = 1e6;
    p.seed = 7;
    const SimulationResult sim = simulate(p);
    DetectParams without;
    without.latticeSearch = false;
    const AtomTable a = detectAtoms(sim.micrograph.frame(0), without, nullJobContext());
    const AtomTable b = detectAtoms(sim.micrograph.frame(0), DetectParams{}, nullJobContext());
    // Every S2 and Mo column is found at this dose; the search may add the odd S1 column, never dozens.
    CHECK(b.size() >= a.size());
    CHECK(b.size() <= a.size() + a.size() / 50);
}

TEST_CASE("auto detection picks classical without a lattice and says why") {
    const std::string image = test::sharedData("micrographs/re-single-atoms/re_01.png");
    if (image.empty()) return;
    const Micrograph m = readMicrograph(image);
    DetectScales scales;
    const AtomTable atoms = detectAtoms(m.frame(0), DetectParams{}, nullJobContext(), &scales);
    CHECK(scales.method == "classical");
    CHECK_FALSE(scales.lattice);
    CHECK(scales.reason.find("no lattice") != std::string::npos);
    CHECK(atoms.size() > 40); // 98 labelled Re atoms; the classical detector finds 73
}

TEST_CASE("auto detection runs the registered single-atom network without a lattice, never on a lattice") {
    const std::string single = test::sharedData("micrographs/re-single-atoms/re_01.png");
    const std::string lattice = test::sharedData("micrographs/mos2-smov/04.jpg");
    if (single.empty() || lattice.empty()) return;
    // A stand-in "fcn" detector that reports which model it was asked to run (as one atom at x = 7).
    std::string asked;
    registerDetector("fcn", [&asked](const Image&, const DetectParams& p, JobContext&) {
        asked = p.model;
        AtomTable t;
        Atom a;
        a.x = 7, a.y = 7;
        t.add(a);
        return t;
    });
    registerSingleAtomModel({"my-single-atoms", "held-out F1 0.9 vs classical 0.6"});
    DetectScales scales;
    const AtomTable atoms =
        detectAtoms(readMicrograph(single).frame(0), DetectParams{}, nullJobContext(), &scales);
    CHECK(scales.method == "fcn");
    CHECK(asked == "my-single-atoms");
    CHECK(scales.reason.find("no lattice") != std::string::npos);
    CHECK(scales.reason.find("held-out F1 0.9 vs classical 0.6") != std::string::npos);
    REQUIRE(atoms.size() == 1);
    CHECK(atoms.xs()[0] == 7);
    // A model the user names wins over the registered one.
    DetectParams named;
    named.model = "users-own";
    detectAtoms(readMicrograph(single).frame(0), named, nullJobContext(), &scales);
    CHECK(asked == "users-own");
    // A lattice keeps the classical detector (MoS2 columns, not the stand-in's one atom).
    asked.clear();
    const AtomTable columns =
        detectAtoms(readMicrograph(lattice).frame(0), DetectParams{}, nullJobContext(), &scales);
    CHECK(scales.method == "classical");
    CHECK(asked.empty());
    CHECK(columns.size() > 400); // 499 MoS2 columns
    // Cleared: without a lattice the classical detector again.
    registerSingleAtomModel({});
    detectAtoms(readMicrograph(single).frame(0), DetectParams{}, nullJobContext(), &scales);
    CHECK(scales.method == "classical");
}

TEST_CASE("auto detection of empty and constant images gives no atoms and a reason") {
    DetectScales scales;
    CHECK(detectAtoms(Image(64, 64, 3.0f), DetectParams{}, nullJobContext(), &scales).empty());
    CHECK(scales.reason.find("constant") != std::string::npos);
    CHECK(detectAtoms(Image(), DetectParams{}, nullJobContext(), &scales).empty());
}

TEST_CASE("completeLatticeColumns leaves too few atoms alone") {
    Image image(64, 64, 0.0f);
    AtomTable atoms;
    for (int i = 0; i < 5; ++i) {
        Atom a;
        a.x = 10 + 8 * i, a.y = 20, a.sigma = 2, a.amplitude = 1;
        atoms.add(a);
    }
    DetectScales s;
    s.lattice = true, s.spacing = 8, s.sigma = 2, s.minSeparation = 4, s.noiseSigma = 0.01;
    LatticeCompletionReport report;
    CHECK(completeLatticeColumns({image, image, s, 1.4, RefineParams{}}, atoms, nullJobContext(), &report) ==
          0);
    CHECK(atoms.size() == 5);
}

TEST_CASE("auto detection reverses an inverted real MoS2 image and finds the same columns") {
    const std::string image = test::sharedData("micrographs/mos2-smov/04.jpg");
    if (image.empty()) return;
    const Image original = readMicrograph(image).frame(0);
    CHECK_FALSE(checkImageContrast(original).inverted);
    const Image negative = invertedContrast(original);
    const ImageContrastCheck check = checkImageContrast(negative);
    CHECK(check.inverted);
    CHECK(check.warning.find("inverted") != std::string::npos);
    DetectScales scales;
    const AtomTable a = detectAtoms(original, DetectParams{}, nullJobContext());
    const AtomTable b = detectAtoms(negative, DetectParams{}, nullJobContext(), &scales);
    CHECK(scales.reason.find("contrast reversed") != std::string::npos);
    CHECK(b.size() == a.size());
}

TEST_CASE("a saturated image gets a warning and still its columns") {
    const std::string image = test::sharedData("micrographs/mos2-smov/04.jpg");
    if (image.empty()) return;
    Image clipped = readMicrograph(image).frame(0);
    float hi = 0;
    for (float v : clipped.pixels()) hi = std::max(hi, v);
    for (float& v : clipped.pixels()) v = std::min(v, 0.6f * hi);
    const ImageContrastCheck check = checkImageContrast(clipped);
    CHECK(check.saturatedFraction > 0.01);
    CHECK(check.warning.find("saturated") != std::string::npos);
    CHECK(detectAtoms(clipped, DetectParams{}, nullJobContext()).size() > 400); // 505 labelled columns
}
