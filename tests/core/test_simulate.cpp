#include "tests/TestSupport.h"

#include "core/base/Random.h"
#include "core/simulate/Simulator.h"

#include <cmath>
#include <map>
#include <set>

using namespace atomlens;

namespace {

std::map<std::string, int> countBy(const std::vector<TruthColumn>& truth, std::string TruthColumn::*field) {
    std::map<std::string, int> counts;
    for (const auto& t : truth) ++counts[t.*field];
    return counts;
}

int neighboursWithin(const std::vector<TruthColumn>& truth, const TruthColumn& c, double radius) {
    int n = 0;
    for (const auto& o : truth) {
        const double d = std::hypot(o.x - c.x, o.y - c.y);
        if (d > 1e-9 && d < radius && o.cls != "empty") ++n;
    }
    return n;
}

} // namespace

TEST_CASE("Random: Poisson and normal samplers have the right moments", "[simulate][random]") {
    Random rng(42);
    for (double lambda : {0.5, 3.0, 50.0, 5000.0}) {
        double sum = 0, sum2 = 0;
        const int n = 40000;
        for (int i = 0; i < n; ++i) {
            const double k = double(rng.poisson(lambda));
            sum += k, sum2 += k * k;
        }
        const double mean = sum / n, var = sum2 / n - mean * mean;
        INFO("lambda " << lambda);
        CHECK(mean == Approx(lambda).epsilon(0.02).margin(0.02));
        CHECK(var == Approx(lambda).epsilon(0.05).margin(0.05));
    }
    double s = 0, s2 = 0;
    for (int i = 0; i < 40000; ++i) {
        const double v = rng.normal();
        s += v, s2 += v * v;
    }
    CHECK(s / 40000 == Approx(0).margin(0.02));
    CHECK(s2 / 40000 == Approx(1).epsilon(0.03));
}

TEST_CASE("Simulation is deterministic per seed", "[simulate]") {
    SimulationParams p;
    p.width = p.height = 128;
    p.seed = 7;
    const auto a = simulate(p), b = simulate(p);
    CHECK(a.micrograph.frame(0).pixels() == b.micrograph.frame(0).pixels());
    REQUIRE(a.truth.size() == b.truth.size());
    for (std::size_t i = 0; i < a.truth.size(); ++i) CHECK(a.truth[i].x == b.truth[i].x);
    p.seed = 8;
    CHECK(simulate(p).micrograph.frame(0).pixels() != a.micrograph.frame(0).pixels());
}

TEST_CASE("MoS2 preset: geometry, species and defects are as designed", "[simulate][mos2]") {
    SimulationParams p;
    p.seed = 3;
    const auto r = simulate(p);
    const auto classes = countBy(r.truth, &TruthColumn::cls);
    CHECK(classes.at("Mo") > 500);
    CHECK(classes.at("S2") > 500);
    CHECK(classes.at("S1") > 10);
    CHECK(classes.at("empty") > 3);
    CHECK(classes.at("dopant") > 3);
    const auto defects = countBy(r.truth, &TruthColumn::defect);
    CHECK(defects.at("line") >= 6);
    CHECK(defects.at("single") > 10);
    // Each Mo has three S sites at a/sqrt(3) = 1.824 A (11.4 px at 0.16 A/px) in projection.
    const double bondPx = 3.16 / std::sqrt(3.0) / r.pixelSize;
    int checked = 0;
    for (const auto& t : r.truth) {
        if (t.site != "Mo" || t.x < 20 || t.y < 20 || t.x > 490 || t.y > 490) continue;
        int sNeighbours = 0;
        for (const auto& o : r.truth)
            if (o.site == "S" && std::fabs(std::hypot(o.x - t.x, o.y - t.y) - bondPx) < 0.15) ++sNeighbours;
        CHECK(sNeighbours == 3);
        if (++checked == 25) break;
    }
    CHECK(r.micrograph.calibration.pixelSizeX == Approx(0.016));
    CHECK(r.micrograph.calibration.unit == "nm");
}

