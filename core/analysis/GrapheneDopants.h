#pragma once
// Si dopants in graphene from one image: the honeycomb completed around detected columns, dopants by
// brightness, and each dopant's coordination (3-fold on a lattice site, 4-fold in a divacancy) from the
// bond graph and the rings around it.
#include "core/base/Parameters.h"
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/detect/Detector.h"
#include "core/job/JobContext.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// Settings of the graphene dopant analysis. Lengths are in bond lengths of the image (the median C-C
/// distance of the detected columns), intensities relative to the median column contrast, so nothing
/// depends on the pixel size or the detector gain.
struct GrapheneParams {
    /// A column is a dopant when its contrast is above this x the median. 3.5: on the simulated bench images
    /// (bench real, seeds 90000+) bright spots of amorphous carbon reach 3.0-4.3 x, true Si 3.65-9 x (5%
    /// below 4.06); the real crops' Si have 3.9-7.9 x (3.9 on one held-out crop, at least 4.5 on the others).
    double dopantFactor = 3.5;
    double siteFactor = 0.45; ///< a lattice-predicted empty position becomes a column above this x median
    double bondCut = 1.58;    ///< dopant bonds: neighbours (Delaunay) closer than this (3-fold Si: 3 C at
                              ///< 1.0-1.1 on real crops; 4-fold: 4 C at 1.2-1.45; next shell >= 1.73)
    int completionRounds = 3; ///< rounds of honeycomb completion (0 = use the detections as they are)
    double minTemplateScore = 0.0; ///< a dopant needs this mean neighbour contrast (x median) in its best
                                   ///< template, else it is a bright spot without lattice (contamination)
    bool fitNeighbourhoods = true; ///< replace the columns around each dopant by the best 3-/4-fold template
    double bondLength = 0;         ///< px (0 = from the image: estimateGrapheneBond, else the detections)
    std::string element = "Si";    ///< dopant classes are element + coordination ("Si3", "Si4")
    std::string hostClass = "C";

    static const std::vector<ParamField<GrapheneParams>>& fields();
};

/// One dopant with its coordination and the evidence for it.
struct GrapheneDopant {
    std::size_t row = 0;             ///< row in GrapheneAnalysis::atoms
    double x = 0, y = 0;             ///< pixels
    std::string cls;                 ///< "Si3" / "Si4" ("" when it has fewer than 2 bonds: not classified)
    int coordination = 0;            ///< bonded host columns (within bondCut)
    float confidence = 0;            ///< 0.5..1: how clearly the bond count separates (distance margins,
                                     ///< angular gaps, rings)
    double meanBond = 0;             ///< mean dopant-host bond, in bond lengths
    double contrast = 0;             ///< relative to the median column contrast
    std::vector<std::size_t> bonded; ///< rows of its bonded neighbours
    std::vector<int> ringSizes;      ///< sizes of the rings (graph faces) around it, ascending
    std::string modelClass;          ///< a sub-model's class for this column ("" = none was run)
    float modelConfidence = 0;
};

/// The analysed image.
struct GrapheneAnalysis {
    AtomTable atoms;             ///< detected + completed columns, classes host / element+3 / element+4
    std::size_t added = 0;       ///< columns added by the honeycomb completion (kFlagGrapheneCompleted)
    double bondLength = 0;       ///< px
    double medianContrast = 0;   ///< image units
    std::vector<float> contrast; ///< per row, relative to medianContrast
    std::vector<GrapheneDopant> dopants;
    /// Per dopant row: (4-fold template score - 3-fold template score) / median contrast.
    std::vector<std::pair<std::size_t, double>> templateMargin;
    /// Per row: the dopant row whose neighbour template placed this column (kNoOwner: none; kSharedOwner:
    /// two dopants' templates placed it).
    std::vector<std::size_t> templateOwner;
};

/// GrapheneAnalysis::templateOwner of a column no dopant template placed.
constexpr std::size_t kNoOwner = std::size_t(-1);
/// GrapheneAnalysis::templateOwner of a column the templates of two dopants placed (a neighbour of both).
constexpr std::size_t kSharedOwner = std::size_t(-2);

/// Flag bit of a column added by the honeycomb completion (not a detector peak).
constexpr std::uint32_t kFlagGrapheneCompleted = 1u << 12;

