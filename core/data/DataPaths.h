#pragma once
#include <string>
#include <vector>

namespace atomlens {

/// Where AtomLens finds its read-only data (models, task chains, translations, samples) at run time.
/// Nothing here depends on the source tree: an installed prefix is found relative to the executable,
/// and a build tree mirrors the installed layout in <build>/share/atomlens (symbolic links to the
/// sources, made by CMake), so the same lookup serves both.

/// The folder holding the running executable ("" when /proc/self/exe cannot be read).
std::string executableDir();

/// Folders that may hold `<sub>` ("models", "chains", "translations", "samples"), in search order:
///  1. $ATOMLENS_DATA_DIR/<sub> (a whole share/atomlens tree; for models also $ATOMLENS_MODELS first),
///  2. <exe dir>/../share/atomlens/<sub> (an installed prefix, wherever it was copied),
///  3. <exe dir>/../../share/atomlens/<sub> and one level further up (a build tree: build/app/<exe>,
///     build/tests/<kind>/<exe>),
///  4. $XDG_DATA_HOME/atomlens/<sub> (default ~/.local/share), each of $XDG_DATA_DIRS
///     (default /usr/local/share:/usr/share) + /atomlens/<sub>.
/// Only folders that exist are returned, without duplicates.
std::vector<std::string> dataSearchPaths(const std::string& sub);

/// The same list without dropping folders that do not exist (for "looked in ..." messages).
std::vector<std::string> dataSearchCandidates(const std::string& sub);

/// The first `<folder>/<name>` that is a regular file over dataSearchPaths(sub); "" when none is.
std::string findDataFile(const std::string& sub, const std::string& name);

} // namespace atomlens
