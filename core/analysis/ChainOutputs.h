#pragma once
// The files a task chain's run leaves behind. Lives in analysis (above chain and describe) because it
// writes what the analysis steps produce: descriptors, motifs, statistics and series.
#include "core/chain/ChainState.h"

#include <string>

namespace atomlens {

/// Writes a state to a folder: atoms.csv (one row per atom and empty site, one column per result),
/// graph.json (when a graph exists), figure.png and figure.svg, summary.json, and what analysis steps
/// produced (descriptors.csv, motifs.json, statistics/, series/). Every file is written
/// atomically; the folder is created when absent.
void writeChainOutputs(const ChainState& state, const std::string& folder);

} // namespace atomlens
