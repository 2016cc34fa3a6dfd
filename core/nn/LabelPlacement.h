#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/data/Labels.h"
#include "core/job/JobContext.h"
#include "core/nn/Classification.h"

#include <string>
#include <vector>

namespace atomlens {

/// What became of one user label when it was attached to a lattice graph.
enum class LabelFate {
    OnNode,       ///< attached to the node (atom or empty site) under it
    NodeAdded,    ///< no node there: a node was added (kFlagUserAdded), on the column when one is there
    OutsideImage, ///< skipped: the position is outside the image (or not finite)
    OffLattice,   ///< skipped: too far from every node to be a site of this lattice
    UnknownClass, ///< skipped: the class is not one of the classes being trained
    Conflict,     ///< skipped: an earlier label of another class is on the same node
};

/// One label's outcome.
struct LabelPlacement {
    Label label; ///< as given
    LabelFate fate = LabelFate::OnNode;
    std::int64_t node = -1; ///< graph node (row of PreparedGraph::nodes) it labels; -1 when skipped
    double distance = 0;    ///< pixels from the label to that node (or to the nearest node when skipped)
    bool refined = false;   ///< NodeAdded: a column was found and the node put on it
    bool used() const { return node >= 0; }
};

/// A prepared graph with user labels set (input.labels) and every label's outcome, in label order.
struct PlacedLabels {
    PreparedGraph prepared;
    std::vector<LabelPlacement> placements;
    std::size_t usedCount() const;
    std::size_t addedCount() const;
};

/// How far labels may be from nodes, in bond lengths.
struct LabelPlacementParams {
    double attach = 0.4;  ///< a label this close to a node labels it
    double maxGap = 1.5;  ///< farther than this from every node: off the lattice, skipped
    double refine = 0.35; ///< an added node moves onto a column found within this distance
};

/// Builds the graph of `atoms` (prepareGraph with `settings`) and attaches the labels. A label with no
/// node within `attach` bond lengths, inside the image and within `maxGap` of the lattice, gets a new
/// node (an atom flagged kFlagUserAdded), placed on the column under it when one is there (Gaussian
/// refinement that stays within `refine` bonds and keeps a positive amplitude), else exactly where the
/// user put it; the graph is then rebuilt with those nodes. Labels that cannot be used are reported and
/// skipped: one bad label never fails the job. `atoms` is not changed.
PlacedLabels placeLabels(const Image& image, const AtomTable& atoms, const Labels& labels,
                         const std::vector<std::string>& classes, bool withRings,
                         const GraphSettings& settings, JobContext& job = nullJobContext(),
                         const LabelPlacementParams& params = {});

/// One line for the user, e.g. "label 3 'V' at (112, 412): no node there, added one (kept where placed)".
std::string describePlacement(const LabelPlacement& placement, std::size_t index);

} // namespace atomlens
