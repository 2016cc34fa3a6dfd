#pragma once
#include <functional>
#include <string>

namespace atomlens {

/// Writes to `path` through a temporary file in the same folder, renamed over `path` once `write`
/// returned: a crash or a full disk never leaves a half-written file in place of a good one.
void writeFileAtomically(const std::string& path,
                         const std::function<void(const std::string& tmpPath)>& write);

} // namespace atomlens
