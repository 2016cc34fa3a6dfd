#include "gui/view/AtomOverlayItem.h"

#include "core/io/FigureWriter.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <array>
#include <cmath>

namespace atomlens::gui {
namespace {

constexpr int kSlots = 9;          // 8 class colours + unclassified
constexpr int kConfidenceBins = 3; // opacity steps
enum Style { Normal, Reviewed, Rejected, EmptySite, StyleCount };

} // namespace

AtomOverlayItem::AtomOverlayItem(QRectF bounds) : m_bounds(bounds) {
    setFlag(ItemUsesExtendedStyleOption); // exposedRect is the dirty region, so culling works
}

QColor AtomOverlayItem::classColour(int classId) {
    const auto c = atomlens::classColour(classId); // the same colours as exported figures
    return QColor(c[0], c[1], c[2]);
}

void AtomOverlayItem::setBounds(QRectF bounds) {
    prepareGeometryChange();
    m_bounds = bounds;
    rebuildIndex();
}

void AtomOverlayItem::setRadius(double radius) {
    m_radius = radius;
    update();
}

void AtomOverlayItem::setAtoms(const AtomTable& atoms) {
    m_ids = atoms.ids();
    m_x = atoms.xs();
    m_y = atoms.ys();
    m_class.assign(atoms.classIds().begin(), atoms.classIds().end());
    m_confidence = atoms.confidences();
    m_flags = atoms.flags();
    rebuildIndex();
    setHighlighted(m_highlightIds);
}

void AtomOverlayItem::setHighlighted(const std::vector<std::uint32_t>& ids) {
    m_highlightIds = ids;
    m_highlight.assign(m_ids.size(), 0);
    for (const auto id : ids)
        if (const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id); it != m_ids.end() && *it == id)
            m_highlight[std::size_t(it - m_ids.begin())] = 1;
    update();
}

void AtomOverlayItem::rebuildIndex() {
    m_cols = std::max(1, int(std::ceil(m_bounds.width() / m_cellSize)) + 1);
    m_rows = std::max(1, int(std::ceil(m_bounds.height() / m_cellSize)) + 1);
    auto cellOf = [&](std::size_t i) {
        const int cx = std::clamp(int((m_x[i] - m_bounds.left()) / m_cellSize), 0, m_cols - 1);
        const int cy = std::clamp(int((m_y[i] - m_bounds.top()) / m_cellSize), 0, m_rows - 1);
        return cy * m_cols + cx;
    };
    m_cellStart.assign(std::size_t(m_cols * m_rows + 1), 0);
    for (std::size_t i = 0; i < m_x.size(); ++i) ++m_cellStart[std::size_t(cellOf(i) + 1)];
    for (std::size_t c = 1; c < m_cellStart.size(); ++c) m_cellStart[c] += m_cellStart[c - 1];
    m_order.assign(m_x.size(), 0);
    std::vector<int> fill(m_cellStart.begin(), m_cellStart.end() - 1);
    for (std::size_t i = 0; i < m_x.size(); ++i)
        m_order[std::size_t(fill[std::size_t(cellOf(i))]++)] = int(i);
}

int AtomOverlayItem::nearestAtom(QPointF p, double maxDistance) const {
    if (m_x.empty()) return -1;
    const int c0 = std::clamp(int((p.x() - maxDistance - m_bounds.left()) / m_cellSize), 0, m_cols - 1);
    const int c1 = std::clamp(int((p.x() + maxDistance - m_bounds.left()) / m_cellSize), 0, m_cols - 1);
    const int r0 = std::clamp(int((p.y() - maxDistance - m_bounds.top()) / m_cellSize), 0, m_rows - 1);
    const int r1 = std::clamp(int((p.y() + maxDistance - m_bounds.top()) / m_cellSize), 0, m_rows - 1);
    int best = -1;
    double bestD = maxDistance * maxDistance;
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
            const int cell = r * m_cols + c;
            for (int k = m_cellStart[std::size_t(cell)]; k < m_cellStart[std::size_t(cell + 1)]; ++k) {
                const auto i = std::size_t(m_order[std::size_t(k)]);
                const double d = (m_x[i] - p.x()) * (m_x[i] - p.x()) + (m_y[i] - p.y()) * (m_y[i] - p.y());
                if (d <= bestD) bestD = d, best = int(i);
            }
        }
    return best;
}

void AtomOverlayItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (m_x.empty()) return;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF exposed = option->exposedRect.adjusted(-m_radius, -m_radius, m_radius, m_radius);
    const int c0 = std::clamp(int((exposed.left() - m_bounds.left()) / m_cellSize), 0, m_cols - 1);
    const int c1 = std::clamp(int((exposed.right() - m_bounds.left()) / m_cellSize), 0, m_cols - 1);
    const int r0 = std::clamp(int((exposed.top() - m_bounds.top()) / m_cellSize), 0, m_rows - 1);
    const int r1 = std::clamp(int((exposed.bottom() - m_bounds.top()) / m_cellSize), 0, m_rows - 1);
    // Group visible atoms by (colour, opacity, style) so each group is one batched draw call.
    constexpr int kGroups = kSlots * kConfidenceBins * StyleCount;
    std::array<std::vector<QPointF>, kGroups> groups;
    std::vector<QPointF> highlighted;
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
            const int cell = r * m_cols + c;
            for (int k = m_cellStart[std::size_t(cell)]; k < m_cellStart[std::size_t(cell + 1)]; ++k) {
                const auto i = std::size_t(m_order[std::size_t(k)]);
                if (!exposed.contains(m_x[i], m_y[i])) continue;
                const int slot = m_class[i] < 0 ? 8 : m_class[i] % 8;
                const float conf = m_class[i] < 0 ? 1.0f : m_confidence[i];
                const int bin = conf < 0.5f ? 0 : conf < 0.8f ? 1 : 2;
                const auto f = m_flags[i];
                const int style = (f & kFlagRejected)       ? Rejected
                                  : (f & kFlagEmptySite)    ? EmptySite
                                  : (f & kFlagUserReviewed) ? Reviewed
                                                            : Normal;
                groups[std::size_t((style * kSlots + slot) * kConfidenceBins + bin)].emplace_back(m_x[i],
                                                                                                  m_y[i]);
                if (m_highlight[i]) highlighted.emplace_back(m_x[i], m_y[i]);
            }
        }
    painter->setRenderHint(QPainter::Antialiasing, lod > 0.5);
    const double screenRadius = m_radius * lod;
    const bool far = screenRadius < 2.0;
    painter->setBrush(Qt::NoBrush);
    for (int g = 0; g < kGroups; ++g) {
        const auto& pts = groups[std::size_t(g)];
        if (pts.empty()) continue;
        const int bin = g % kConfidenceBins, slot = (g / kConfidenceBins) % kSlots;
        const int style = g / (kConfidenceBins * kSlots);
        QColor colour = style == Rejected ? QColor(150, 150, 150) : classColour(slot == 8 ? -1 : slot);
        colour.setAlphaF(bin == 0 ? 0.45 : bin == 1 ? 0.75 : 1.0);
        QPen pen(colour, far ? std::max(1.5, screenRadius * 2) : (style == Reviewed ? 2.5 : 1.5),
                 Qt::SolidLine, Qt::RoundCap);
        pen.setCosmetic(true); // widths in screen pixels
        painter->setPen(pen);
        if (far) {
            painter->drawPoints(pts.data(), int(pts.size())); // far out: one point per atom
            continue;
        }
        const double r = m_radius;
        for (const auto& p : pts) {
            if (style == Rejected) {
                painter->drawLine(QLineF(p.x() - r, p.y() - r, p.x() + r, p.y() + r));
                painter->drawLine(QLineF(p.x() - r, p.y() + r, p.x() + r, p.y() - r));
            } else if (style == EmptySite) {
                painter->drawRect(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r));
            } else {
                painter->drawEllipse(p, r, r);
            }
        }
        if (style == Reviewed) { // a white dot marks a person's decision
            QPen dot(Qt::white, std::max(2.0, screenRadius * 0.5), Qt::SolidLine, Qt::RoundCap);
            dot.setCosmetic(true);
            painter->setPen(dot);
            painter->drawPoints(pts.data(), int(pts.size()));
        }
    }
    if (!highlighted.empty()) {
        QPen pen(QColor(255, 0, 255), 2.0);
        pen.setCosmetic(true);
        painter->setPen(pen);
        const double r = std::max(m_radius * 1.6, 4.0 / std::max(lod, 1e-6));
        for (const auto& p : highlighted) painter->drawEllipse(p, r, r);
    }
}

} // namespace atomlens::gui
