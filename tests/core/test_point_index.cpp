// The one spatial index (core/data/PointIndex) against brute force: random points with a fixed seed,
// exact duplicates, points on integer "cell borders" at exactly the query radius, empty sets, radius 0.
#include "tests/TestSupport.h"

#include "core/base/Random.h"
#include "core/data/PointIndex.h"

#include <algorithm>
#include <cmath>
#include <set>

using namespace atomlens;

namespace {

struct Hit {
    double d;
    std::uint32_t i;
    bool operator<(const Hit& o) const { return d < o.d || (d == o.d && i < o.i); }
};

/// Every point with its distance to (qx, qy), nearest first, ties by index.
std::vector<Hit> bruteForce(const std::vector<Point2>& pts, double qx, double qy) {
    std::vector<Hit> all;
    for (std::uint32_t i = 0; i < pts.size(); ++i)
        all.push_back({std::hypot(pts[i].x - qx, pts[i].y - qy), i});
    std::sort(all.begin(), all.end());
    return all;
}

/// Checks every query kind at (qx, qy) against brute force.
void checkQueries(const std::vector<Point2>& pts, const PointIndex& index, double qx, double qy, double r,
                  std::size_t k) {
    const auto all = bruteForce(pts, qx, qy);
    // Radius query: same set, same (distance, index) order, exact distances.
    std::vector<std::pair<std::uint32_t, double>> expect;
    for (const auto& h : all)
        if (h.d <= r) expect.push_back({h.i, h.d});
    const auto hits = index.within(qx, qy, r);
    REQUIRE(hits.size() == expect.size());
    for (std::size_t j = 0; j < hits.size(); ++j) {
        CHECK(hits[j].first == expect[j].first);
        CHECK(hits[j].second == Approx(expect[j].second).margin(1e-12));
    }
    std::vector<std::pair<std::uint32_t, double>> unsorted;
    index.within(qx, qy, r, unsorted, false);
    std::set<std::uint32_t> a, b;
    for (const auto& h : unsorted) a.insert(h.first);
    for (const auto& h : expect) b.insert(h.first);
    CHECK(a == b);
    // k nearest: the same distances in order; indices equal where the distance is not tied.
    const auto knn = index.knn(qx, qy, k);
    REQUIRE(knn.size() == std::min(k, pts.size()));
    for (std::size_t j = 0; j < knn.size(); ++j) {
        const std::uint32_t i = knn[j];
        CHECK(std::hypot(pts[i].x - qx, pts[i].y - qy) == Approx(all[j].d).margin(1e-12));
        const bool tied =
            (j > 0 && all[j - 1].d == all[j].d) || (j + 1 < all.size() && all[j + 1].d == all[j].d);
        if (!tied) CHECK(i == all[j].i);
        if (j > 0 && std::hypot(pts[knn[j - 1]].x - qx, pts[knn[j - 1]].y - qy) ==
                         std::hypot(pts[i].x - qx, pts[i].y - qy))
            CHECK(knn[j - 1] < i); // ties by index
    }
    // Nearest and nearest within r.
    const auto nearest = index.nearest(qx, qy);
    if (pts.empty()) {
        CHECK(nearest.first == -1);
        CHECK(index.nearestWithin(qx, qy, r) == -1);
        return;
    }
    CHECK(nearest.second == Approx(all[0].d).margin(1e-12));
    CHECK(std::hypot(pts[std::size_t(nearest.first)].x - qx, pts[std::size_t(nearest.first)].y - qy) ==
          Approx(all[0].d).margin(1e-12));
    const std::int64_t within = index.nearestWithin(qx, qy, r);
    if (all[0].d <= r) {
        REQUIRE(within >= 0);
        CHECK(std::hypot(pts[std::size_t(within)].x - qx, pts[std::size_t(within)].y - qy) ==
              Approx(all[0].d).margin(1e-12));
    } else {
        CHECK(within == -1);
    }
}

} // namespace

