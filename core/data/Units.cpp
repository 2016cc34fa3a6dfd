#include "core/data/Units.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace atomlens {
namespace {

std::string normalise(std::string s) {
    // Trim and lower-case ASCII; map the micro and angstrom signs (UTF-8 and Latin-1) to ASCII.
    auto replaceAll = [&](const std::string& a, const std::string& b) {
        for (std::size_t p = s.find(a); p != std::string::npos; p = s.find(a, p + b.size()))
            s.replace(p, a.size(), b);
    };
    replaceAll("\xC2\xB5", "u");     // U+00B5 micro sign
    replaceAll("\xCE\xBC", "u");     // U+03BC greek mu
    replaceAll("\xC3\x85", "A");     // U+00C5 A with ring
    replaceAll("\xE2\x84\xAB", "A"); // U+212B angstrom sign
    replaceAll("\xB5", "u");         // Latin-1 micro
    replaceAll("\xC5", "A");         // Latin-1 A ring
    std::string out;
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}

std::optional<LengthUnit> plainUnit(const std::string& raw) {
    if (raw == "A" || raw == "Angstrom" || raw == "angstrom" || raw == "Ang" || raw == "ang" ||
        raw == "Angstroms")
        return LengthUnit{"A", 1e-10, false};
    std::string l = raw;
    std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (l == "pm" || l == "picometer" || l == "picometre" || l == "picometers")
        return LengthUnit{"pm", 1e-12, false};
    if (l == "a" || l == "angstrom" || l == "angstroms") return LengthUnit{"A", 1e-10, false};
    if (l == "nm" || l == "nanometer" || l == "nanometre" || l == "nanometers")
        return LengthUnit{"nm", 1e-9, false};
    if (l == "um" || l == "micron" || l == "microns" || l == "micrometer" || l == "micrometre")
        return LengthUnit{"um", 1e-6, false};
    if (l == "mm" || l == "millimeter" || l == "millimetre") return LengthUnit{"mm", 1e-3, false};
    if (l == "m" || l == "meter" || l == "metre" || l == "meters") return LengthUnit{"m", 1.0, false};
    return std::nullopt;
}

} // namespace

std::optional<LengthUnit> parseLengthUnit(const std::string& text) {
    const std::string s = normalise(text);
    if (s.empty()) return std::nullopt;
    std::string base;
    bool reciprocal = false;
    if (s.rfind("1/", 0) == 0) {
        base = s.substr(2);
        reciprocal = true;
    } else if (s.size() > 3 && (s.substr(s.size() - 3) == "^-1" || s.substr(s.size() - 3) == "-1)")) {
        base = s.substr(0, s.size() - 3);
        reciprocal = true;
    } else if (s.size() > 2 && s.substr(s.size() - 2) == "-1") {
        base = s.substr(0, s.size() - 2);
        reciprocal = true;
    } else {
        base = s;
    }
    auto unit = plainUnit(base);
    if (!unit) return std::nullopt;
    unit->reciprocal = reciprocal;
    if (reciprocal) unit->symbol = "1/" + unit->symbol;
    return unit;
}

double convertLength(double value, const std::string& from, const std::string& to) {
    const auto a = parseLengthUnit(from), b = parseLengthUnit(to);
    if (!a || !b) throw std::invalid_argument("unknown length unit '" + (!a ? from : to) + "'");
    if (a->reciprocal != b->reciprocal)
        throw std::invalid_argument("cannot convert between '" + from + "' and '" + to + "'");
    return a->reciprocal ? value * b->metres / a->metres : value * a->metres / b->metres;
}

} // namespace atomlens
