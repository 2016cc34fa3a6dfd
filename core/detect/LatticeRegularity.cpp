#include "core/detect/LatticeRegularity.h"

#include "core/data/PointIndex.h"
#include "core/job/ParallelFor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace atomlens {

double nearestNeighbourRegularity(const AtomTable& atoms, JobContext& job) {
    const std::size_t n = atoms.size();
    if (n < 8) return -1;
    const std::vector<double>&x = atoms.xs(), &y = atoms.ys();
    const PointIndex index(x, y);
    std::vector<double> nearest(n, 0.0);
    parallelFor(
        n, 4096,
        [&](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i) {
                const auto two = index.knn(x[i], y[i], 2); // the atom itself and its nearest neighbour
                const std::uint32_t j = two.size() > 1 ? (two[0] == i ? two[1] : two[0]) : std::uint32_t(i);
                nearest[i] = std::hypot(x[j] - x[i], y[j] - y[i]);
            }
        },
        job);
    std::vector<double> sorted = nearest;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(n / 2), sorted.end());
    const double median = sorted[n / 2];
    if (!(median > 0)) return 0;
    const auto regular = std::count_if(nearest.begin(), nearest.end(),
                                       [&](double d) { return std::fabs(d - median) < 0.2 * median; });
    return double(regular) / double(n);
}

bool warnIfDetectionsNotLattice(const AtomTable& atoms, JobContext& job) {
    const double regularity = nearestNeighbourRegularity(atoms, job);
    if (regularity >= 0.5) return false;
    char share[32];
    std::snprintf(share, sizeof share, "%.0f%%", 100 * std::max(0.0, regularity));
    job.log(JobContext::LogLevel::Warning,
            "no lattice found among the detections: " + std::to_string(atoms.size()) + " detections, " +
                (regularity < 0 ? std::string("too few to form a lattice")
                                : std::string(share) + " at the typical neighbour distance") +
                " although the FFT suggested one (low confidence: noise, or too small an image?)");
    return true;
}

} // namespace atomlens