TEST_CASE("point index: random points agree with brute force", "[data][pointindex]") {
    Random rng(3);
    std::vector<Point2> pts(2000);
    for (auto& p : pts) p = {rng.uniform(0, 100), rng.uniform(0, 80)};
    const PointIndex index(pts);
    REQUIRE(index.size() == pts.size());
    CHECK(index.point(17) == pts[17]);
    Random queries(9);
    for (int q = 0; q < 200; ++q)
        checkQueries(pts, index, queries.uniform(-5, 105), queries.uniform(-5, 85), queries.uniform(0, 8), 7);
}

TEST_CASE("point index: duplicates and points on cell borders at exactly the radius", "[data][pointindex]") {
    // An integer lattice with every point twice (and some three times): distances from lattice and
    // half-lattice queries tie a lot and many points lie exactly at integer radii.
    std::vector<Point2> pts;
    for (int y = 0; y < 12; ++y)
        for (int x = 0; x < 12; ++x) pts.push_back({double(x), double(y)});
    const std::size_t base = pts.size();
    for (std::size_t i = 0; i < base; ++i) pts.push_back(pts[i]);
    for (std::size_t i = 0; i < base; i += 5) pts.push_back(pts[i]);
    const PointIndex index(pts);
    for (double qy : {0.0, 3.0, 5.5, 11.0, 12.0})
        for (double qx : {0.0, 2.0, 4.5, 7.0, -1.0})
            for (double r : {0.0, 1.0, 2.0, std::sqrt(2.0), 2.5, 5.0})
                for (std::size_t k : {std::size_t(1), std::size_t(4), std::size_t(9)})
                    checkQueries(pts, index, qx, qy, r, k);
    // Radius 0 at a lattice point finds exactly its copies, in index order.
    const auto copies = index.within(3, 0, 0);
    REQUIRE(copies.size() == 2);
    CHECK(copies[0].first == 3);
    CHECK(copies[1].first == 3 + base);
    CHECK(index.nearestWithin(3, 0, 0) >= 0);
    CHECK(index.nearestWithin(3.5, 0, 0) == -1);
    // A point exactly at r (integer distance 5 via 3-4-5) is inside.
    bool found = false;
    for (const auto& [i, d] : index.within(0, 0, 5)) found |= pts[i] == Point2{3, 4};
    CHECK(found);
}

TEST_CASE("point index: empty and tiny sets", "[data][pointindex]") {
    const PointIndex empty(std::vector<Point2>{});
    CHECK(empty.size() == 0);
    checkQueries({}, empty, 0, 0, 1, 3);
    CHECK(empty.knn(0, 0, 3).empty());
    CHECK(empty.within(0, 0, 0).empty());
    CHECK(PointIndex({}, {}).nearest(0, 0).first == -1);
    const std::vector<Point2> one{{2, 2}};
    const PointIndex single(one);
    checkQueries(one, single, 2, 2, 0, 3);
    checkQueries(one, single, 0, 0, 1, 1);
    CHECK(single.within(0, 0, -1).empty()); // a negative radius finds nothing
    CHECK_THROWS(PointIndex({1, 2}, {1}));
}

TEST_CASE("point index: pairs within a radius agree with brute force", "[data][pointindex]") {
    Random rng(5);
    std::vector<Point2> pts(600);
    for (auto& p : pts) p = {std::round(rng.uniform(0, 40)), std::round(rng.uniform(0, 30))}; // duplicates
    const PointIndex index(pts);
    for (double r : {0.0, 1.0, 2.0, 3.5}) {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> expect;
        for (std::uint32_t i = 0; i < pts.size(); ++i)
            for (std::uint32_t j = i + 1; j < pts.size(); ++j)
                if (std::hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y) <= r) expect.push_back({i, j});
        CHECK(index.pairsWithin(r) == expect);
    }
    CHECK(PointIndex(std::vector<Point2>{}).pairsWithin(1).empty());
}
