#pragma once
#include "core/base/Parameters.h"
#include "core/data/FeatureMatrix.h"
#include "core/data/Image.h"
#include "core/graph/LatticeGraph.h"
#include "core/job/JobContext.h"

namespace atomlens {

/// Which per-node descriptors to compute.
struct DescriptorParams {
    int patchSize = 3;   ///< odd; patch_r_c pixel intensities around each node (3 = the EGNN's 9)
    bool zernike = true; ///< Zernike moment magnitudes (needs an image)
    int zernikeOrder = 10;
    double zernikeRadius = 0; ///< patch radius in pixels; 0 = one lattice period (a patch two periods wide)
    bool geometry = true;     ///< coordination, bond-length and bond-angle statistics, strain
    double ringRadiusFactor = 0.7; ///< ring patches: radius in periods when zernikeRadius is 0
    static const std::vector<ParamField<DescriptorParams>>& fields();
};

/// Per-node descriptors of a graph, one row per node (empty ideal sites included):
/// - patch_r_c: bilinear intensities at (x + c - h, y + r - h), h = patchSize / 2, of the image
///   normalised to its 0.5..99.5 percentile range (so 0..1 for most pixels);
/// - intensity: mean normalised intensity within 0.3 bond lengths;
/// - zernike_n_m: rotation-invariant Zernike magnitudes over a disk of zernikeRadius, and
///   disk_inside (1 when that disk lies wholly inside the image, 0 where the border clips it);
/// - empty_site (0/1), coordination (atom neighbours), bond_mean/bond_std/bond_min/bond_max (in bond
///   lengths), angle_min/angle_std (gaps between successive bonds, radians), and when the graph has
///   lattice fields: displacement (px), exx, eyy, exy, rotation.
/// Image columns are left out when `image` is null. Work is split over the machine's cores.
FeatureMatrix computeDescriptors(const Image* image, const LatticeGraph& graph,
                                 const DescriptorParams& params = {}, JobContext& job = nullJobContext());

/// Per-ring (cell) descriptors, one row per ring of the graph: the Zernike magnitudes (zernike_n_m, as
/// for nodes) of a disk centred on the ring's centroid, and disk_inside. Where a node patch mixes the
/// cells around a column, a ring patch sees one cell: its columns and their arrangement (a hexagon, a
/// 5- or 7-ring of a dislocation core, a 1T triangle), which is what motifs are made of. The radius is
/// zernikeRadius, or when that is 0, ringRadiusFactor x the period.
FeatureMatrix computeRingDescriptors(const Image& image, const LatticeGraph& graph,
                                     const DescriptorParams& params = {}, JobContext& job = nullJobContext());

/// The period used for Zernike patches when zernikeRadius is 0: the FFT period of the image when one
/// is found, else 1.5 x the graph's bond length (the {100} spacing of a honeycomb).
double descriptorPeriod(const Image* image, const LatticeGraph& graph);

/// An image scaled so its 0.5 and 99.5 percentiles map to 0 and 1 (non-finite pixels become 0).
Image normalisedImage(const Image& image, JobContext& job = nullJobContext());

} // namespace atomlens