/// C-C bond length of a graphene image, px, from the image alone: the first peak (beyond 3 px) of the
/// radially averaged autocorrelation of the band-passed image is the honeycomb's second-neighbour shell
/// (sqrt 3 bonds, 6 columns; the first shell only shows as a shoulder on the probe's zero-lag peak), so
/// the bond is that radius / sqrt 3. (The FFT's strongest ring is ambiguous between the 1.5-bond and
/// 0.87-bond reflections.) 0 when none. Wrong by 15-40% on crops mostly covered by contamination.
double estimateGrapheneBond(const Image& image);

/// Detector settings for graphene with this bond length (spacing = bond, minimum separation 0.6 bonds,
/// threshold 3 noise sigmas: the completion and the dopant templates handle the extra peaks).
DetectParams grapheneDetectParams(double bondLength);

/// Per-pixel column contrast of an image: Gaussian-smoothed (sigma = smoothing px) minus its lower
/// envelope over about one bond (the hexagon centres are the background of graphene).
Image columnContrast(const Image& image, double bondLength);

/// Completes the honeycomb around `detected` (every C-C bond predicts the two other bonds of each end at
/// +-120 deg; a predicted position at least 0.7 bonds from every column whose contrast exceeds
/// siteFactor x the median becomes a column, centred on the contrast), labels dopants by contrast (a
/// brighter dopant within 1.65 bonds suppresses one), fits a 3-fold and a 4-fold neighbour template to
/// the contrast around each dopant (the better one's points, refined by joint Gaussian fits, replace the
/// columns within 1.65 bonds; both templates bright and alike, or a dopant less than 1.8 x as bright as
/// the upper quartile of the columns 1.7-3 bonds around it = amorphous contamination, not a dopant;
/// where the honeycomb 1.7-5 bonds around is clean (fitLocalHoneycomb, 60% of its sites found) a dopant
/// within 0.2 bonds of a site takes the 3-fold and one within 0.1 bonds of a bond centre the 4-fold
/// template, and each new neighbour moves halfway to its ideal site, relaxed radially to 1.07 (3-fold) or
/// 1.26 (4-fold) bonds; a template point within 0.6 bonds of another dopant is dropped, one within 0.6
/// bonds of another dopant's template point is that point, shared) and classifies each by its bonds and
/// rings (classifyGrapheneDopants, a template point bonding only to the dopant(s) that placed it). Throws
/// CanceledError on cancel.
GrapheneAnalysis analyseGraphene(const Image& image, const AtomTable& detected,
                                 const GrapheneParams& params = {}, JobContext& job = nullJobContext());

/// The whole analysis from an image: bond length (estimateGrapheneBond unless params.bondLength is set),
/// detectAtoms with grapheneDetectParams, then analyseGraphene.
GrapheneAnalysis analyseGrapheneImage(const Image& image, const GrapheneParams& params = {},
                                      JobContext& job = nullJobContext());

/// Coordination of the dopant rows of `atoms` (dopant[i] != 0) from the Delaunay graph of all rows cut
/// at params.bondCut x bondLength: the count of bonded non-dopant columns (3 -> element+"3", >= 4 ->
/// element+"4"), with a confidence from the distance margins to the cut and the angular gaps. `owner`
/// (optional, per row: GrapheneAnalysis::templateOwner) keeps a column that another dopant's template
/// placed (owner not kNoOwner, kSharedOwner or this dopant's row) from bonding to this one.
std::vector<GrapheneDopant> classifyGrapheneDopants(const AtomTable& atoms,
                                                    const std::vector<std::uint8_t>& dopant,
                                                    double bondLength, const GrapheneParams& params = {},
                                                    const std::vector<std::size_t>& owner = {});

/// Writes one row per dopant (id, x, y, class, coordination, confidence, mean bond, contrast, rings, and
/// the model's class and confidence when set) to a CSV file (atomically). Positions in pixels.
void writeGrapheneDopantsCsv(const GrapheneAnalysis& analysis, const std::string& path);
/// The same as an aligned text table (one line per dopant), for terminals.
std::string grapheneDopantTable(const GrapheneAnalysis& analysis);

} // namespace atomlens
