#pragma once
#include "core/analysis/DriftCorrection.h"
#include "core/data/Image.h"
#include "core/job/JobContext.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// What happened at every tracked lattice site in every frame of a series. Sites are the tracks of
/// trackPoints (same index); positions are drift-corrected (frame-0 coordinates). Per-frame values are
/// stored site-major: value(site, frame) = v[site * frameCount + frame].
struct SiteHistory {
    int frameCount = 0;
    std::vector<double> x, y;             ///< reference position of each site, px
    std::vector<std::int32_t> sublattice; ///< basis site of the lattice (-1 = off the lattice)
    std::vector<std::string> kind;        ///< per site: "metal", "chalcogen" or "other"
    std::vector<float> intensity;         ///< column amplitude above background; NaN = outside the frame
    std::vector<std::uint8_t> observed;   ///< 1 = a detected atom was tracked to the site in that frame
    std::vector<std::string> stateNames;  ///< names of the per-frame states
    std::vector<std::int8_t> state;       ///< index into stateNames; -1 = not classified / outside
    std::vector<std::uint8_t>
        analysed;               ///< per site: inside every frame by the margin (the common field of view)
    double latticeConstant = 0; ///< sqrt(3) x the median bond between sites, px (0 = no bonds)

    std::size_t siteCount() const { return x.size(); }
    std::size_t at(std::size_t site, int frame) const {
        return site * std::size_t(frameCount) + std::size_t(frame);
    }
    /// State name of a site in a frame ("" when unclassified).
    std::string stateName(std::size_t site, int frame) const {
        const int s = state[at(site, frame)];
        return s < 0 ? std::string() : stateNames[std::size_t(s)];
    }
};

/// Settings of the per-site measurement.
struct SiteParams {
    double sigma = 0;  ///< column Gaussian sigma used as the measurement profile, px (0 = 0.25 x bond length)
    double margin = 0; ///< a site counts as inside a frame when this far from its border, px (0 = 3 sigma)
    double backgroundWindow = 0; ///< window of the local-minimum background, px (0 = 2 x bond length)
    double vacancyFraction =
        0.75; ///< a chalcogen site is vacant below this fraction of the frame's median chalcogen site
};

/// Amplitude of a Gaussian column (sigma) at (x + drift.dx, y + drift.dy) in the image, above a
/// local-minimum background (the image smoothed, eroded over `backgroundWindow` and smoothed again),
/// by least squares on the disk of radius 2 sigma. NaN where the disk leaves the image by more than
/// `margin` allows. One value per site.
std::vector<float> measureSiteAmplitudes(const Image& image, const FrameShift& drift,
                                         const std::vector<double>& x, const std::vector<double>& y,
                                         double sigma, double backgroundWindow, double margin);

/// A site whose state differs from its state in the previous frame (e.g. a vacancy appearing:
/// chalcogen -> chalcogen-vacancy).
struct SiteStateChange {
    std::size_t site = 0;
    int frame = 0; ///< the frame with the new state
    std::string from, to;
};

/// Every state change of the analysed sites between consecutive frames, by frame then site. Frames in
/// which a site is unclassified (outside, no lattice) neither start nor end a change.
std::vector<SiteStateChange> siteStateChanges(const SiteHistory& history);

/// Two-colours a honeycomb: sites one bond length apart (0.8..1.2 x bondLength) get different
/// sublattices (0 / 1), breadth first, then three passes of majority relaxation so that a spurious
/// bond cannot flip a region. Sites without such a bond get -1.
std::vector<std::int32_t> honeycombSublattices(const std::vector<double>& x, const std::vector<double>& y,
                                               double bondLength);

/// Builds the history of the sites of a series (positions x, y from the tracks, `observed` from the
/// tracking) for a two-species honeycomb such as 2H MoS2 in projection: measures every site in every
/// frame, assigns sublattices from the site positions (honeycombSublattices), calls the brighter sublattice
/// "metal" and the other "chalcogen", and gives chalcogen sites per frame the state "full" or "vacancy"
/// (amplitude below vacancyFraction x the frame's median chalcogen amplitude) and metal sites
/// "metal". `bondLength` is the nearest-neighbour distance, px.
SiteHistory buildSiteHistory(const std::vector<Image>& frames, const std::vector<FrameShift>& drift,
                             const std::vector<double>& x, const std::vector<double>& y,
                             const std::vector<std::uint8_t>& observed, double bondLength,
                             const SiteParams& params = {}, JobContext& job = nullJobContext());

} // namespace atomlens
