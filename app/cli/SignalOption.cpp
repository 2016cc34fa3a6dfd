#include "app/cli/SignalOption.h"

#include "app/cli/PixelSizeOption.h"
#include "core/data/Errors.h"
#include "core/io/MicrographReader.h"

#include <algorithm>
#include <cctype>

namespace atomlens::cli {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string listed(const std::vector<std::string>& signals) {
    std::string out;
    for (std::size_t i = 0; i < signals.size(); ++i)
        out += (i ? ", " : "") + std::to_string(i) + " " + signals[i];
    return out.empty() ? "none" : out;
}

} // namespace

Micrograph readInputMicrograph(const CliArgs& args, const std::string& path) {
    Micrograph m;
    if (!args.has("signal")) {
        m = readMicrograph(path);
    } else {
        const std::string wanted = args.get("signal");
        const bool index = !wanted.empty() && std::all_of(wanted.begin(), wanted.end(),
                                                          [](unsigned char c) { return std::isdigit(c); });
        ReadOptions options;
        if (index) {
            options.signalIndex = int(std::min<long long>(std::stoll(wanted.substr(0, 9)), 1 << 30));
            m = readMicrograph(path, options);
        } else {
            m = readMicrograph(path); // the default signal tells which signals there are
            const auto it = std::find_if(m.signals.begin(), m.signals.end(),
                                         [&](const std::string& s) { return lower(s) == lower(wanted); });
            if (it == m.signals.end())
                throw InputError(path, "has no signal '" + wanted + "' (it holds " + listed(m.signals) + ")");
            if (lower(m.title) != lower(wanted)) {
                options.signalIndex = int(it - m.signals.begin());
                m = readMicrograph(path, options);
            }
        }
    }
    applyPixelSizeOption(args, m);
    return m;
}

} // namespace atomlens::cli
