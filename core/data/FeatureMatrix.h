#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace atomlens {

/// Per-node features as a plain row-major float matrix (nodes x features) with a name per column, the
/// form EGNN models, clustering and the GUI's tables consume.
struct FeatureMatrix {
    std::vector<std::string> names; ///< one per column
    std::size_t rows = 0;
    std::vector<float> values; ///< rows * names.size(), row-major

    std::size_t cols() const { return names.size(); }
    float at(std::size_t row, std::size_t col) const { return values[row * names.size() + col]; }
    float& at(std::size_t row, std::size_t col) { return values[row * names.size() + col]; }
    /// Index of a column by name, or -1.
    int column(const std::string& name) const {
        for (std::size_t c = 0; c < names.size(); ++c)
            if (names[c] == name) return int(c);
        return -1;
    }
    /// Columns whose name starts with prefix, in order.
    std::vector<std::size_t> columnsWithPrefix(const std::string& prefix) const {
        std::vector<std::size_t> out;
        for (std::size_t c = 0; c < names.size(); ++c)
            if (names[c].rfind(prefix, 0) == 0) out.push_back(c);
        return out;
    }
};

} // namespace atomlens
