#pragma once
#include "core/analysis/DriftCorrection.h"
#include "core/analysis/SiteHistory.h"
#include "core/analysis/Tracking.h"
#include "core/data/Micrograph.h"
#include "core/detect/Detector.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// The points of one frame with a class name each (e.g. "C", "Si3", "Si4"), pixels.
struct ClassedPoints {
    std::vector<double> x, y;
    std::vector<std::string> cls;
};

/// Settings of dopant coordination switch tracking (graphene with Si: 3-fold <-> 4-fold).
struct DopantParams {
    double brightFactor = 2.0; ///< a detected column is a dopant above this x the frame's median amplitude
    double neighbourFactor = 1.55; ///< neighbours closer than this x the bond length are its bonds (3-fold
                                   ///< Si: 3 C at 1.0, next shell 1.73; 4-fold Si: 4 C at 1.32, next 1.80)
    double fourFoldFactor = 1.16;  ///< 4-fold when the median of its (up to) 3 shortest bonds exceeds this
                                   ///< x the bond length (midway between 1.0 and 1.32)
    std::string element = "Si";    ///< prefix of the coordination classes ("Si3", "Si4")
    std::string hostClass = "C";   ///< class of the other columns
    double gate = 0;   ///< dopant tracking gate, px (0 = 1 bond length: a switch moves a Si by half a bond)
    double margin = 0; ///< a site counts when this far inside every frame, px (0 = 2 bond lengths, so its
                       ///< coordination shell is in view)
    double minSiteFraction = 0.2; ///< a dopant track becomes a site when seen in this fraction of the frames
    /// Per-frame dopants and classes: "bonds" (detectAtoms, brightFactor, coordinationClasses) or
    /// "graphene" (analyseGrapheneImage: the image's own bond length, honeycomb completion, neighbour
    /// templates and the bond graph; for real-like graphene at 0.07-0.16 A/px).
    std::string method = "bonds";
};

/// Coordination class of each point flagged `dopant`, from its bond lengths: a 3-fold Si sits on a
/// lattice site with C one bond away, a 4-fold Si at a divacancy centre with C 1.32 bonds away. The
/// median of its (up to) 3 shortest bonds (other points within neighbourFactor x bondLength) decides:
/// element + "4" above fourFoldFactor x bondLength, else element + "3"; a dopant without any bond gets
/// "" (unclassified). Bond lengths rather than bond counts, because a detector tends to miss or merge
/// a dim host column beside a bright dopant. Other points get hostClass.
std::vector<std::string> coordinationClasses(const std::vector<double>& x, const std::vector<double>& y,
                                             const std::vector<std::uint8_t>& dopant, double bondLength,
                                             const DopantParams& params = {});

/// Bond length of a lattice from noisy detections: the median over points of the median distance to
/// their 3 nearest neighbours (less biased by position noise than the nearest distance alone), px.
double medianBondLength(const std::vector<double>& x, const std::vector<double>& y);

/// A dopant whose class differs from its last classified class (e.g. "Si3" -> "Si4").
struct DopantSwitch {
    std::size_t site = 0;
    int frame = 0; ///< the first frame with the new class
    std::string from, to;
    double x = 0, y = 0; ///< the site's reference position (frame-0 coordinates), px
};

/// Per-site class history of the dopants of a series and their switches.
struct DopantHistory {
    TrackingResult tracking;            ///< tracks of the dopant points of every frame
    std::vector<std::size_t> siteTrack; ///< per site: its track
    SiteHistory sites;                  ///< states = dopant class names, kind "dopant"
    std::vector<DopantSwitch> switches; ///< by frame, then site (analysed sites only)
};

/// Tracks the points whose class is not `hostClass` ("" = a dopant left unclassified) through the frames
/// (gate: params.gate, drift- corrected), keeps tracks seen in at least minSiteFraction of the frames as
/// sites, records each site's class per frame (unobserved frames stay unclassified, -1) and lists the
/// switches of sites inside every frame by `margin` (a switch across unclassified frames is dated at the
/// frame that shows the new class). `width`, `height`: frame size, px. Throws std::invalid_argument on size
/// mismatches.
DopantHistory trackDopants(const std::vector<ClassedPoints>& frames, const std::vector<FrameShift>& drift,
                           int width, int height, double bondLength, const DopantParams& params = {});

/// Everything the dopant pipeline found in a series.
struct DopantSeriesAnalysis {
    std::vector<FrameShift> drift;     ///< per frame, relative to frame 0
    std::vector<ClassedPoints> frames; ///< detected atoms with coordination classes
    double bondLength = 0;             ///< medianBondLength of frame 0, px
    DopantHistory history;
};

/// From the image alone: detects atoms in every frame, calls columns brighter than brightFactor x the
/// median dopants and classifies them by coordination (coordinationClasses), estimates the drift (phase
/// correlation refined with the atoms) and tracks the dopants (trackDopants). Honours cancellation.
DopantSeriesAnalysis analyseDopantSeries(const Micrograph& series, const DetectParams& detect = {},
                                         const DopantParams& params = {}, JobContext& job = nullJobContext());

/// Writes drift.csv, dopant_sites.csv, dopant_history.csv (site x frame class), events.csv (one row per
/// switch: frame, type "switch Si3->Si4", site, from, to, x, y) and counts.csv (per frame: atoms and
/// sites per class) into a folder (created when absent; every file atomic).
void writeDopantOutputs(const DopantSeriesAnalysis& analysis, const Calibration& calibration,
                        const std::string& folder);

} // namespace atomlens
