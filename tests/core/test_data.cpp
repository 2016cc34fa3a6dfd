#include "tests/TestSupport.h"

#include "core/data/AtomTable.h"
#include "core/data/Errors.h"
#include "core/data/Image.h"
#include "core/data/Labels.h"
#include "core/data/Metadata.h"
#include "core/data/Micrograph.h"
#include "core/data/Units.h"
#include "core/job/JobContext.h"

#include <cmath>
#include <thread>

using namespace atomlens;

TEST_CASE("Image stores row-major pixels and refuses absurd sizes", "[data]") {
    Image img(4, 3, 1.5f);
    CHECK(img.width() == 4);
    CHECK(img.height() == 3);
    CHECK(img.size() == 12);
    img.at(3, 2) = 7.0f;
    CHECK(img.data()[2 * 4 + 3] == 7.0f);
    CHECK(img.row(2)[3] == 7.0f);
    CHECK_THROWS_AS(Image(-1, 5), std::invalid_argument);
    CHECK_THROWS_AS(Image(50000, 50000), std::invalid_argument);
}

TEST_CASE("Image bilinear sampling uses pixel centres", "[data]") {
    Image img(2, 2);
    img.at(0, 0) = 0, img.at(1, 0) = 10, img.at(0, 1) = 20, img.at(1, 1) = 30;
    CHECK(img.sample(0, 0) == Approx(0));
    CHECK(img.sample(1, 1) == Approx(30));
    CHECK(img.sample(0.5, 0.5) == Approx(15));
    CHECK(img.sample(0.25, 0) == Approx(2.5));
    CHECK(img.sample(-3, 9) == Approx(20)); // clamped
}

TEST_CASE("imageStats counts non-finite pixels", "[data]") {
    Image img(3, 1);
    img.at(0, 0) = 1, img.at(1, 0) = 2, img.at(2, 0) = 6;
    auto s = imageStats(img);
    CHECK(s.sum == Approx(9));
    CHECK(s.mean == Approx(3));
    CHECK(s.min == 1);
    CHECK(s.max == 6);
    CHECK(s.nonFinite == 0);
    img.at(1, 0) = std::nanf("");
    CHECK(imageStats(img).nonFinite == 1);
}

TEST_CASE("Units are normalised from vendor spellings", "[data]") {
    CHECK(parseLengthUnit("nm")->metres == Approx(1e-9));
    CHECK(parseLengthUnit("\xC2\xB5m")->symbol == "um");
    CHECK(parseLengthUnit("micron")->symbol == "um");
    CHECK(parseLengthUnit("\xC3\x85")->symbol == "A");
    CHECK(parseLengthUnit("Angstrom")->symbol == "A");
    CHECK(parseLengthUnit("pm")->metres == Approx(1e-12));
    CHECK(parseLengthUnit("1/nm")->reciprocal);
    CHECK(parseLengthUnit("nm^-1")->reciprocal);
    CHECK_FALSE(parseLengthUnit("<undefined>"));
    CHECK_FALSE(parseLengthUnit("s"));
    CHECK_FALSE(parseLengthUnit(""));
    CHECK(convertLength(1.5, "nm", "A") == Approx(15));
    CHECK(convertLength(250, "pm", "nm") == Approx(0.25));
    CHECK(convertLength(2, "1/nm", "1/A") == Approx(0.2));
    CHECK_THROWS(convertLength(1, "nm", "1/nm"));
    CHECK_THROWS(convertLength(1, "px", "nm"));
}

TEST_CASE("Calibration converts pixel sizes and knows when it is calibrated", "[data]") {
    Calibration c;
    CHECK_FALSE(c.isCalibrated());
    c.pixelSizeX = 0.016, c.pixelSizeY = 0.02, c.unit = "nm";
    CHECK(c.isCalibrated());
    CHECK(c.pixelSizeXIn("pm") == Approx(16));
    CHECK(c.pixelSizeYIn("A") == Approx(0.2));
}

TEST_CASE("Micrograph validation names the file", "[data]") {
    Micrograph m;
    m.sourcePath = "x.tif";
    REQUIRE_THROWS_AS(m.validate(), InputError);
    try {
        m.validate();
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("x.tif") == 0);
    }
    m.frames.emplace_back(4, 4);
    CHECK_NOTHROW(m.validate());
    m.frames.emplace_back(5, 4);
    CHECK_THROWS_AS(m.validate(), InputError);
}

