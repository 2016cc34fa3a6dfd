#pragma once
// Comparing EGNN predictions in tests.
#include "core/nn/EgnnInput.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

namespace atomlens::test {

/// The largest absolute difference between two predictions' probabilities (same shape required).
inline double maxDifference(const EgnnPrediction& a, const EgnnPrediction& b) {
    REQUIRE(a.itemCount == b.itemCount);
    REQUIRE(a.probabilities.size() == b.probabilities.size());
    double d = 0;
    for (std::size_t i = 0; i < a.probabilities.size(); ++i)
        d = std::max(d, double(std::fabs(a.probabilities[i] - b.probabilities[i])));
    return d;
}

} // namespace atomlens::test
