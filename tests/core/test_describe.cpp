#include "tests/TestSupport.h"

#include "core/base/Random.h"
#include "core/data/PointIndex.h"
#include "core/describe/Descriptors.h"
#include "core/describe/GaussianMixture.h"
#include "core/describe/Motifs.h"
#include "core/describe/Zernike.h"
#include "core/graph/LatticeGraph.h"
#include "core/simulate/Simulator.h"

#include <nlohmann/json.hpp>

#include <cmath>

using namespace atomlens;

namespace {

struct Blob {
    double x, y, sigma, amp;
};

Image render(const std::vector<Blob>& blobs, int w, int h) {
    Image img(w, h);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            double v = 0;
            for (const auto& b : blobs)
                v += b.amp *
                     std::exp(-((c - b.x) * (c - b.x) + (r - b.y) * (r - b.y)) / (2 * b.sigma * b.sigma));
            img.at(c, r) = float(v);
        }
    return img;
}

std::vector<Blob> rotated(const std::vector<Blob>& blobs, double cx, double cy, double angle) {
    std::vector<Blob> out;
    const double c = std::cos(angle), s = std::sin(angle);
    for (auto b : blobs) {
        const double dx = b.x - cx, dy = b.y - cy;
        b.x = cx + c * dx - s * dy, b.y = cy + s * dx + c * dy;
        out.push_back(b);
    }
    return out;
}

double relativeDifference(const std::vector<float>& a, const std::vector<float>& b) {
    double d = 0, n = 0;
    for (std::size_t i = 0; i < a.size(); ++i) d += (a[i] - b[i]) * (a[i] - b[i]), n += a[i] * a[i];
    return std::sqrt(d / n);
}

} // namespace

TEST_CASE("describe: Zernike magnitudes do not change when the patch rotates", "[describe]") {
    Random rng(4);
    std::vector<Blob> blobs;
    for (int k = 0; k < 9; ++k)
        blobs.push_back({rng.uniform(30, 70), rng.uniform(30, 70), rng.uniform(2, 4), rng.uniform(0.5, 2)});
    const ZernikeBasis basis(10, 20);
    REQUIRE(basis.moments().size() == 35);
    const Image ref = render(blobs, 100, 100);
    std::vector<float> m0(35), m1(35), other(35);
    basis.magnitudesAt(ref, 50, 50, 18, m0.data());
    for (double angle : {0.3, 1.1, 2.5, 4.0}) {
        const Image rot = render(rotated(blobs, 50, 50, angle), 100, 100);
        basis.magnitudesAt(rot, 50, 50, 18, m1.data());
        INFO("angle " << angle);
        CHECK(relativeDifference(m0, m1) < 0.01);
    }
    // Brightness and contrast do not matter either.
    Image scaled = ref;
    for (auto& v : scaled.pixels()) v = 3 * v + 7;
    basis.magnitudesAt(scaled, 50, 50, 18, m1.data());
    CHECK(relativeDifference(m0, m1) < 1e-4);
    // A different arrangement is told apart.
    std::vector<Blob> moved = blobs;
    moved[0].x += 6, moved[3].y -= 5;
    basis.magnitudesAt(render(moved, 100, 100), 50, 50, 18, other.data());
    CHECK(relativeDifference(m0, other) > 0.1);
    CHECK(basis.names()[0] == "zernike_1_1");
}

TEST_CASE("describe: patch, intensity and bond descriptors of a simulated lattice", "[describe]") {
    SimulationParams sp;
    sp.width = sp.height = 256;
    sp.seed = 7;
    sp.sEmpty = 0, sp.moVacancy = 0, sp.sSingleVacancy = 0, sp.heavyDopant = 0, sp.lightDopant = 0,
    sp.vacancyLines = 0;
    const auto sim = simulate(sp);
    std::vector<double> x, y;
    std::vector<std::string> cls;
    for (const auto& t : sim.truth) x.push_back(t.x), y.push_back(t.y), cls.push_back(t.cls);
    const auto g = buildGraph(x, y, x.size());
    const auto f = computeDescriptors(&sim.micrograph.frame(0), g);
    REQUIRE(f.rows == g.nodeCount());
    REQUIRE(f.column("patch_1_1") >= 0);
    REQUIRE(f.columnsWithPrefix("patch_").size() == 9);
    REQUIRE(f.columnsWithPrefix("zernike_").size() == 35);
    const Image norm = normalisedImage(sim.micrograph.frame(0));
    const int centre = f.column("patch_1_1"), corner = f.column("patch_0_0"),
              coord = f.column("coordination");
    std::size_t moBrighter = 0, mo = 0, s = 0, interior = 0, threeFold = 0;
    double moIntensity = 0, sIntensity = 0;
    for (std::size_t i = 0; i < f.rows; ++i) {
        CHECK(f.at(i, std::size_t(centre)) == Approx(norm.sample(x[i], y[i])));
        CHECK(f.at(i, std::size_t(corner)) == Approx(norm.sample(x[i] - 1, y[i] - 1)));
        const double v = f.at(i, std::size_t(f.column("intensity")));
        if (cls[i] == "Mo")
            moIntensity += v, ++mo;
        else
            s += 1, sIntensity += v;
        if (x[i] > 20 && y[i] > 20 && x[i] < 236 && y[i] < 236)
            ++interior, threeFold += f.at(i, std::size_t(coord)) == 3;
        moBrighter += 0;
    }
    CHECK(moIntensity / double(mo) > 1.2 * sIntensity / s); // Mo (Z=42) outshines S2 (2 x Z=16)
    CHECK(threeFold == interior);
    const auto bondMean = f.column("bond_mean");
    CHECK(f.at(f.rows / 2, std::size_t(bondMean)) == Approx(1.0).margin(0.05));
    // Without an image only the geometry is there.
    const auto geometryOnly = computeDescriptors(nullptr, g);
    CHECK(geometryOnly.columnsWithPrefix("zernike_").empty());
    CHECK(geometryOnly.column("coordination") >= 0);
    DescriptorParams bad;
    bad.patchSize = 4;
    CHECK_THROWS_AS(computeDescriptors(nullptr, g, bad), std::invalid_argument);
}

