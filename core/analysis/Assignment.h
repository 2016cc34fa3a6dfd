#pragma once
#include <cstddef>
#include <vector>

namespace atomlens {

/// A candidate pairing of row `row` with column `col` at a cost (e.g. squared distance).
struct AssignmentCandidate {
    std::size_t row = 0, col = 0;
    double cost = 0;
};

/// Minimum-cost one-to-one assignment over a sparse set of allowed pairs (pairs not listed are
/// forbidden): the assignment with the most pairs, and among those the least total cost. Rows and
/// columns that share no candidate stay unassigned. The problem is split into connected components
/// of the candidate graph and each is solved exactly with the Hungarian method (components are small
/// when a distance gate produced the candidates). Returns, per row, the assigned column or -1.
std::vector<long> solveAssignment(std::size_t rows, std::size_t cols,
                                  const std::vector<AssignmentCandidate>& candidates);

} // namespace atomlens
