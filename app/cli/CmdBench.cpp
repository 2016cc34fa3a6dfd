#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/DeviceOption.h"

#include "bench/Benchmark.h"
#include "bench/RealBench.h"
#include "core/base/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace atomlens::cli {

int cmdBench(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"o", "output", "data", "set", "device"}, {"quick", "list"});
    if (args.has("data")) bench::setRealDataDir(args.get("data", ""));
    if (args.has("set")) bench::setRealSetFilter(args.get("set", ""));
    if (args.has("list")) {
        for (const auto& s : benchSuites()) std::printf("%-10s %s\n", s.name.c_str(), s.description.c_str());
        return 0;
    }
    const std::vector<BenchSuite> suites = benchSuites(); // a copy: `chosen` points into it
    std::vector<const BenchSuite*> chosen;
    for (const auto& s : suites)
        if (args.positional().empty() ||
            std::find(args.positional().begin(), args.positional().end(), s.name) != args.positional().end())
            chosen.push_back(&s);
    if (chosen.empty())
        throw std::invalid_argument("unknown benchmark suite (see 'atomlens-cli bench --list')");
    const std::string machine =
        benchMachineDescription() + "; networks on " + applyDeviceOption(args, "bench");
    nlohmann::json j;
    j["machine"] = machine;
    j["quick"] = args.has("quick");
    j["results"] = nlohmann::json::array();
    std::printf("# %s\n%-10s | %-60s | %12s | %-8s | %s\n", machine.c_str(), "suite", "measurement", "value",
                "unit", "note");
    for (const auto* s : chosen) {
        std::fprintf(stderr, "running suite '%s'...\n", s->name.c_str());
        for (const auto& r : s->run(args.has("quick"))) {
            std::printf("%-10s | %-60s | %12.4g | %-8s | %s\n", r.suite.c_str(), r.name.c_str(), r.value,
                        r.unit.c_str(), r.note.c_str());
            std::fflush(stdout);
            j["results"].push_back({{"suite", r.suite},
                                    {"name", r.name},
                                    {"value", r.value},
                                    {"unit", r.unit},
                                    {"note", r.note}});
        }
    }
    const std::string out = args.get("o", args.get("output", "bench-results.json"));
    const std::string text = j.dump(2);
    writeFileAtomically(out, [&](const std::string& tmp) {
        std::ofstream f(tmp);
        f << text << "\n";
        if (!f) throw std::runtime_error("cannot write " + out);
    });
    std::fprintf(stderr, "wrote %s\n", out.c_str());
    return 0;
}

} // namespace atomlens::cli