TEST_CASE("describe: adjusted Rand index and the Gaussian mixture", "[describe]") {
    CHECK(adjustedRandIndex({0, 0, 1, 1}, {5, 5, 2, 2}) == Approx(1.0));
    CHECK(adjustedRandIndex({0, 0, 0, 1, 1, 1}, {0, 0, 1, 1, 2, 2}) ==
          Approx(0.24242424).epsilon(1e-6)); // sklearn
    CHECK(adjustedRandIndex({0, 1, -1}, {0, 1, 7}) == Approx(1.0));
    Random rng(3);
    std::vector<double> data;
    std::vector<int> truth;
    for (int i = 0; i < 900; ++i) {
        const int c = i % 3;
        data.push_back(rng.normal(c * 6.0, 1.0)), data.push_back(rng.normal(c == 1 ? 5.0 : 0.0, 0.5));
        truth.push_back(c);
    }
    std::vector<double> bic;
    const auto g = selectGaussianMixture(data, 2, 6, 1, &bic);
    CHECK(g.components == 3);
    CHECK(bic.size() == 6);
    CHECK(adjustedRandIndex(g.predict(data), truth) > 0.98);
}

namespace {

/// ARI of the motifs against the simulator's truth on one 512x512 preset image (truth positions as
/// atoms, motifs from ring-centred Zernike patches).
/// - mos2-phase: the motif domains (defect motifs enclosed in a phase take its label) against the 2H/1T
///   regions; the simulator's boundary band and the atoms within 2 bond lengths of it are left out.
/// - mos2-gb: the per-node motif labels (not the largest cluster = boundary) against the boundary of the
///   true structure: the columns on a non-hexagonal ring (5, 7, 4, 8, ...) of the truth graph, i.e. the
///   dislocation cores of the repaired seam. Grain columns within 2 bond lengths of a core column (where
///   every patch overlaps a core) are left out. `bandAri` receives the same score against the
///   simulator's straight band (columns within 1.5 bonds of the unrepaired seam line, see BENCHMARKS.md
///   for why that is not the boundary).
double regionAri(const std::string& preset, std::uint64_t seed, double* bandAri = nullptr) {
    SimulationParams sp;
    sp.preset = preset;
    sp.width = sp.height = 512;
    sp.seed = seed;
    const bool gb = preset == "mos2-gb";
    if (gb) sp.sSingleVacancy = 0;
    const auto sim = simulate(sp);
    std::vector<double> x, y;
    std::vector<std::string> region;
    for (const auto& t : sim.truth)
        if (t.cls != "empty") x.push_back(t.x), y.push_back(t.y), region.push_back(t.region);
    const auto g = buildGraph(x, y, x.size());
    const Image& image = sim.micrograph.frame(0);
    const auto f = computeDescriptors(&image, g);
    const auto rf = computeRingDescriptors(image, g);
    REQUIRE(rf.rows == g.ringCount());
    const auto m = discoverMotifs(g, f, {}, nullJobContext(), &rf);
    // Scores predicted against truth, leaving out non-boundary atoms within 2 bonds of a boundary atom.
    auto score = [&](const std::vector<char>& boundary, const std::vector<int>& labels, bool phase) {
        std::vector<double> bx, by;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (boundary[i]) bx.push_back(x[i]), by.push_back(y[i]);
        const PointIndex index(bx, by);
        std::vector<int> predicted, truth;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!boundary[i] && index.nearest(x[i], y[i]).second < 2.0 * g.bondLength) continue;
            if (phase) {
                if (boundary[i]) continue;
                predicted.push_back(labels[i]);
                truth.push_back(region[i] == "1T");
            } else {
                predicted.push_back(labels[i] < 0 ? -1 : labels[i] != 0); // not the matrix
                truth.push_back(boundary[i]);
            }
        }
        return adjustedRandIndex(predicted, truth);
    };
    std::vector<char> band(x.size(), 0), cores(x.size(), 0);
    for (std::size_t i = 0; i < x.size(); ++i) band[i] = region[i] == "boundary";
    if (!gb) return score(band, m.nodeDomains, true);
    for (std::size_t r = 0; r < g.ringCount(); ++r)
        if (g.ringSize(r) != 6)
            for (auto k = g.ringOffsets[r]; k < g.ringOffsets[r + 1]; ++k) cores[g.ringNodes[k]] = 1;
    if (bandAri) *bandAri = score(band, m.nodeLabels, false);
    return score(cores, m.nodeLabels, false);
}

} // namespace

