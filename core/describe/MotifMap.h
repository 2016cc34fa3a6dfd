#pragma once
#include "core/data/Image.h"
#include "core/describe/Motifs.h"
#include "core/graph/LatticeGraph.h"

#include <string>

namespace atomlens {

/// Draws a motif map: the micrograph in grey (contrast-stretched, downscaled so its longer side is at
/// most maxSide pixels), each labelled ring filled half-transparently in its cluster's colour, the
/// atoms as dark dots and empty ideal sites as red ones; written as PNG atomically. Throws InputError naming
/// the path when it cannot be written.
void writeMotifMap(const std::string& path, const Image& image, const LatticeGraph& graph,
                   const MotifResult& motifs, int maxSide = 640);

} // namespace atomlens
