#include "core/io/CsvTable.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace atomlens {
namespace {

std::string trimLower(std::string s) {
    const auto b = s.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    const auto e = s.find_last_not_of(" \t\r\n");
    s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string quote(const std::string& field) {
    if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
    std::string out = "\"";
    for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

void CsvTable::addRow(std::vector<std::string> row) {
    row.resize(m_header.size());
    m_rows.push_back(std::move(row));
}

int CsvTable::column(const std::string& name) const {
    const std::string want = trimLower(name);
    for (std::size_t i = 0; i < m_header.size(); ++i)
        if (trimLower(m_header[i]) == want) return int(i);
    return -1;
}

int CsvTable::requireColumn(const std::string& name, const std::string& source) const {
    const int c = column(name);
    if (c < 0) throw InputError(source, "the table has no '" + name + "' column");
    return c;
}

double CsvTable::number(std::size_t r, int c, const std::string& source) const {
    const std::string& cell = m_rows.at(r).at(std::size_t(c));
    char* end = nullptr;
    const double v = std::strtod(cell.c_str(), &end);
    if (cell.empty() || end == cell.c_str() || !std::isfinite(v))
        throw InputError(source, "row " + std::to_string(r + 2) + ", column '" + m_header[std::size_t(c)] +
                                     "': '" + cell + "' is not a finite number");
    return v;
}

CsvTable CsvTable::parse(const std::string& text, const std::string& source) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool inQuotes = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"')
                    field += '"', ++i;
                else
                    inQuotes = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            inQuotes = true, any = true;
        } else if (c == ',') {
            record.push_back(field), field.clear(), any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !field.empty()) record.push_back(field);
            if (!record.empty()) records.push_back(record);
            record.clear(), field.clear(), any = false;
        } else {
            field += c, any = true;
        }
    }
    if (inQuotes) throw InputError(source, "unterminated quoted field in CSV");
    if (any || !field.empty()) record.push_back(field);
    if (!record.empty()) records.push_back(record);
    if (records.empty()) throw InputError(source, "the CSV file is empty (no header row)");
    CsvTable t(records.front());
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].size() != t.m_header.size())
            throw InputError(source, "row " + std::to_string(r + 1) + " has " +
                                         std::to_string(records[r].size()) + " fields, the header has " +
                                         std::to_string(t.m_header.size()));
        t.m_rows.push_back(std::move(records[r]));
    }
    return t;
}

CsvTable CsvTable::read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open the CSV file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), path);
}

std::string CsvTable::toString() const {
    std::ostringstream out;
    auto line = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << quote(fields[i]);
        out << '\n';
    };
    line(m_header);
    for (const auto& r : m_rows) line(r);
    return out.str();
}

void CsvTable::write(const std::string& path) const {
    const std::string text = toString();
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        out.close();
        if (!out) throw InputError(path, "cannot write the CSV file (disk full or no permission?)");
    });
}

std::string formatNumber(double value, int precision) {
    if (!std::isfinite(value)) return "";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    return buffer;
}

} // namespace atomlens
