#include "core/base/Parameters.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace atomlens {

std::string ParamValues::text(const std::string& key) const {
    const auto it = m_values.find(key);
    if (it == m_values.end()) throw std::invalid_argument("missing parameter '" + key + "'");
    return it->second;
}

double parseNumberParam(const ParamSpec& spec, const std::string& value) {
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !std::isfinite(v))
        throw std::invalid_argument("parameter '" + spec.key + "' expects a number, got '" + value + "'");
    if (spec.type == ParamSpec::Type::Integer && v != std::floor(v))
        throw std::invalid_argument("parameter '" + spec.key + "' expects a whole number, got '" + value +
                                    "'");
    if (v < spec.minValue || v > spec.maxValue)
        throw std::invalid_argument("parameter '" + spec.key + "' = " + value + " is outside [" +
                                    formatParam(spec.minValue) + ", " + formatParam(spec.maxValue) + "]");
    return v;
}

bool parseBooleanParam(const ParamSpec& spec, const std::string& value) {
    if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
    if (value == "false" || value == "0" || value == "no" || value == "off") return false;
    throw std::invalid_argument("parameter '" + spec.key + "' expects true or false, got '" + value + "'");
}

void checkChoiceParam(const ParamSpec& spec, const std::string& value) {
    for (const auto& c : spec.choices)
        if (c == value) return;
    std::string list;
    for (const auto& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
    throw std::invalid_argument("parameter '" + spec.key + "' must be one of " + list + ", got '" + value +
                                "'");
}

std::string formatParam(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

} // namespace atomlens
