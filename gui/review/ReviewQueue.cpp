#include "gui/review/ReviewQueue.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace atomlens::gui {

float ReviewQueue::uncertainty(const AtomTable& atoms, std::size_t row, float maxPositionUncertainty) {
    if (atoms.classIds()[row] >= 0) return std::clamp(1.0f - atoms.confidences()[row], 0.0f, 1.0f);
    const float u = atoms.uncertainties()[row];
    if (!(u > 0) || (atoms.flags()[row] & kFlagFitFailed)) return 1.0f;
    return std::clamp(u / std::max(1e-6f, maxPositionUncertainty), 0.0f, 1.0f);
}

void ReviewQueue::rebuild(const AtomTable& atoms, const ReviewFilter& filter) {
    const std::uint32_t keep = current();
    float maxU = 0;
    for (const float u : atoms.uncertainties())
        if (std::isfinite(u)) maxU = std::max(maxU, u);
    std::vector<std::pair<float, std::uint32_t>> order;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const auto flags = atoms.flags()[i];
        if (flags & kFlagEmptySite) continue;
        if (!filter.includeReviewed && (flags & (kFlagUserReviewed | kFlagRejected))) continue;
        const auto c = atoms.classIds()[i];
        if (filter.classId != -2 && c != filter.classId) continue;
        const float conf = c >= 0 ? atoms.confidences()[i] : 0.0f;
        if (c >= 0 && (conf < filter.minConfidence || conf > filter.maxConfidence)) continue;
        // Atoms cut by the image edge first: their fit and neighbourhood are partial, so a model's
        // class and confidence mean less there (+1 puts them ahead of every uncertainty in [0, 1]).
        const float edge = (flags & kFlagAtEdge) ? 1.0f : 0.0f;
        order.emplace_back(edge + uncertainty(atoms, i, maxU), atoms.ids()[i]);
    }
    // Edge atoms, then the most uncertain; ties by id so the order is stable.
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    m_ids.resize(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) m_ids[k] = order[k].second;
    m_index = m_ids.empty() ? -1 : 0;
    if (keep)
        if (const auto it = std::find(m_ids.begin(), m_ids.end(), keep); it != m_ids.end())
            m_index = int(it - m_ids.begin());
}

std::uint32_t ReviewQueue::current() const {
    return m_index >= 0 && m_index < int(m_ids.size()) ? m_ids[std::size_t(m_index)] : 0;
}

void ReviewQueue::setIndex(int index) {
    if (!m_ids.empty()) m_index = std::clamp(index, 0, int(m_ids.size()) - 1);
}

std::uint32_t ReviewQueue::step(const AtomTable& atoms, int direction) {
    const int n = int(m_ids.size());
    if (n == 0) return 0;
    for (int k = 1; k <= n; ++k) {
        const int i = ((m_index + direction * k) % n + n) % n;
        const auto row = atoms.rowOf(m_ids[std::size_t(i)]);
        if (row < 0) continue;
        if (atoms.flags()[std::size_t(row)] & (kFlagUserReviewed | kFlagRejected)) continue;
        m_index = i;
        return current();
    }
    // Everything reviewed: plain step.
    m_index = ((m_index + direction) % n + n) % n;
    return current();
}

std::uint32_t ReviewQueue::next(const AtomTable& atoms) {
    return step(atoms, +1);
}

std::uint32_t ReviewQueue::previous(const AtomTable& atoms) {
    return step(atoms, -1);
}

} // namespace atomlens::gui
