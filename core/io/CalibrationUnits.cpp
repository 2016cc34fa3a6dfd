#include "core/io/CalibrationUnits.h"

#include "core/data/Units.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace atomlens {

std::string canonicalUnit(const std::string& raw) {
    std::size_t a = 0, b = raw.size();
    while (a < b && (std::isspace(static_cast<unsigned char>(raw[a])) || raw[a] == '\0')) ++a;
    while (b > a && (std::isspace(static_cast<unsigned char>(raw[b - 1])) || raw[b - 1] == '\0')) --b;
    const std::string text = raw.substr(a, b - a);
    if (text.empty() || text == "<undefined>" || text == "px" || text == "pixel" || text == "pixels")
        return "px";
    const auto u = parseLengthUnit(text);
    if (!u) return text;
    std::string base = u->reciprocal ? u->symbol.substr(2) : u->symbol;
    if (base == "um") base = "\xC2\xB5m";
    if (base == "A") base = "\xC3\x85";
    return u->reciprocal ? "1/" + base : base;
}

double metresPerUnit(const std::string& symbol) {
    const auto u = parseLengthUnit(symbol);
    return u && !u->reciprocal ? u->metres : 0.0;
}

CompactLength compactLength(double valueMetres, double fieldMetres) {
    static const struct {
        const char* unit;
        double metres;
    } units[] = {{"pm", 1e-12}, {"nm", 1e-9}, {"\xC2\xB5m", 1e-6}, {"mm", 1e-3}, {"m", 1.0}};
    const double half = std::fabs(fieldMetres) / 2;
    CompactLength out{valueMetres * 1e9, "nm"};
    if (!(half > 0) || !std::isfinite(half)) return out;
    for (const auto& u : units) {
        out = {valueMetres / u.metres, u.unit};
        if (half / u.metres < 1000) break;
    }
    return out;
}

std::string numberText(double value) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    std::string s = buf;
    // Prefer the shortest text that reads back to the same double.
    for (int precision = 6; precision < 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, value);
        if (std::strtod(buf, nullptr) == value) return buf;
    }
    return s;
}

} // namespace atomlens
