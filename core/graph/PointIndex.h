#pragma once
#include <cstdint>
#include <memory>
#include <vector>

namespace atomlens {

/// A k-d tree over 2-D points (nanoflann) for nearest-neighbour, kNN and radius queries. Points are
/// copied in; indices returned are positions in the input vectors. Queries are thread-safe.
class PointIndex {
public:
    /// Builds the tree over (x[i], y[i]); x and y must have equal sizes.
    PointIndex(std::vector<double> x, std::vector<double> y);
    ~PointIndex();
    PointIndex(PointIndex&&) noexcept;
    PointIndex& operator=(PointIndex&&) noexcept;

    std::size_t size() const;
    /// Index of the point nearest to (x, y) and its distance, or (-1, inf) for an empty index.
    std::pair<std::int64_t, double> nearest(double x, double y) const;
    /// Up to k nearest points, nearest first (the query point itself is included when it is in the set).
    std::vector<std::uint32_t> knn(double x, double y, std::size_t k) const;
    /// All points within `radius` (inclusive), nearest first, with their distances.
    std::vector<std::pair<std::uint32_t, double>> within(double x, double y, double radius) const;
    /// The same into a reused vector (no allocation in tight loops); unsorted unless `sorted`.
    void within(double x, double y, double radius, std::vector<std::pair<std::uint32_t, double>>& out,
                bool sorted) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace atomlens
