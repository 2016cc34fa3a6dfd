#pragma once
#include "core/data/AtomTable.h"

#include <cstdint>
#include <vector>

namespace atomlens::gui {

/// Which detections the review queue shows.
struct ReviewFilter {
    std::int32_t classId = -2;                        ///< -2 = every class, -1 = unclassified only
    float minConfidence = 0.0f, maxConfidence = 1.0f; ///< inclusive range of the prediction's confidence
    bool includeReviewed = false;                     ///< also list atoms a person already decided on
};

/// Detections ordered from the least to the most certain, for a person to check one by one. The
/// uncertainty of an atom is 1 - confidence when it has a predicted class, else its position
/// uncertainty relative to the largest in the table (unfitted atoms first). Holds ids only, so it
/// survives edits; entries that disappear are skipped. Atoms cut by the image edge (kFlagAtEdge) come
/// before all others.
class ReviewQueue {
public:
    /// Rebuilds the order from the atoms; keeps the current atom when it is still listed.
    void rebuild(const AtomTable& atoms, const ReviewFilter& filter);
    const std::vector<std::uint32_t>& ids() const { return m_ids; }
    std::size_t size() const { return m_ids.size(); }
    bool empty() const { return m_ids.empty(); }
    /// Position in the queue (-1 when empty).
    int index() const { return m_index; }
    /// The atom to look at now, 0 when the queue is empty.
    std::uint32_t current() const;
    void setIndex(int index);
    /// Moves to the next (or previous) entry that is not yet reviewed (wrapping at the ends);
    /// returns the new current id.
    std::uint32_t next(const AtomTable& atoms);
    std::uint32_t previous(const AtomTable& atoms);
    /// How uncertain an atom of the table is (0 = certain, 1 = a guess).
    static float uncertainty(const AtomTable& atoms, std::size_t row, float maxPositionUncertainty);

private:
    std::uint32_t step(const AtomTable& atoms, int direction);
    std::vector<std::uint32_t> m_ids;
    int m_index = -1;
};

} // namespace atomlens::gui
