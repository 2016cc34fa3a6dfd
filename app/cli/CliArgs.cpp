#include "app/cli/CliArgs.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace atomlens::cli {

CliArgs::CliArgs(const std::vector<std::string>& args, const std::vector<std::string>& valued,
                 const std::vector<std::string>& flags) {
    auto isIn = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 1 && a[0] == '-' &&
            !(a.size() > 1 && (std::isdigit(static_cast<unsigned char>(a[1])) || a[1] == '.'))) {
            std::string name = a.substr(a[1] == '-' ? 2 : 1);
            std::string value;
            bool hasInline = false;
            if (const auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1), name = name.substr(0, eq), hasInline = true;
            }
            if (isIn(flags, name)) {
                m_flags[name] = true;
            } else if (isIn(valued, name)) {
                if (!hasInline) {
                    if (i + 1 >= args.size())
                        throw std::invalid_argument("option --" + name + " needs a value");
                    value = args[++i];
                }
                m_values.emplace(name, value);
            } else {
                throw std::invalid_argument("unknown option '" + a + "'");
            }
        } else {
            m_positional.push_back(a);
        }
    }
}

std::string CliArgs::get(const std::string& name, const std::string& fallback) const {
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

std::vector<std::string> CliArgs::getAll(const std::string& name) const {
    std::vector<std::string> out;
    for (auto [it, end] = m_values.equal_range(name); it != end; ++it) out.push_back(it->second);
    return out;
}

std::string CliArgs::require(const std::string& name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) throw std::invalid_argument("missing required option --" + name);
    return it->second;
}

double CliArgs::number(const std::string& name, double fallback) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) return fallback;
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    if (end == it->second.c_str() || *end != '\0' || !std::isfinite(v))
        throw std::invalid_argument("option --" + name + " expects a number, got '" + it->second + "'");
    return v;
}

long long CliArgs::integer(const std::string& name, long long fallback) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) return fallback;
    char* end = nullptr;
    const long long v = std::strtoll(it->second.c_str(), &end, 10);
    if (end == it->second.c_str() || *end != '\0')
        throw std::invalid_argument("option --" + name + " expects a whole number, got '" + it->second + "'");
    return v;
}

} // namespace atomlens::cli
