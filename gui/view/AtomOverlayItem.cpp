#include "gui/view/AtomOverlayItem.h"

#include "core/io/FigureWriter.h"

#include "core/io/FigureWriter.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace atomlens::gui {

AtomOverlayItem::AtomOverlayItem(QRectF bounds) : m_bounds(bounds) {}

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
    m_x = atoms.xs();
    m_y = atoms.ys();
    m_class.assign(atoms.classIds().begin(), atoms.classIds().end());
    m_flags = atoms.flags();
    rebuildIndex();
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

void AtomOverlayItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (m_x.empty()) return;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF exposed = option->exposedRect.adjusted(-m_radius, -m_radius, m_radius, m_radius);
    const int c0 = std::clamp(int((exposed.left() - m_bounds.left()) / m_cellSize), 0, m_cols - 1);
    const int c1 = std::clamp(int((exposed.right() - m_bounds.left()) / m_cellSize), 0, m_cols - 1);
    const int r0 = std::clamp(int((exposed.top() - m_bounds.top()) / m_cellSize), 0, m_rows - 1);
    const int r1 = std::clamp(int((exposed.bottom() - m_bounds.top()) / m_cellSize), 0, m_rows - 1);
    // Group visible atoms by colour so each colour is one batched draw call.
    std::vector<std::vector<QPointF>> byClass(9);
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
            const int cell = r * m_cols + c;
            for (int k = m_cellStart[std::size_t(cell)]; k < m_cellStart[std::size_t(cell + 1)]; ++k) {
                const auto i = std::size_t(m_order[std::size_t(k)]);
                if (!exposed.contains(m_x[i], m_y[i])) continue;
                const int slot = m_class[i] < 0 ? 8 : m_class[i] % 8;
                byClass[std::size_t(slot)].emplace_back(m_x[i], m_y[i]);
            }
        }
    painter->setRenderHint(QPainter::Antialiasing, lod > 0.5);
    const double screenRadius = m_radius * lod;
    for (std::size_t slot = 0; slot < byClass.size(); ++slot) {
        const auto& pts = byClass[slot];
        if (pts.empty()) continue;
        const QColor colour = classColour(slot == 8 ? -1 : int(slot));
        QPen pen(colour, screenRadius < 2.0 ? std::max(1.5, screenRadius * 2) : 1.5, Qt::SolidLine,
                 Qt::RoundCap);
        pen.setCosmetic(true); // widths in screen pixels
        painter->setPen(pen);
        if (screenRadius < 2.0) {
            // Far out: one point per atom.
            painter->drawPoints(pts.data(), int(pts.size()));
        } else {
            painter->setBrush(Qt::NoBrush);
            for (const auto& p : pts) painter->drawEllipse(p, m_radius, m_radius);
        }
    }
}

} // namespace atomlens::gui