TEST_CASE("describe: unsupervised motifs separate 1T from 2H and find the grain boundary",
          "[describe][motifs]") {
    // Settings (ring patch radius 0.7 periods, 2 principal components, Bhattacharyya merge distance
    // 1.5) were chosen on seeds 11-15 and checked on 21-25; these are seeds 1-5. Measured (and the
    // sensitivity to the radius and the merge distance): see BENCHMARKS.md, graph section.
    double phase = 0, gb = 0, gbBand = 0;
    const std::vector<std::uint64_t> seeds{1, 2, 3, 4, 5};
    for (auto s : seeds) {
        double band = 0;
        const double p = regionAri("mos2-phase", s), b = regionAri("mos2-gb", s, &band);
        UNSCOPED_INFO("seed " << s << ": 2H/1T ARI " << p << ", boundary/grain ARI " << b
                              << " (straight band " << band << ")");
        phase += p / double(seeds.size()), gb += b / double(seeds.size()),
            gbBand += band / double(seeds.size());
    }
    INFO("mean 2H/1T ARI " << phase << ", mean boundary/grain ARI " << gb << " (straight band " << gbBand
                           << ")");
    CHECK(phase >= 0.9);
    CHECK(gb >= 0.9);
}

TEST_CASE("describe: motifs nest into a containment hierarchy", "[describe][motifs]") {
    // A honeycomb whose cells carry a synthetic feature: 0 outside, 5 in a disk, 10 in a smaller disk.
    std::vector<double> x, y;
    const double b = 10, a = b * std::sqrt(3.0);
    for (int i = -30; i <= 30; ++i)
        for (int j = -30; j <= 30; ++j)
            for (int k = 0; k < 2; ++k) {
                const double px = 200 + a * (i + 0.5 * j) + (k ? a / 2 : 0),
                             py = 200 + a * std::sqrt(3.0) / 2 * j + (k ? b / 2 : 0);
                if (px >= 0 && py >= 0 && px < 400 && py < 400) x.push_back(px), y.push_back(py);
            }
    const auto g = buildGraph(x, y, x.size());
    FeatureMatrix f;
    f.names = {"zernike_1_1", "zernike_2_0"};
    f.rows = g.nodeCount();
    Random rng(5);
    for (std::size_t i = 0; i < f.rows; ++i) {
        const double r = std::hypot(x[i] - 200, y[i] - 200);
        const double v = r < 40 ? 10 : r < 110 ? 5 : 0;
        f.values.push_back(float(v + rng.normal(0, 0.3))), f.values.push_back(float(rng.normal(0, 0.3)));
    }
    MotifParams p;
    p.dimensions = 1;
    p.contrastInvariant = false; // the synthetic classes differ only in magnitude
    p.maxClusters = 3; // cells straddling two levels would otherwise form their own (nested) clusters
    const auto m = discoverMotifs(g, f, p);
    CHECK(m.clusterCount == 3);
    int maxLevel = 0;
    for (const auto& motif : m.motifs) maxLevel = std::max(maxLevel, motif.level);
    CHECK(maxLevel == 2);
    // The innermost motif's parent is the ring-shaped one, whose parent is the outer matrix.
    for (const auto& motif : m.motifs)
        if (motif.level == 2) {
            const auto& middle = m.motifs[std::size_t(motif.parent)];
            CHECK(middle.level == 1);
            CHECK(m.motifs[std::size_t(middle.parent)].touchesBorder);
            CHECK(std::hypot(motif.cx - 200, motif.cy - 200) < 10);
        }
    const auto json = nlohmann::json::parse(motifsToJson(m));
    CHECK(json.at("motifs").size() == m.motifs.size());
    CHECK(json.at("node_labels").size() == g.nodeCount());
}
