#pragma once
#include <string>
#include <vector>

namespace atomlens {

/// A small CSV table with a header row: the exchange format of atoms, labels and ground truth.
/// Quoting follows RFC 4180 (fields with commas, quotes or newlines are quoted).
class CsvTable {
public:
    CsvTable() = default;
    explicit CsvTable(std::vector<std::string> header) : m_header(std::move(header)) {}

    const std::vector<std::string>& header() const { return m_header; }
    std::size_t rowCount() const { return m_rows.size(); }
    const std::vector<std::string>& row(std::size_t i) const { return m_rows.at(i); }
    void addRow(std::vector<std::string> row);

    /// Index of a column (case-insensitive, surrounding spaces ignored), or -1.
    int column(const std::string& name) const;
    /// Index of a column; throws InputError naming `source` when it is missing.
    int requireColumn(const std::string& name, const std::string& source) const;
    /// A cell as a number; throws InputError naming the source, row and column when it is not one.
    double number(std::size_t row, int column, const std::string& source) const;
    const std::string& text(std::size_t row, int column) const {
        return m_rows.at(row).at(std::size_t(column));
    }

    /// Parses CSV text. Throws InputError naming `source` for an empty text or ragged rows.
    static CsvTable parse(const std::string& text, const std::string& source);
    /// Reads a file (InputError on failure).
    static CsvTable read(const std::string& path);
    std::string toString() const;
    /// Writes atomically.
    void write(const std::string& path) const;

private:
    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_rows;
};

/// Formats a double compactly and exactly enough for pixel positions ("%.6g"-like, never "nan").
std::string formatNumber(double value, int precision = 6);

} // namespace atomlens
