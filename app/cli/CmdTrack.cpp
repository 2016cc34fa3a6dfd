// atomlens-cli track: drift correction, tracking, per-site history and vacancy-line events of a series.
#include "app/cli/CliArgs.h"
#include "app/cli/Commands.h"
#include "app/cli/TerminalJob.h"

#include "core/analysis/DopantSwitching.h"
#include "core/analysis/SeriesAnalysis.h"
#include "core/chain/TaskChain.h"
#include "core/io/MicrographReader.h"

#include <cstdio>
#include <stdexcept>

namespace atomlens::cli {

int cmdTrack(const std::vector<std::string>& argv) {
    const CliArgs args(argv,
                       {"o", "output", "gate", "max-gap", "vacancy-fraction", "min-site-fraction",
                        "threshold", "dopant-method"},
                       {"no-ideal-sites", "dopants"});
    if (args.positional().size() != 1)
        throw std::invalid_argument("expects one SERIES (a multi-frame micrograph)");
    const std::string out = args.has("o") ? args.get("o") : args.get("output");
    if (out.empty()) throw std::invalid_argument("missing output folder: -o OUTDIR");
    SeriesParams p;
    p.track.gate = args.number("gate", 0);
    p.track.maxGap = int(args.integer("max-gap", -1));
    p.sites.vacancyFraction = args.number("vacancy-fraction", p.sites.vacancyFraction);
    p.minSiteFraction = args.number("min-site-fraction", p.minSiteFraction);
    p.detect.threshold = args.number("threshold", p.detect.threshold);
    p.idealSites = !args.has("no-ideal-sites");
    if (p.track.gate < 0 || p.track.maxGap < -1 ||
        !(p.sites.vacancyFraction > 0 && p.sites.vacancyFraction < 1) ||
        !(p.minSiteFraction >= 0 && p.minSiteFraction <= 1) || !(p.detect.threshold >= 0))
        throw std::invalid_argument(
            "--gate >= 0, --max-gap >= -1, --vacancy-fraction in (0, 1), --min-site-fraction in [0, 1], "
            "--threshold >= 0");
    auto series = std::make_shared<const Micrograph>(readMicrograph(args.positional()[0]));
    TerminalJob job;
    if (args.has("dopants")) { // Si in graphene: 3-fold <-> 4-fold switches per dopant site
        DopantParams dp;
        dp.method = args.get("dopant-method", dp.method);
        const DopantSeriesAnalysis d = analyseDopantSeries(*series, p.detect, dp, job);
        writeDopantOutputs(d, series->calibration, out);
        std::fprintf(stderr, "%d frames: %zu dopant sites, %zu coordination switches -> %s\n",
                     series->frameCount(), d.history.sites.siteCount(), d.history.switches.size(),
                     out.c_str());
        return 0;
    }
    // The chain's "track" step (the same pipeline in `run --chain`).
    ChainState state;
    state.micrograph = series;
    ChainStep step{"track", {}};
    step.params.set("gate", formatParam(p.track.gate));
    step.params.set("max_gap", std::to_string(p.track.maxGap));
    step.params.set("vacancy_fraction", formatParam(p.sites.vacancyFraction));
    step.params.set("min_site_fraction", formatParam(p.minSiteFraction));
    step.params.set("threshold", formatParam(p.detect.threshold));
    step.params.set("ideal_sites", p.idealSites ? "true" : "false");
    runChainStep(state, step, job);
    const SeriesAnalysis& a = *state.series;
    writeSeriesOutputs(a, series->calibration, out);
    std::size_t analysed = 0;
    for (auto v : a.sites.analysed) analysed += v;
    std::fprintf(stderr,
                 "%d frames: %zu tracks, %zu sites (%zu in every frame), %zu vacancy-line events -> %s\n",
                 series->frameCount(), a.tracking.tracks.size(), a.sites.siteCount(), analysed,
                 a.events.size(), out.c_str());
    return 0;
}

} // namespace atomlens::cli
