#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Micrograph.h"
#include "core/job/JobContext.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace atomlens {

/// Everything that defines a simulated HAADF micrograph. Zero / NaN fields take the preset's default.
struct SimulationParams {
    std::string preset = "mos2"; ///< mos2, mos2-phase, mos2-gb, graphene-si, perovskite
    int width = 512, height = 512;
    std::uint64_t seed = 1;
    double dose = 1e5;     ///< incident electrons per square angstrom
    double pixelSize = 0;  ///< angstrom per pixel (0 = preset default)
    double probeSigma = 0; ///< Gaussian probe sigma in angstrom (0 = preset default)
    double rotationDeg = std::numeric_limits<double>::quiet_NaN(); ///< lattice rotation; NaN = random
    double strainXX = 0, strainYY = 0, strainXY = 0;               ///< uniform strain of the lattice
    double background = 0.02;         ///< scattered fraction from the support (mean)
    double backgroundVariation = 0.3; ///< relative amplitude of its slow variation
    double readNoise = 0.5;           ///< Gaussian detector noise, counts (sd)
    double jitter = 0.03;             ///< scan-line jitter, angstrom rms along x
    double drift = 0.0;               ///< specimen drift during one frame, angstrom (random direction)
    // Defects (fractions of sites; NaN = preset default).
    double sSingleVacancy = std::numeric_limits<double>::quiet_NaN(); ///< S2 -> S1
    double sEmpty = std::numeric_limits<double>::quiet_NaN();         ///< S2 -> empty site
    double moVacancy = std::numeric_limits<double>::quiet_NaN();      ///< empty Mo site
    double heavyDopant = std::numeric_limits<double>::quiet_NaN();    ///< W on Mo sites
    double lightDopant = std::numeric_limits<double>::quiet_NaN();    ///< V on Mo sites
    int vacancyLines = -1;                 ///< number of S vacancy lines (-1 = default)
    int siThreeFold = -1, siFourFold = -1; ///< Si dopants in graphene
    bool siRelaxed = false;   ///< graphene-si: C neighbours at the projected Si-C distances measured on real
                              ///< crops (3-fold 1.07, 4-fold 1.26 bonds) instead of the ideal 1.0 / 1.32
    double contamination = 0; ///< graphene-si: fraction of the area under amorphous carbon patches (0..0.8)
    double tiltDeg = std::numeric_limits<double>::quiet_NaN(); ///< grain-boundary misorientation
    // Frame series.
    int frames = 1;
    double frameInterval = 1.0;     ///< seconds between frames
    double hopProbability = 0.15;   ///< chance per frame that an S vacancy hops to a neighbouring site
    double aggregation = 1.5;       ///< bias of hops toward other vacancies (vacancy lines grow)
    double frameDrift = 0.5;        ///< random-walk drift between frames, angstrom (sd per frame)
    double siSwitchProbability = 0; ///< graphene-si series: chance per frame and Si that it switches between
                                    ///< 3-fold (lattice site) and 4-fold (a C neighbour ejected, Si at the
                                    ///< divacancy centre); 0 = no switching (the other presets ignore it)
};

/// The true content of one column in one frame, in pixels (pixel-centre convention), as it appears in
/// the image (including drift, excluding random scan jitter).
struct TruthColumn {
    int frame = 0;
    int id = 0; ///< the same physical site keeps its id through a frame series
    double x = 0, y = 0;
    std::string cls, element, site, defect, region;
};

struct SimulationResult {
    Micrograph micrograph;          ///< counts per pixel, float32, calibrated in nm
    std::vector<TruthColumn> truth; ///< every column of every frame, empty sites included
    double pixelSize = 0;           ///< angstrom per pixel actually used
    double probeSigma = 0;          ///< angstrom actually used
};

/// Names of the available presets.
std::vector<std::string> simulationPresets();

/// Simulates a micrograph (or frame series) with exact ground truth. Deterministic for a given
/// params (including seed). Throws std::invalid_argument for an unknown preset or bad values.
SimulationResult simulate(const SimulationParams& params, JobContext& job = nullJobContext());

/// The columns of one frame that hold atoms (empty sites left out) as an AtomTable with truth positions
/// (benchmarks and tests that need perfect detections).
AtomTable truthAtoms(const SimulationResult& result, int frame = 0);

/// Writes truth as CSV: x,y,class,element,site,defect,region,id,frame (atomically).
void writeTruthCsv(const std::vector<TruthColumn>& truth, const std::string& path);

} // namespace atomlens
