#include "core/data/PointIndex.h"

#include <nanoflann.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace atomlens {

struct PointIndex::Impl {
    struct Cloud {
        std::vector<double> x, y;
        std::size_t kdtree_get_point_count() const { return x.size(); }
        double kdtree_get_pt(std::size_t i, std::size_t dim) const { return dim == 0 ? x[i] : y[i]; }
        template <class B> bool kdtree_get_bbox(B&) const { return false; }
    };
    using Tree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Cloud>, Cloud, 2,
                                                     std::uint32_t>;
    Cloud cloud;
    std::unique_ptr<Tree> tree;
};

PointIndex::PointIndex(std::vector<double> x, std::vector<double> y) : m_impl(std::make_unique<Impl>()) {
    if (x.size() != y.size()) throw std::invalid_argument("PointIndex: x and y differ in size");
    m_impl->cloud.x = std::move(x);
    m_impl->cloud.y = std::move(y);
    m_impl->tree =
        std::make_unique<Impl::Tree>(2, m_impl->cloud, nanoflann::KDTreeSingleIndexAdaptorParams(12));
    if (!m_impl->cloud.x.empty()) m_impl->tree->buildIndex();
}

namespace {
std::vector<double> coordinates(const std::vector<Point2>& points, bool wantY) {
    std::vector<double> v(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) v[i] = wantY ? points[i].y : points[i].x;
    return v;
}

/// r^2 with the inclusive tolerance; nanoflann keeps d^2 < this bound, so radius 0 still finds d = 0.
double radiusBound(double radius) {
    return std::max(radius * radius * (1 + 1e-12), std::numeric_limits<double>::denorm_min());
}
} // namespace

PointIndex::PointIndex(const std::vector<Point2>& points)
    : PointIndex(coordinates(points, false), coordinates(points, true)) {}

PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;
PointIndex& PointIndex::operator=(PointIndex&&) noexcept = default;

std::size_t PointIndex::size() const {
    return m_impl->cloud.x.size();
}

Point2 PointIndex::point(std::size_t i) const {
    return {m_impl->cloud.x.at(i), m_impl->cloud.y.at(i)};
}

std::int64_t PointIndex::nearestWithin(double x, double y, double radius) const {
    if (size() == 0 || !(radius >= 0)) return -1;
    std::uint32_t index = 0;
    double d2 = 0;
    const double q[2] = {x, y};
    m_impl->tree->knnSearch(q, 1, &index, &d2);
    return d2 < radiusBound(radius) ? std::int64_t(index) : -1;
}

std::pair<std::int64_t, double> PointIndex::nearest(double x, double y) const {
    if (size() == 0) return {-1, std::numeric_limits<double>::infinity()};
    std::uint32_t index = 0;
    double d2 = 0;
    const double q[2] = {x, y};
    m_impl->tree->knnSearch(q, 1, &index, &d2);
    return {std::int64_t(index), std::sqrt(d2)};
}

std::vector<std::uint32_t> PointIndex::knn(double x, double y, std::size_t k) const {
    k = std::min(k, size());
    std::vector<std::uint32_t> idx(k);
    std::vector<double> d2(k);
    if (k == 0) return idx;
    const double q[2] = {x, y};
    const std::size_t found = m_impl->tree->knnSearch(q, k, idx.data(), d2.data());
    idx.resize(found);
    // Ties in the order the tree met them -> ties by index.
    for (std::size_t a = 0; a < found;) {
        std::size_t b = a + 1;
        while (b < found && d2[b] == d2[a]) ++b;
        std::sort(idx.begin() + std::ptrdiff_t(a), idx.begin() + std::ptrdiff_t(b));
        a = b;
    }
    return idx;
}

std::vector<std::pair<std::uint32_t, double>> PointIndex::within(double x, double y, double radius) const {
    std::vector<std::pair<std::uint32_t, double>> hits;
    within(x, y, radius, hits, true);
    return hits;
}

void PointIndex::within(double x, double y, double radius,
                        std::vector<std::pair<std::uint32_t, double>>& hits, bool sorted) const {
    hits.clear();
    if (size() == 0 || !(radius >= 0)) return;
    const double q[2] = {x, y};
    m_impl->tree->radiusSearch(q, radiusBound(radius), hits, nanoflann::SearchParams(32, 0, false));
    if (sorted)
        std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
            return a.second < b.second || (a.second == b.second && a.first < b.first);
        });
    for (auto& h : hits) h.second = std::sqrt(h.second);
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> PointIndex::pairsWithin(double radius) const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    std::vector<std::pair<std::uint32_t, double>> hits;
    std::vector<std::uint32_t> later;
    for (std::size_t i = 0; i < size(); ++i) {
        within(m_impl->cloud.x[i], m_impl->cloud.y[i], radius, hits, false);
        later.clear();
        for (const auto& h : hits)
            if (h.first > i) later.push_back(h.first);
        std::sort(later.begin(), later.end());
        for (std::uint32_t j : later) pairs.emplace_back(std::uint32_t(i), j);
    }
    return pairs;
}

} // namespace atomlens
