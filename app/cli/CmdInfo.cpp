#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/SignalOption.h"

#include "core/io/MicrographInfo.h"
#include "core/io/MicrographReader.h"
#include "core/io/ProjectFile.h"

#include <cstdio>
#include <stdexcept>

namespace atomlens::cli {

int cmdInfo(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"signal"}, {"compact"});
    if (args.positional().size() != 1) throw std::invalid_argument("expects exactly one FILE");
    if (isProjectFile(args.positional()[0])) { // a project: what it holds, per frame
        const std::string& path = args.positional()[0];
        std::printf("%s\n", projectSummaryJson(readProject(path), path).c_str());
        return 0;
    }
    const Micrograph m = readInputMicrograph(args, args.positional()[0]); // --signal INDEX|NAME
    std::printf("%s\n", micrographInfoJson(m, args.has("compact") ? -1 : 2).c_str());
    return 0;
}

} // namespace atomlens::cli
