#pragma once
#include "core/analysis/DriftCorrection.h"
#include "core/job/JobContext.h"

#include <vector>

namespace atomlens {

/// Positions found in one frame (pixels, pixel-centre convention), e.g. detected atoms plus empty
/// ideal lattice sites.
struct FramePoints {
    std::vector<double> x, y;
};

/// Settings of frame-to-frame tracking.
struct TrackParams {
    double gate = 0; ///< largest distance between a track and a point it continues with, px
                     ///< (0 = 0.35 x the median nearest-neighbour distance of the first non-empty frame)
    int maxGap = -1; ///< frames a track may stay unseen and still be continued (-1 = no limit, right for
                     ///< lattice sites that empty and refill; 0 = only consecutive frames)
};

/// One track: a physical site (or atom) followed through the series.
struct Track {
    int firstFrame = 0, lastFrame = 0; ///< first and last frame it was observed in
    int observations = 0;              ///< number of frames it was observed in
    double x = 0, y = 0;               ///< mean drift-corrected position (frame-0 coordinates), px
};

/// Result of tracking: the track of every point of every frame, and the tracks.
struct TrackingResult {
    std::vector<std::vector<int>> trackOf; ///< [frame][point] -> track index (its persistent id)
    std::vector<Track> tracks;
    double gate = 0; ///< the gate actually used, px
};

/// Follows points through a frame series. Positions are drift-corrected (p - drift[f]) and each frame
/// is assigned to the live tracks by a minimum-cost assignment (squared distance) restricted to pairs
/// closer than the gate; a track continues from the mean of its observations, so a site that loses
/// its atom for a while (a vacancy) keeps its identity when an atom comes back. Points that match no
/// track start new tracks (appearing atoms); tracks unseen for more than maxGap frames end
/// (disappearing atoms). `drift` may be empty (no correction) or have one shift per frame.
/// Throws std::invalid_argument when the sizes disagree.
TrackingResult trackPoints(const std::vector<FramePoints>& frames, const std::vector<FrameShift>& drift,
                           const TrackParams& params = {}, JobContext& job = nullJobContext());

/// Refines a drift estimate (e.g. phase correlation) with the points themselves: for each pair of
/// consecutive frames the points are assigned within `gate` after the coarse step, and the step is
/// corrected by the median residual (twice). Sub-pixel shifts from hundreds of atoms are accurate to
/// a few hundredths of a pixel, where the correlation of a periodic lattice may be off by tenths.
/// Frames with fewer than 3 assigned points keep the coarse step.
std::vector<FrameShift> refineDrift(const std::vector<FramePoints>& frames,
                                    const std::vector<FrameShift>& drift, double gate);

/// Re-estimates each frame's drift against the tracks (a global reference, so errors no longer
/// accumulate from frame to frame): the median offset of the frame's tracked points from their track
/// means corrects the frame's shift, frame 0's correction is subtracted from all (frame-0 coordinates
/// stay the reference), and the track means are recomputed. Only each frame's first `usable[f]`
/// points count (e.g. detected atoms, not predicted empty sites); empty `usable` = all points.
std::vector<FrameShift> refineDriftByTracks(const std::vector<FramePoints>& frames, TrackingResult& tracking,
                                            const std::vector<FrameShift>& drift,
                                            const std::vector<std::size_t>& usable = {});

/// Median distance from each point to its nearest other point (brute force over a grid), px; 0 for
/// fewer than two points.
double medianNearestDistance(const FramePoints& points);

} // namespace atomlens
