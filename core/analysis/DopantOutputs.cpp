// CSV tables of a dopant switching analysis (see writeDopantOutputs).
#include "core/analysis/DopantSwitching.h"
#include "core/data/Errors.h"
#include "core/io/CsvTable.h"

#include <filesystem>

namespace atomlens {

void writeDopantOutputs(const DopantSeriesAnalysis& a, const Calibration& calibration,
                        const std::string& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw InputError(folder, "cannot create the output folder (" + ec.message() + ")");
    const std::filesystem::path dir(folder);
    const auto num = [](double v) { return formatNumber(v, 8); };
    const SiteHistory& h = a.history.sites;

    CsvTable drift({"frame", "dx", "dy", "dx_cal", "dy_cal", "unit", "peak"});
    for (std::size_t f = 0; f < a.drift.size(); ++f)
        drift.addRow({std::to_string(f), num(a.drift[f].dx), num(a.drift[f].dy),
                      num(a.drift[f].dx * calibration.pixelSizeX),
                      num(a.drift[f].dy * calibration.pixelSizeY), calibration.unit,
                      formatNumber(a.drift[f].peak, 4)});
    drift.write((dir / "drift.csv").string());

    CsvTable sites({"site", "track", "x", "y", "analysed", "first_frame", "last_frame", "observations"});
    for (std::size_t s = 0; s < h.siteCount(); ++s) {
        const Track& t = a.history.tracking.tracks[a.history.siteTrack[s]];
        sites.addRow({std::to_string(s), std::to_string(a.history.siteTrack[s]), num(h.x[s]), num(h.y[s]),
                      h.analysed[s] ? "1" : "0", std::to_string(t.firstFrame), std::to_string(t.lastFrame),
                      std::to_string(t.observations)});
    }
    sites.write((dir / "dopant_sites.csv").string());

    CsvTable history({"site", "frame", "observed", "class"});
    for (std::size_t s = 0; s < h.siteCount(); ++s)
        for (int f = 0; f < h.frameCount; ++f)
            history.addRow({std::to_string(s), std::to_string(f), h.observed[h.at(s, f)] ? "1" : "0",
                            h.stateName(s, f)});
    history.write((dir / "dopant_history.csv").string());

    CsvTable events({"frame", "type", "site", "from", "to", "x", "y"});
    for (const auto& e : a.history.switches)
        events.addRow({std::to_string(e.frame), "switch " + e.from + "->" + e.to, std::to_string(e.site),
                       e.from, e.to, num(e.x), num(e.y)});
    events.write((dir / "events.csv").string());

    std::vector<std::string> header = {"frame", "atoms"};
    for (const auto& name : h.stateNames) header.push_back(name);
    CsvTable counts(header);
    for (int f = 0; f < h.frameCount; ++f) {
        std::vector<std::size_t> perState(h.stateNames.size(), 0);
        for (std::size_t s = 0; s < h.siteCount(); ++s)
            if (const int st = h.state[h.at(s, f)]; st >= 0 && h.analysed[s]) ++perState[std::size_t(st)];
        std::vector<std::string> row = {std::to_string(f), std::to_string(a.frames[std::size_t(f)].x.size())};
        for (std::size_t c : perState) row.push_back(std::to_string(c));
        counts.addRow(row);
    }
    counts.write((dir / "counts.csv").string());
}

} // namespace atomlens
