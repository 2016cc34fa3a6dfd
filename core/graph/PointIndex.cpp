#include "core/graph/PointIndex.h"

#include <nanoflann.hpp>

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

PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;
PointIndex& PointIndex::operator=(PointIndex&&) noexcept = default;

std::size_t PointIndex::size() const {
    return m_impl->cloud.x.size();
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
    m_impl->tree->radiusSearch(q, radius * radius * (1 + 1e-12), hits,
                               nanoflann::SearchParams(32, 0, sorted));
    for (auto& h : hits) h.second = std::sqrt(h.second);
}

} // namespace atomlens
