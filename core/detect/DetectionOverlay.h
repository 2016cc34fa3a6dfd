#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Image.h"

#include <string>

namespace atomlens {

/// How an overlay picture is drawn.
struct OverlayStyle {
    int maxSize =
        0; ///< longest side of the picture in pixels (0 = image size; larger images are scaled down)
    double radius = 0; ///< circle radius in image pixels (0 = 1.5 x each atom's sigma, at least 2)
    double lowPercentile = 0.5, highPercentile = 99.5; ///< contrast stretch limits
};

/// Writes a PNG of the image, contrast-stretched between two percentiles of its finite pixels
/// (non-finite pixels drawn black), with a circle at every atom: green for fitted atoms, orange for
/// atoms whose fit failed, grey for rejected ones. Written atomically; InputError on failure.
void writeDetectionOverlay(const Image& image, const AtomTable& atoms, const std::string& path,
                           const OverlayStyle& style = {});

} // namespace atomlens