TEST_CASE("MoS2 contrast follows Z^1.7 and counts scale with dose", "[simulate][mos2]") {
    SimulationParams p;
    p.seed = 11;
    p.dose = 1e6;
    p.jitter = 0;
    p.backgroundVariation = 0;
    const auto r = simulate(p);
    const Image& img = r.micrograph.frame(0);
    auto meanAt = [&](const std::string& cls) {
        double s = 0;
        int n = 0;
        for (const auto& t : r.truth)
            if (t.cls == cls && t.x > 2 && t.y > 2 && t.x < 509 && t.y < 509) s += img.sample(t.x, t.y), ++n;
        return s / n;
    };
    const double perPixel = p.dose * r.pixelSize * r.pixelSize;
    const double bg = p.background * perPixel;
    const double mo = meanAt("Mo") - bg, s2 = meanAt("S2") - bg, s1 = meanAt("S1") - bg;
    // Peak heights of the columns (bilinear sampling at sub-pixel truth lowers them equally).
    CHECK(s2 / mo == Approx(2 * std::pow(16.0, 1.7) / std::pow(42.0, 1.7)).epsilon(0.05));
    CHECK(s1 / s2 == Approx(0.5).epsilon(0.06));
    p.dose = 1e5;
    const auto low = simulate(p);
    CHECK(imageStats(low.micrograph.frame(0)).mean / imageStats(img).mean == Approx(0.1).epsilon(0.01));
}

TEST_CASE("Phase preset has 2H and 1T domains with a boundary", "[simulate][phase]") {
    SimulationParams p;
    p.preset = "mos2-phase";
    p.seed = 5;
    const auto r = simulate(p);
    const auto regions = countBy(r.truth, &TruthColumn::region);
    CHECK(regions.at("2H") > 300);
    CHECK(regions.at("1T") > 300);
    CHECK(regions.at("boundary") > 30);
    // In 1T the S sites hold single S columns; Mo has six S neighbours in projection.
    int oneTS = 0, oneTS2 = 0;
    for (const auto& t : r.truth)
        if (t.region == "1T" && t.site == "S") (t.cls == "S2" ? oneTS2 : oneTS)++;
    CHECK(oneTS > 100);
    CHECK(oneTS2 == 0);
}

TEST_CASE("Grain-boundary preset: two grains, a relaxed seam without overlaps", "[simulate][gb]") {
    SimulationParams p;
    p.preset = "mos2-gb";
    p.seed = 9;
    p.tiltDeg = 22;
    const auto r = simulate(p);
    const auto regions = countBy(r.truth, &TruthColumn::region);
    CHECK(regions.at("grainA") > 300);
    CHECK(regions.at("grainB") > 300);
    CHECK(regions.at("boundary") > 20);
    const double bondPx = 3.16 / std::sqrt(3.0) / r.pixelSize;
    double minDistance = 1e9;
    int irregular = 0;
    for (const auto& t : r.truth) {
        if (t.region != "boundary") continue;
        for (const auto& o : r.truth)
            if (&o != &t) minDistance = std::min(minDistance, std::hypot(o.x - t.x, o.y - t.y));
        if (t.x > 15 && t.y > 15 && t.x < 497 && t.y < 497 &&
            neighboursWithin(r.truth, t, 1.25 * bondPx) != 3)
            ++irregular;
    }
    CHECK(minDistance > 0.7 * bondPx);
    CHECK(irregular > 0); // the seam is not a perfect honeycomb
}

