#pragma once
#include <map>
#include <string>
#include <vector>

namespace atomlens::cli {

/// Parsed command line of one subcommand: positional arguments, `--key value` options and flags.
/// Unknown options are an error (a typo must not be silently ignored).
class CliArgs {
public:
    /// `valued` lists options that take a value, `flags` those that do not (names without dashes;
    /// "o" also matches "-o"). Throws std::invalid_argument with a one-line message.
    CliArgs(const std::vector<std::string>& args, const std::vector<std::string>& valued,
            const std::vector<std::string>& flags);
    const std::vector<std::string>& positional() const { return m_positional; }
    bool has(const std::string& name) const { return m_values.count(name) || m_flags.count(name); }
    std::string get(const std::string& name, const std::string& fallback = "") const;
    /// All values of an option given several times.
    std::vector<std::string> getAll(const std::string& name) const;
    std::string require(const std::string& name) const;
    double number(const std::string& name, double fallback) const;
    long long integer(const std::string& name, long long fallback) const;

private:
    std::vector<std::string> m_positional;
    std::multimap<std::string, std::string> m_values;
    std::map<std::string, bool> m_flags;
};

} // namespace atomlens::cli
