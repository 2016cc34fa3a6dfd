#pragma once
#include "core/data/Point2.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace atomlens {

/// The one spatial index of the code base: a k-d tree over 2-D points (nanoflann) for nearest-neighbour,
/// kNN and radius queries. Points are copied in; indices returned are positions in the input vectors.
/// Queries are thread-safe. Distances are Euclidean; "within r" is inclusive (a relative tolerance of
/// 1e-12 on r^2 keeps points exactly at r, radius 0 finds exact duplicates of the query point). Sorted
/// results are nearest first with ties by ascending index, so callers get a deterministic order.
class PointIndex {
public:
    /// Builds the tree over (x[i], y[i]); x and y must have equal sizes.
    PointIndex(std::vector<double> x, std::vector<double> y);
    /// Builds the tree over the points.
    explicit PointIndex(const std::vector<Point2>& points);
    ~PointIndex();
    PointIndex(PointIndex&&) noexcept;
    PointIndex& operator=(PointIndex&&) noexcept;

    /// Number of points held.
    std::size_t size() const;
    /// The i-th point as given.
    Point2 point(std::size_t i) const;
    /// Index of the point nearest to (x, y) and its distance, or (-1, inf) for an empty index.
    /// With ties, one of the tied points.
    std::pair<std::int64_t, double> nearest(double x, double y) const;
    /// Index of the point nearest to (x, y) if it lies within `radius` (inclusive), else -1.
    std::int64_t nearestWithin(double x, double y, double radius) const;
    /// Up to k nearest points, nearest first, ties by index (the query point itself is included when it
    /// is in the set; which of several points tied at the k-th distance are kept is unspecified).
    std::vector<std::uint32_t> knn(double x, double y, std::size_t k) const;
    /// All points within `radius` (inclusive), nearest first, with their distances.
    std::vector<std::pair<std::uint32_t, double>> within(double x, double y, double radius) const;
    /// The same into a reused vector (no allocation in tight loops); unsorted unless `sorted`.
    void within(double x, double y, double radius, std::vector<std::pair<std::uint32_t, double>>& out,
                bool sorted) const;

    /// All pairs (i, j), i < j, at most `radius` apart (inclusive), ordered by i then j.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairsWithin(double radius) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace atomlens
