// Per-image statistics against hand-computed values and brute force: distributions, class counts,
// bond lengths and angles, strain summaries, vacancy lines and dopant neighbourhoods, CSV export.
#include "tests/TestSupport.h"

#include "core/analysis/Statistics.h"
#include "core/base/Random.h"
#include "core/graph/LatticeGraph.h"
#include "core/io/CsvTable.h"

#include <algorithm>
#include <cmath>
#include <map>

using namespace atomlens;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// A 3x3 square grid, spacing 10, bonded along the axes only.
LatticeGraph squareGrid() {
    std::vector<double> x, y;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) x.push_back(10.0 * c), y.push_back(10.0 * r);
    GraphParams p;
    p.method = "radius";
    p.maxEdge = 11;
    return buildGraph(x, y, x.size(), p);
}

} // namespace

TEST_CASE("describeDistribution by hand", "[stats]") {
    const Distribution d = describeDistribution({4, 1, 3, 2, std::nan("")}, 3);
    CHECK(d.count == 4);
    CHECK(d.mean == Approx(2.5));
    CHECK(d.sd == Approx(std::sqrt(5.0 / 3.0)));
    CHECK(d.median == Approx(2.5));
    CHECK(d.min == 1);
    CHECK(d.max == 4);
    CHECK(d.binWidth == Approx(1));
    CHECK(d.histogram == std::vector<std::size_t>{1, 1, 2}); // the maximum falls in the last bin
    CHECK(describeDistribution({}).count == 0);
    const Distribution one = describeDistribution({7}, 4);
    CHECK(one.sd == 0);
    CHECK(one.histogram[0] == 1);
}

TEST_CASE("Class counts skip rejected rows and count empty sites", "[stats]") {
    AtomTable t;
    t.setClassNames({"Mo", "S"});
    for (int i = 0; i < 5; ++i) {
        Atom a;
        a.classId = i < 3 ? 0 : 1;
        t.add(a);
    }
    Atom empty;
    empty.flags = kFlagEmptySite;
    t.add(empty);
    Atom none;
    t.add(none);
    Atom rejected;
    rejected.classId = 0, rejected.flags = kFlagRejected;
    t.add(rejected);
    const auto c = countByClass(t);
    CHECK(c.at("Mo") == 3);
    CHECK(c.at("S") == 2);
    CHECK(c.at("empty-site") == 1);
    CHECK(c.at("unclassified") == 1);
}

TEST_CASE("Bond lengths and angles on a square grid, by hand", "[stats]") {
    const LatticeGraph g = squareGrid();
    const auto lengths = bondLengths(g);
    REQUIRE(lengths.size() == 12);
    for (double l : lengths) CHECK(l == Approx(10).margin(1e-4));
    auto angles = bondAngles(g);
    // Centre: 4 x 90; 4 edge-middle nodes: 90, 90, 180; 4 corners: 90, 270.
    std::map<long, int> histogram;
    for (double a : angles) ++histogram[std::lround(a)];
    CHECK(histogram[90] == 4 + 8 + 4);
    CHECK(histogram[180] == 4);
    CHECK(histogram[270] == 4);
    CHECK(histogram.size() == 3);
}

TEST_CASE("Bond lengths and angles equal brute force on random points", "[stats]") {
    Random rng(17);
    std::vector<double> x, y;
    for (int i = 0; i < 150; ++i) x.push_back(rng.uniform(0, 100)), y.push_back(rng.uniform(0, 100));
    GraphParams p;
    p.method = "radius";
    p.maxEdge = 12;
    const LatticeGraph g = buildGraph(x, y, x.size(), p);
    std::vector<double> brute;
    std::vector<std::vector<double>> around(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j)
            if (const double d = std::hypot(x[i] - x[j], y[i] - y[j]); d <= 12) {
                brute.push_back(d);
                around[i].push_back(std::atan2(y[j] - y[i], x[j] - x[i]));
                around[j].push_back(std::atan2(y[i] - y[j], x[i] - x[j]));
            }
    auto lengths = bondLengths(g);
    std::sort(lengths.begin(), lengths.end()), std::sort(brute.begin(), brute.end());
    REQUIRE(lengths.size() == brute.size());
    for (std::size_t k = 0; k < brute.size(); ++k) CHECK(lengths[k] == Approx(brute[k]).margin(1e-4));
    std::vector<double> bruteAngles;
    for (auto& a : around) {
        if (a.size() < 2) continue;
        std::sort(a.begin(), a.end());
        for (std::size_t k = 0; k < a.size(); ++k)
            bruteAngles.push_back(((k + 1 < a.size() ? a[k + 1] : a[0] + 2 * kPi) - a[k]) * 180 / kPi);
    }
    auto angles = bondAngles(g);
    std::sort(angles.begin(), angles.end()), std::sort(bruteAngles.begin(), bruteAngles.end());
    REQUIRE(angles.size() == bruteAngles.size());
    for (std::size_t k = 0; k < angles.size(); ++k) CHECK(angles[k] == Approx(bruteAngles[k]).margin(1e-3));
}