TEST_CASE("Metadata tree sets, finds and counts by path", "[data]") {
    MetadataNode root;
    root.set("Microscope/Voltage", "200000");
    root.set("Microscope/Name", "Titan");
    root.set("Detector", "HAADF");
    CHECK(root.get("Microscope/Voltage") == "200000");
    CHECK(root.get("Microscope/Missing", "none") == "none");
    CHECK(root.find("Microscope")->childCount() == 2);
    CHECK(root.countNodes() == 4);
    root.appendChild("Item"), root.appendChild("Item");
    CHECK(root.childCount() == 4);
}

TEST_CASE("AtomTable keeps rows ordered by id through add, remove and re-insert", "[data]") {
    AtomTable t;
    for (int i = 0; i < 5; ++i) {
        Atom a;
        a.x = i, a.y = 2 * i;
        CHECK(t.add(a) == std::uint32_t(i + 1));
    }
    const Atom removed = t.at(2);
    t.removeRows({2, 0, 2});
    REQUIRE(t.size() == 3);
    CHECK(t.ids() == std::vector<std::uint32_t>{2, 4, 5});
    CHECK(t.rowOf(3) == -1);
    CHECK(t.rowOf(4) == 1);
    // Undo of a delete re-inserts the same atom at its old place.
    t.add(removed);
    CHECK(t.ids() == std::vector<std::uint32_t>{2, 3, 4, 5});
    CHECK(t.at(std::size_t(t.rowOf(3))).x == 2);
    CHECK_THROWS(t.add(removed));
    CHECK(t.add(Atom{}) == 6);
    const std::int32_t mo = t.classIndex("Mo", true);
    CHECK(t.classIndex("Mo") == mo);
    CHECK(t.classIndex("S2") == -1);
    t.setClass(0, mo, 0.9f);
    CHECK(t.className(t.classIds()[0]) == "Mo");
    CHECK(t.className(-1).empty());
}

TEST_CASE("Labels resolve to the nearest atom and refuse labels on no atom", "[data]") {
    AtomTable atoms;
    for (int i = 0; i < 10; ++i) {
        Atom a;
        a.x = 10.0 * i, a.y = 5;
        atoms.add(a);
    }
    Labels labels;
    labels.add({21, 6, "S2", -1});
    labels.add({79, 4, "Mo", -1});
    labels.resolve(atoms, 3.0);
    CHECK(labels.at(0).atomId == atoms.ids()[2]);
    CHECK(labels.at(1).atomId == atoms.ids()[8]);
    CHECK(labels.classNames() == std::vector<std::string>{"S2", "Mo"});
    CHECK(labels.countsPerClass() == std::vector<std::size_t>{1, 1});

    Labels bad;
    bad.add({55, 30, "Mo", -1});
    try {
        bad.resolve(atoms, 3.0, "labels.csv");
        FAIL("a label on no atom must be refused");
    } catch (const InputError& e) {
        const std::string msg = e.what();
        CHECK(msg.find("labels.csv") == 0);
        CHECK(msg.find("on no atom") != std::string::npos);
    }
    Labels conflict;
    conflict.add({20, 5, "Mo", -1});
    conflict.add({20.5, 5, "S2", -1});
    CHECK_THROWS_AS(conflict.resolve(atoms, 3.0), InputError);

    // A newer decision on the same atom replaces the older one.
    Labels relabel;
    relabel.add({0, 0, "Mo", 7});
    relabel.add({0, 0, "S2", 7});
    REQUIRE(relabel.size() == 1);
    CHECK(relabel.at(0).className == "S2");
}

TEST_CASE("JobContext cancels across threads and records progress", "[data][job]") {
    BasicJobContext job;
    CHECK_NOTHROW(job.throwIfCanceled());
    std::thread worker([&] { job.setProgress(5, 10, "half"); });
    worker.join();
    CHECK(job.lastDone() == 5);
    CHECK(job.lastTotal() == 10);
    job.cancel();
    CHECK(job.isCanceled());
    CHECK_THROWS_AS(job.throwIfCanceled(), CanceledError);
    CHECK_FALSE(nullJobContext().isCanceled());
}
