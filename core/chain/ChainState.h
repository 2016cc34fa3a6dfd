#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Micrograph.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace atomlens {

class LatticeGraph;
struct FeatureMatrix;
struct MotifResult;
struct SeriesAnalysis;
struct ImageStatistics;

/// One sub-model's (or rule's) answer per atom row: a class name (or value) and a confidence.
struct AtomResultColumn {
    std::string name;                ///< column name in atoms.csv, e.g. "mos2-species"
    std::vector<std::string> values; ///< one per atom row ("" = not applicable)
    std::vector<float> confidences;  ///< one per atom row (NaN = not applicable)
};

/// What a task chain works on and produces for one frame of one micrograph. Steps read it as a
/// snapshot and return their results (core/chain/Step.h), which the chain runner applies; the runner
/// writes it out (atoms.csv, graph.json, figures, summary, descriptors, motifs, statistics, series).
struct ChainState {
    std::shared_ptr<const Micrograph> micrograph;
    int frame = 0;
    AtomTable atoms;                       ///< detected atoms (+ empty ideal sites once a graph step ran)
    std::shared_ptr<LatticeGraph> graph;   ///< set by the graph step
    std::vector<AtomResultColumn> columns; ///< per-atom results, in the order steps produced them
    std::shared_ptr<const FeatureMatrix> descriptors;  ///< per graph node (descriptors step)
    std::shared_ptr<const MotifResult> motifs;         ///< per graph node and ring (motifs step)
    std::shared_ptr<const ImageStatistics> statistics; ///< counts, bonds, strain (statistics step)
    std::shared_ptr<const SeriesAnalysis> series;      ///< tracking over all frames (track step)
    std::map<std::string, double> summary;             ///< counts and statistics from rules
    std::vector<std::string> log;                      ///< one line per step: what it did

    const Image& image() const { return micrograph->frame(frame); }
    /// The column with this name, created (filled with "" / NaN) when absent.
    AtomResultColumn& column(const std::string& name);
    const AtomResultColumn* findColumn(const std::string& name) const;
};

} // namespace atomlens
