#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Image.h"

#include <string>
#include <vector>

namespace atomlens {

/// How an overlay picture is drawn.
struct OverlayStyle {
    int maxSize =
        0; ///< longest side of the picture in pixels (0 = image size; larger images are scaled down)
    double radius = 0; ///< circle radius in image pixels (0 = 1.5 x each atom's sigma, at least 2)
    double lowPercentile = 0.5, highPercentile = 99.5; ///< contrast stretch limits
    double upscale = 1; ///< drawing scale when maxSize is 0 (2 = twice the image size, for close looks)
};

/// An extra mark on an overlay (labels, empty sites, misses): a circle or a cross in a BGR colour.
struct OverlayMark {
    double x = 0, y = 0; ///< image pixels
    double radius = 3;   ///< image pixels
    unsigned char b = 255, g = 255, r = 255;
    bool cross = false; ///< a cross instead of a circle
};

/// Writes a PNG of the image, contrast-stretched between two percentiles of its finite pixels
/// (non-finite pixels drawn black), with a circle at every atom: green for fitted atoms, orange for
/// atoms whose fit failed, grey for rejected ones. Written atomically; InputError on failure.
void writeDetectionOverlay(const Image& image, const AtomTable& atoms, const std::string& path,
                           const OverlayStyle& style = {}, const std::vector<OverlayMark>& marks = {});

} // namespace atomlens
