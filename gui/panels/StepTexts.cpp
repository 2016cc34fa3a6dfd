#include "gui/panels/StepTexts.h"

#include <QCoreApplication>

namespace atomlens::gui {

namespace {

// The English texts of the registered steps, for lupdate. tests/gui/test_translated_forms.cpp fails when a
// step's text is missing here (copy it from the test's output).
const char* const kTexts[] = {
    QT_TRANSLATE_NOOP("StepTexts", "Detect"),
    QT_TRANSLATE_NOOP("StepTexts", "-1 = keep atoms at the border"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = 0.35 x nearest-neighbour distance"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = 1.2 x sqrt(3) x bond length"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = 3 sigma"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = estimate from scale space"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = estimate from the FFT"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = estimate from the image"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = from detection"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = from the bond length"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = from the image (autocorrelation)"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = half the spacing"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = one lattice period"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = strain relative to the image's median lattice"),
    QT_TRANSLATE_NOOP("StepTexts", "0 = use the detected columns as they are"),
    QT_TRANSLATE_NOOP("StepTexts", "Bond statistics"),
    QT_TRANSLATE_NOOP("StepTexts", "C-C bond length"),
    QT_TRANSLATE_NOOP("StepTexts", "Classify"),
    QT_TRANSLATE_NOOP("StepTexts", "Classify with a sub-model"),
    QT_TRANSLATE_NOOP(
        "StepTexts",
        "Clusters the cells of the graph by their Zernike descriptors (Gaussian mixture, BIC) into motifs "
        "with a containment hierarchy; columns 'motif' (cluster) and 'domain' (enclosing motif)"),
    QT_TRANSLATE_NOOP("StepTexts", "Column"),
    QT_TRANSLATE_NOOP("StepTexts", "Column sigma"),
    QT_TRANSLATE_NOOP("StepTexts", "Column spacing"),
    QT_TRANSLATE_NOOP("StepTexts", "Count near"),
    QT_TRANSLATE_NOOP("StepTexts", "Count per class"),
    QT_TRANSLATE_NOOP(
        "StepTexts",
        "Counts atoms matching 'target' with an atom matching 'near' within 'hops' bonds, and marks them"),
    QT_TRANSLATE_NOOP("StepTexts", "Counts per class, bond length and angle distributions, strain, vacancy "
                                   "lines and dopant neighbourhoods (statistics/*.csv)"),
    QT_TRANSLATE_NOOP("StepTexts", "Counts rows per value of a result column (or of the atom class)"),
    QT_TRANSLATE_NOOP("StepTexts", "Dark offset"),
    QT_TRANSLATE_NOOP("StepTexts",
                      "Delaunay with an edge cut (planar, gives rings), k nearest, or a fixed radius"),
    QT_TRANSLATE_NOOP("StepTexts", "Describe"),
    QT_TRANSLATE_NOOP("StepTexts", "Detect atoms"),
    QT_TRANSLATE_NOOP("StepTexts", "Detection threshold"),
    QT_TRANSLATE_NOOP("StepTexts", "Detector gain"),
    QT_TRANSLATE_NOOP("StepTexts", "Dopant bond cut"),
    QT_TRANSLATE_NOOP("StepTexts", "Dopant classes"),
    QT_TRANSLATE_NOOP("StepTexts", "Dopant contrast"),
    QT_TRANSLATE_NOOP("StepTexts", "Drift correction, tracking of atoms and empty sites through every frame, "
                                   "per-site histories and vacancy-line events (series/*)"),
    QT_TRANSLATE_NOOP("StepTexts", "Edge margin"),
    QT_TRANSLATE_NOOP("StepTexts", "Empty sites are vacancies"),
    QT_TRANSLATE_NOOP("StepTexts", "Empty-site agreement"),
    QT_TRANSLATE_NOOP("StepTexts", "Environment radius"),
    QT_TRANSLATE_NOOP("StepTexts", "Find empty ideal sites"),
    QT_TRANSLATE_NOOP(
        "StepTexts",
        "Finds atom columns (classical filters + Gaussian fits, or the FCN) with sub-pixel positions"),
    QT_TRANSLATE_NOOP("StepTexts", "Fit window radius"),
    QT_TRANSLATE_NOOP("StepTexts", "Fitting sample"),
    QT_TRANSLATE_NOOP("StepTexts", "Gate"),
    QT_TRANSLATE_NOOP("StepTexts", "Graph"),
    QT_TRANSLATE_NOOP(
        "StepTexts",
        "Graphene columns at the image's own bond length, the honeycomb completed, dopants by brightness and "
        "their coordination (3-fold / 4-fold) from the bond graph, with a confidence"),
    QT_TRANSLATE_NOOP("StepTexts", "Graphene dopants"),
    QT_TRANSLATE_NOOP("StepTexts", "Histogram bins"),
    QT_TRANSLATE_NOOP("StepTexts", "Honeycomb completion rounds"),
    QT_TRANSLATE_NOOP("StepTexts", "Ignore patch brightness"),
    QT_TRANSLATE_NOOP("StepTexts", "Iterations"),
    QT_TRANSLATE_NOOP("StepTexts", "Joint fit below"),
    QT_TRANSLATE_NOOP("StepTexts", "Largest gap"),
    QT_TRANSLATE_NOOP("StepTexts", "Largest number of clusters"),
    QT_TRANSLATE_NOOP("StepTexts", "Largest ring"),
    QT_TRANSLATE_NOOP("StepTexts", "Lattice graph"),
    QT_TRANSLATE_NOOP("StepTexts", "Lattice-guided search"),
    QT_TRANSLATE_NOOP("StepTexts", "Likelihood"),
    QT_TRANSLATE_NOOP("StepTexts", "Local fit radius"),
    QT_TRANSLATE_NOOP("StepTexts", "Longest edge"),
    QT_TRANSLATE_NOOP("StepTexts", "Longest edge (absolute)"),
    QT_TRANSLATE_NOOP("StepTexts", "Merge clusters closer than"),
    QT_TRANSLATE_NOOP("StepTexts", "Method"),
    QT_TRANSLATE_NOOP("StepTexts", "Minimum separation"),
    QT_TRANSLATE_NOOP("StepTexts", "Model"),
    QT_TRANSLATE_NOOP("StepTexts", "Motifs (unsupervised)"),
    QT_TRANSLATE_NOOP("StepTexts", "Name"),
    QT_TRANSLATE_NOOP("StepTexts", "Near"),
    QT_TRANSLATE_NOOP(
        "StepTexts",
        "Neighbour graph, rings, local ideal lattice, empty ideal sites (vacancy candidates) and strain"),
    QT_TRANSLATE_NOOP("StepTexts", "Neighbours (knn)"),
    QT_TRANSLATE_NOOP("StepTexts", "Network"),
    QT_TRANSLATE_NOOP("StepTexts", "Node descriptors"),
    QT_TRANSLATE_NOOP(
        "StepTexts",
        "Per-node descriptors: intensity patch, rotation-invariant Zernike moments, "
        "coordination, bond and angle statistics, strain (descriptors.csv); without an image only the "
        "geometry"),
    QT_TRANSLATE_NOOP("StepTexts", "Pixel patch"),
    QT_TRANSLATE_NOOP("StepTexts", "Principal components"),
    QT_TRANSLATE_NOOP("StepTexts", "Random seed"),
    QT_TRANSLATE_NOOP("StepTexts", "Read noise"),
    QT_TRANSLATE_NOOP("StepTexts", "Refine positions"),
    QT_TRANSLATE_NOOP("StepTexts", "Rescue outlier fits"),
    QT_TRANSLATE_NOOP("StepTexts", "Ring patch radius"),
    QT_TRANSLATE_NOOP("StepTexts", "Rules"),
    QT_TRANSLATE_NOOP("StepTexts", "Runs an EGNN sub-model over every node of the lattice graph in one pass"),
    QT_TRANSLATE_NOOP("StepTexts", "Series"),
    QT_TRANSLATE_NOOP("StepTexts", "Set atom classes"),
    QT_TRANSLATE_NOOP("StepTexts", "Site match tolerance"),
    QT_TRANSLATE_NOOP("StepTexts", "Site when seen in"),
    QT_TRANSLATE_NOOP("StepTexts", "Starting column sigma"),
    QT_TRANSLATE_NOOP("StepTexts", "Statistics"),
    QT_TRANSLATE_NOOP("StepTexts", "Structure"),
    QT_TRANSLATE_NOOP("StepTexts", "Sub-pixel positions of the atoms: Gaussian fits (neighbours subtracted), "
                                   "then a Poisson likelihood pass with standard errors"),
    QT_TRANSLATE_NOOP("StepTexts", "Sub-pixel refinement"),
    QT_TRANSLATE_NOOP("StepTexts", "Subtract neighbours"),
    QT_TRANSLATE_NOOP("StepTexts", "Target"),
    QT_TRANSLATE_NOOP("StepTexts", "Threshold"),
    QT_TRANSLATE_NOOP("StepTexts", "Track a series"),
    QT_TRANSLATE_NOOP("StepTexts", "Track empty ideal sites"),
    QT_TRANSLATE_NOOP("StepTexts", "Unstrained lattice constant"),
    QT_TRANSLATE_NOOP("StepTexts", "Vacancy below"),
    QT_TRANSLATE_NOOP("StepTexts", "Vacancy classes"),
    QT_TRANSLATE_NOOP("StepTexts", "Vacancy line link"),
    QT_TRANSLATE_NOOP("StepTexts", "Within"),
    QT_TRANSLATE_NOOP("StepTexts", "Zernike moments"),
    QT_TRANSLATE_NOOP("StepTexts", "Zernike order"),
    QT_TRANSLATE_NOOP("StepTexts", "Zernike patch radius"),
    QT_TRANSLATE_NOOP("StepTexts", "a column brighter than this x the median column is a dopant"),
    QT_TRANSLATE_NOOP("StepTexts", "also use the answer as the atoms' class"),
    QT_TRANSLATE_NOOP("StepTexts", "auto: chosen from the image (lattice or single atoms); classical: "
                                   "band-pass, peaks and Gaussian fits; fcn: the segmentation network"),
    QT_TRANSLATE_NOOP("StepTexts", "centre of mass + elliptical Gaussian fits"),
    QT_TRANSLATE_NOOP("StepTexts", "columns closer than this are fitted as one model"),
    QT_TRANSLATE_NOOP("StepTexts", "comma-separated class names"),
    QT_TRANSLATE_NOOP("StepTexts", "e.g. empty, or mos2-vacancy=isolated|line"),
    QT_TRANSLATE_NOOP("StepTexts", "e.g. mos2-dopant=dopant"),
    QT_TRANSLATE_NOOP("StepTexts", "edges longer than this multiple of the typical bond length are dropped"),
    QT_TRANSLATE_NOOP("StepTexts", "fraction of the frames"),
    QT_TRANSLATE_NOOP("StepTexts", "fraction of the median chalcogen amplitude"),
    QT_TRANSLATE_NOOP("StepTexts", "frames; -1 = no limit"),
    QT_TRANSLATE_NOOP("StepTexts", "graph distance (0 = the atom itself)"),
    QT_TRANSLATE_NOOP("StepTexts",
                      "look for dim columns where the lattice of the detected atoms predicts a site"),
    QT_TRANSLATE_NOOP("StepTexts", "mixture components closer than this are one motif (0 = no merging)"),
    QT_TRANSLATE_NOOP("StepTexts", "model for method fcn"),
    QT_TRANSLATE_NOOP("StepTexts", "motif cells: Zernike disk radius when zernike_radius is 0"),
    QT_TRANSLATE_NOOP("StepTexts", "name of the count and of the marking column"),
    QT_TRANSLATE_NOOP("StepTexts", "neighbours closer than this are bonded to the dopant"),
    QT_TRANSLATE_NOOP("StepTexts", "odd width of the intensity patch (3 = 9 features)"),
    QT_TRANSLATE_NOOP("StepTexts", "peak height over the local background, in noise standard deviations"),
    QT_TRANSLATE_NOOP("StepTexts",
                      "poisson: final maximum-likelihood pass with standard errors and Cramer-Rao bounds"),
    QT_TRANSLATE_NOOP(
        "StepTexts",
        "refinement: Poisson maximum likelihood (errors and Cramer-Rao bounds) or least squares"),
    QT_TRANSLATE_NOOP("StepTexts",
                      "refit columns whose width or position ran off, with the typical sigma fixed"),
    QT_TRANSLATE_NOOP("StepTexts", "refit with neighbouring columns' Gaussians subtracted"),
    QT_TRANSLATE_NOOP("StepTexts", "refit with the neighbours' Gaussians subtracted"),
    QT_TRANSLATE_NOOP("StepTexts", "result column name (default: the model's name)"),
    QT_TRANSLATE_NOOP("StepTexts", "result column; empty = the atom class"),
    QT_TRANSLATE_NOOP("StepTexts", "shipped name, card path or model folder"),
    QT_TRANSLATE_NOOP("StepTexts", "with a given gain"),
    // Units.
    QT_TRANSLATE_NOOP("StepTexts", "Bhattacharyya"),
    QT_TRANSLATE_NOOP("StepTexts", "bond lengths"),
    QT_TRANSLATE_NOOP("StepTexts", "bonds"),
    QT_TRANSLATE_NOOP("StepTexts", "fraction"),
    QT_TRANSLATE_NOOP("StepTexts", "lattice constants"),
    QT_TRANSLATE_NOOP("StepTexts", "noise sd"),
    QT_TRANSLATE_NOOP("StepTexts", "periods"),
    QT_TRANSLATE_NOOP("StepTexts", "px"),
    QT_TRANSLATE_NOOP("StepTexts", "sigma"),
    QT_TRANSLATE_NOOP("StepTexts", "units"),
    QT_TRANSLATE_NOOP("StepTexts", "units/e"),
    QT_TRANSLATE_NOOP("StepTexts", "x bond"),
    QT_TRANSLATE_NOOP("StepTexts", "x median"),
};

} // namespace

QString stepText(const std::string& english) {
    if (english.empty()) return {};
    return QCoreApplication::translate("StepTexts", english.c_str());
}

std::vector<std::string> stepTextCatalogue() {
    return {std::begin(kTexts), std::end(kTexts)};
}

} // namespace atomlens::gui