TEST_CASE("Strain statistics, vacancy lines and dopant neighbourhoods", "[stats]") {
    // Grid nodes 0..8 (row-major); node 4 (centre) is a W dopant, node 5 an empty site, 3 and 6
    // vacancies by class.
    LatticeGraph g = squareGrid();
    AtomTable atoms;
    atoms.setClassNames({"Mo", "W", "vacancy"});
    for (int i = 0; i < 9; ++i) {
        Atom a;
        a.x = g.x[std::size_t(i)], a.y = g.y[std::size_t(i)];
        a.classId = i == 4 ? 1 : (i == 3 || i == 6) ? 2 : 0;
        if (i == 5) a.classId = -1, a.flags = kFlagEmptySite;
        atoms.add(a);
    }
    g.flags[5] |= kFlagEmptySite;
    g.strain.assign(9, NodeStrain{});
    for (int i = 0; i < 9; ++i)
        g.strain[std::size_t(i)].exx = 0.01f * float(i), g.strain[std::size_t(i)].rotation = float(kPi / 180);
    const StrainStatistics s = strainStatistics(g);
    CHECK(s.exx.count == 8); // the empty site is left out
    CHECK(s.exx.mean == Approx((0 + 1 + 2 + 3 + 4 + 6 + 7 + 8) * 0.01 / 8).epsilon(1e-5));
    CHECK(s.rotationDeg.mean == Approx(1).epsilon(1e-5));

    const auto d = dopantNeighbourhoods(atoms, g, {"W"});
    REQUIRE(d.size() == 1);
    CHECK(d[0].row == 4);
    CHECK(d[0].neighbours.at("Mo") == 2);         // nodes 1 and 7
    CHECK(d[0].neighbours.at("vacancy") == 1);    // node 3
    CHECK(d[0].neighbours.at("empty-site") == 1); // node 5

    StatisticsParams params;
    params.lineLinkDistance = 11;
    const ImageStatistics all = computeImageStatistics(atoms, g, params);
    // Vacancies 3, 5 (empty site), 6: 3-6 are one bond apart -> one line; 5 stands alone.
    REQUIRE(all.vacancyLines.size() == 1);
    CHECK(all.vacancyLines[0].sites == std::vector<std::size_t>{3, 6});
    CHECK(all.vacancyLines[0].orientationDeg == Approx(90));
    CHECK(all.vacancyLines[0].length == Approx(10));
    CHECK(all.counts.at("Mo") == 5);
    CHECK(all.counts.at("empty-site") == 1);
    CHECK(all.bondLength.count == 12 - 3); // bonds to the empty site are left out

    test::TempDir tmp;
    writeStatisticsCsv(all, 0.016, "nm", tmp.path().string());
    const CsvTable counts = CsvTable::read(tmp.file("counts.csv"));
    CHECK(counts.rowCount() == 4);
    const CsvTable lines = CsvTable::read(tmp.file("vacancy_lines.csv"));
    REQUIRE(lines.rowCount() == 1);
    CHECK(lines.number(0, lines.requireColumn("length_cal", "t"), "t") == Approx(0.16));
    const CsvTable bonds = CsvTable::read(tmp.file("bond_lengths.csv"));
    CHECK(bonds.text(0, 0) == "summary");
    CHECK(bonds.number(0, bonds.requireColumn("mean", "t"), "t") == Approx(10).margin(1e-4));
    const CsvTable dopants = CsvTable::read(tmp.file("dopants.csv"));
    CHECK(dopants.number(0, dopants.requireColumn("n_Mo", "t"), "t") == 2);
}
