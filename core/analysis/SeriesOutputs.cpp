// CSV tables of a series analysis (see writeSeriesOutputs).
#include "core/analysis/SeriesAnalysis.h"
#include "core/data/Errors.h"
#include "core/io/CsvTable.h"

#include <filesystem>
#include <map>

namespace atomlens {

void writeSeriesOutputs(const SeriesAnalysis& a, const Calibration& calibration, const std::string& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw InputError(folder, "cannot create the output folder (" + ec.message() + ")");
    const std::filesystem::path dir(folder);
    const auto num = [](double v) { return formatNumber(v, 8); };
    const std::string unit = calibration.unit;

    CsvTable drift({"frame", "dx", "dy", "dx_cal", "dy_cal", "unit", "peak"});
    for (std::size_t f = 0; f < a.drift.size(); ++f)
        drift.addRow({std::to_string(f), num(a.drift[f].dx), num(a.drift[f].dy),
                      num(a.drift[f].dx * calibration.pixelSizeX),
                      num(a.drift[f].dy * calibration.pixelSizeY), unit, formatNumber(a.drift[f].peak, 4)});
    drift.write((dir / "drift.csv").string());

    CsvTable tracks({"frame", "track", "x", "y", "kind"});
    for (std::size_t f = 0; f < a.points.size(); ++f)
        for (std::size_t i = 0; i < a.points[f].x.size(); ++i)
            tracks.addRow({std::to_string(f), std::to_string(a.tracking.trackOf[f][i]), num(a.points[f].x[i]),
                           num(a.points[f].y[i]), i < a.atomCounts[f] ? "atom" : "empty-site"});
    tracks.write((dir / "tracks.csv").string());

    const SiteHistory& h = a.sites;
    CsvTable sites({"site", "track", "x", "y", "sublattice", "kind", "analysed", "first_frame", "last_frame",
                    "observations"});
    for (std::size_t s = 0; s < h.siteCount(); ++s) {
        const Track& t = a.tracking.tracks[a.siteTrack[s]];
        sites.addRow({std::to_string(s), std::to_string(a.siteTrack[s]), num(h.x[s]), num(h.y[s]),
                      std::to_string(h.sublattice[s]), h.kind[s], h.analysed[s] ? "1" : "0",
                      std::to_string(t.firstFrame), std::to_string(t.lastFrame),
                      std::to_string(t.observations)});
    }
    sites.write((dir / "sites.csv").string());

    CsvTable history({"site", "frame", "amplitude", "observed", "state"});
    for (std::size_t s = 0; s < h.siteCount(); ++s)
        for (int f = 0; f < h.frameCount; ++f)
            history.addRow({std::to_string(s), std::to_string(f), num(h.intensity[h.at(s, f)]),
                            h.observed[h.at(s, f)] ? "1" : "0", h.stateName(s, f)});
    history.write((dir / "history.csv").string());

    CsvTable lines({"frame", "line", "sites", "length_px", "orientation_deg", "x", "y", "site_list"});
    for (std::size_t f = 0; f < a.lines.size(); ++f)
        for (std::size_t l = 0; l < a.lines[f].size(); ++l) {
            const auto& line = a.lines[f][l];
            std::string list;
            for (std::size_t s : line.sites) list += (list.empty() ? "" : " ") + std::to_string(s);
            lines.addRow({std::to_string(f), std::to_string(l), std::to_string(line.sites.size()),
                          num(line.length), formatNumber(line.orientationDeg, 5), num(line.x), num(line.y),
                          list});
        }
    lines.write((dir / "lines.csv").string());

    CsvTable events({"frame", "type", "sites_before", "sites_after", "x", "y"});
    for (const auto& e : a.events)
        events.addRow({std::to_string(e.frame), e.type, std::to_string(e.sitesBefore),
                       std::to_string(e.sitesAfter), num(e.x), num(e.y)});
    events.write((dir / "events.csv").string());

    CsvTable changes({"frame", "site", "from", "to", "x", "y"});
    for (const auto& c : siteStateChanges(h))
        changes.addRow({std::to_string(c.frame), std::to_string(c.site), c.from, c.to, num(h.x[c.site]),
                        num(h.y[c.site])});
    changes.write((dir / "state_changes.csv").string());

    std::vector<std::string> header = {"frame", "atoms", "empty_sites"};
    for (const auto& name : h.stateNames) header.push_back(name);
    header.push_back("vacancy_lines"), header.push_back("line_sites");
    CsvTable counts(header);
    for (int f = 0; f < h.frameCount; ++f) {
        std::vector<std::size_t> perState(h.stateNames.size(), 0);
        for (std::size_t s = 0; s < h.siteCount(); ++s)
            if (const int st = h.state[h.at(s, f)]; st >= 0 && h.analysed[s]) ++perState[std::size_t(st)];
        std::size_t lineSites = 0;
        for (const auto& line : a.lines[std::size_t(f)]) lineSites += line.sites.size();
        std::vector<std::string> row = {
            std::to_string(f), std::to_string(a.atomCounts[std::size_t(f)]),
            std::to_string(a.points[std::size_t(f)].x.size() - a.atomCounts[std::size_t(f)])};
        for (std::size_t c : perState) row.push_back(std::to_string(c));
        row.push_back(std::to_string(a.lines[std::size_t(f)].size())),
            row.push_back(std::to_string(lineSites));
        counts.addRow(row);
    }
    counts.write((dir / "counts.csv").string());
}

} // namespace atomlens
