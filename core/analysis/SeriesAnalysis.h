#pragma once
#include "core/analysis/DriftCorrection.h"
#include "core/analysis/SiteHistory.h"
#include "core/analysis/Tracking.h"
#include "core/analysis/VacancyLines.h"
#include "core/data/AtomTable.h"
#include "core/data/Micrograph.h"
#include "core/detect/Detector.h"

#include <string>
#include <vector>

namespace atomlens {

/// Settings of the time-series pipeline (each part keeps its own documented defaults).
struct SeriesParams {
    DetectParams detect;         ///< atom detection per frame
    bool idealSites = true;      ///< add empty ideal lattice sites (vacancy candidates) to the tracked points
    DriftParams drift;           ///< frame-to-frame phase correlation
    TrackParams track;           ///< assignment gate and gap memory
    SiteParams sites;            ///< per-site amplitude measurement and vacancy threshold
    double lineLinkFactor = 1.2; ///< vacant chalcogen sites closer than this x lattice constant form a line
    double minSiteFraction = 0.2; ///< a track becomes a lattice site when seen in this fraction of the frames
};

/// Everything the pipeline found in a frame series (positions in pixels; "reference" positions are
/// drift-corrected into frame 0's coordinates).
struct SeriesAnalysis {
    std::vector<FrameShift> drift;       ///< per frame, relative to frame 0
    std::vector<FramePoints> points;     ///< per frame: detected atoms, then empty ideal sites
    std::vector<std::size_t> atomCounts; ///< per frame: how many of `points` are detected atoms
    TrackingResult tracking;             ///< track (site) of every point
    std::vector<std::size_t>
        siteTrack;     ///< per site: its track (tracks seen rarely or twins of a site are no sites)
    SiteHistory sites; ///< per site and frame: amplitude, observed, state
    std::vector<std::vector<VacancyLine>> lines; ///< per frame: chalcogen vacancy lines among analysed sites
    std::vector<VacancyLineEvent> events;        ///< line events between consecutive frames
    double bondLength = 0;                       ///< median nearest-neighbour distance, px
};

/// Runs the pipeline from the image alone: detect atoms in every frame (in parallel), add empty ideal
/// sites from each frame's lattice graph, estimate the drift by phase correlation refined with the atoms
/// (refineDrift), track points to sites, measure every site in every frame (class history), find the
/// chalcogen vacancy lines of each frame among the sites that stay inside the field of view, and derive the
/// line events. Reports progress and honours cancellation (CanceledError). Throws std::invalid_argument for
/// an empty series.
SeriesAnalysis analyseSeries(const Micrograph& series, const SeriesParams& params = {},
                             JobContext& job = nullJobContext());

/// Vacancy lines of every frame and their events from a site history (the last steps of analyseSeries,
/// reusable with other site states): only sites flagged `analysed` and of kind "chalcogen" count.
void findLinesAndEvents(SeriesAnalysis& analysis, double linkFactor);

/// Writes the results as CSV tables into a folder (created when absent; every file atomic):
/// drift.csv, tracks.csv (every point of every frame with its track), sites.csv, history.csv
/// (site x frame), state_changes.csv (per-site state switches, siteStateChanges), lines.csv, events.csv
/// and counts.csv (per frame counts by state).
void writeSeriesOutputs(const SeriesAnalysis& analysis, const Calibration& calibration,
                        const std::string& folder);

} // namespace atomlens