TEST_CASE("Graphene preset: Si dopants are 3- and 4-fold coordinated", "[simulate][graphene]") {
    SimulationParams p;
    p.preset = "graphene-si";
    p.seed = 2;
    const auto r = simulate(p);
    const auto classes = countBy(r.truth, &TruthColumn::cls);
    CHECK(classes.at("Si3") == 4);
    CHECK(classes.at("Si4") == 3);
    const double bondPx = 1.42 / r.pixelSize;
    for (const auto& t : r.truth) {
        // Si-C bonds of the 4-fold Si are 1.88 A (the divacancy geometry), below the 2.46 A second shell.
        if (t.cls == "Si3") CHECK(neighboursWithin(r.truth, t, 1.45 * bondPx) == 3);
        if (t.cls == "Si4") CHECK(neighboursWithin(r.truth, t, 1.45 * bondPx) == 4);
    }
}

TEST_CASE("Perovskite preset: A, B and O columns on a square lattice", "[simulate][perovskite]") {
    SimulationParams p;
    p.preset = "perovskite";
    p.seed = 4;
    const auto classes = countBy(simulate(p).truth, &TruthColumn::cls);
    CHECK(classes.at("A") > 100);
    CHECK(classes.at("B") == Approx(classes.at("A")).epsilon(0.1));
    CHECK(classes.at("O") == Approx(2 * classes.at("B")).epsilon(0.1));
}

TEST_CASE("Strain stretches the lattice by the requested amount", "[simulate][strain]") {
    SimulationParams p;
    p.seed = 1;
    p.rotationDeg = 0;
    p.strainXX = 0.02;
    p.sSingleVacancy = p.sEmpty = p.moVacancy = p.heavyDopant = p.lightDopant = 0;
    p.vacancyLines = 0;
    p.jitter = 0;
    const auto r = simulate(p);
    // With rotation 0, Mo rows run along x with period a (1 + exx).
    double best = 1e9;
    const TruthColumn* centre = nullptr;
    for (const auto& t : r.truth)
        if (t.site == "Mo" && std::hypot(t.x - 256, t.y - 256) < best)
            best = std::hypot(t.x - 256, t.y - 256), centre = &t;
    REQUIRE(centre);
    double nearestAlongX = 1e9;
    for (const auto& t : r.truth)
        if (t.site == "Mo" && std::fabs(t.y - centre->y) < 0.5 && t.x > centre->x + 1)
            nearestAlongX = std::min(nearestAlongX, t.x - centre->x);
    CHECK(nearestAlongX * r.pixelSize == Approx(3.16 * 1.02).epsilon(1e-6));
}

TEST_CASE("Frame series: identities persist, vacancies move and are conserved", "[simulate][series]") {
    SimulationParams p;
    p.seed = 21;
    p.width = p.height = 256;
    p.frames = 6;
    p.hopProbability = 0.5;
    p.frameDrift = 0;
    const auto r = simulate(p);
    REQUIRE(r.micrograph.frameCount() == 6);
    std::map<int, std::map<int, std::string>> classByFrameAndId;
    for (const auto& t : r.truth) classByFrameAndId[t.frame][t.id] = t.cls;
    auto vacancies = [&](int f) {
        int n = 0;
        for (const auto& [id, cls] : classByFrameAndId[f]) n += cls == "S1" || cls == "empty";
        return n;
    };
    int changed = 0;
    for (const auto& [id, cls] : classByFrameAndId[0])
        if (classByFrameAndId[5].count(id) && classByFrameAndId[5][id] != cls) ++changed;
    CHECK(changed > 0);
    // Hops between sites inside the image conserve vacancies up to the few at the border.
    CHECK(std::abs(vacancies(5) - vacancies(0)) <= 3);
}

TEST_CASE("Simulation refuses bad parameters with a message", "[simulate][bad-input]") {
    SimulationParams p;
    p.preset = "nonsense";
    CHECK_THROWS_AS(simulate(p), std::invalid_argument);
    p.preset = "mos2";
    p.dose = -1;
    CHECK_THROWS_AS(simulate(p), std::invalid_argument);
    p.dose = 1e5;
    p.width = 0;
    CHECK_THROWS_AS(simulate(p), std::invalid_argument);
}
