#include "gui/view/GraphOverlayItem.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>
#include <map>

namespace atomlens::gui {

GraphOverlayItem::GraphOverlayItem(QRectF bounds) : m_bounds(bounds) {
    setFlag(ItemUsesExtendedStyleOption); // exposedRect is the dirty region, so culling works
}

void GraphOverlayItem::setGraph(std::shared_ptr<const LatticeGraph> graph) {
    m_graph = std::move(graph);
    rebuildIndex();
    update();
}

void GraphOverlayItem::setBounds(QRectF bounds) {
    prepareGeometryChange();
    m_bounds = bounds;
    rebuildIndex();
}

void GraphOverlayItem::setLayers(int layers) {
    m_layers = layers;
    // Marks reach past the bounds (cosmetic pens, squares at edge sites): repaint the whole scene so
    // hidden layers leave no ghosts.
    if (scene())
        scene()->update();
    else
        update();
}

QColor GraphOverlayItem::emptySiteColour() {
    return QColor(255, 255, 255);
}

std::size_t GraphOverlayItem::emptySiteCount(const QRectF& region) const {
    if (!m_graph) return 0;
    std::size_t n = 0;
    for (std::size_t i = m_graph->atomCount; i < m_graph->nodeCount(); ++i)
        n += region.contains(m_graph->x[i], m_graph->y[i]);
    return n;
}

std::size_t GraphOverlayItem::emptySiteCount() const {
    return m_graph ? m_graph->nodeCount() - m_graph->atomCount : 0;
}

QColor GraphOverlayItem::ringColour(std::size_t size) const {
    if (size == m_commonRing) return Qt::transparent;
    // One colour per ring size 3..10 (sizes 3 and 9 used to share one), grey beyond.
    static const QColor colours[] = {QColor(255, 255, 0), QColor(0, 160, 255),  QColor(255, 60, 60),
                                     QColor(60, 200, 60), QColor(180, 80, 255), QColor(0, 220, 200),
                                     QColor(255, 140, 0), QColor(255, 120, 200)};
    QColor c = size >= 3 && size <= 10 ? colours[size - 3] : QColor(170, 170, 170);
    c.setAlpha(110);
    return c;
}

QColor GraphOverlayItem::strainColour(double dilatation) {
    const double t = std::clamp(dilatation / strainRange, -1.0, 1.0);
    const int a = int(255 * (1 - std::fabs(t)));
    QColor c = t < 0 ? QColor(a, a, 255) : QColor(255, a, a);
    c.setAlpha(150);
    return c;
}

void GraphOverlayItem::rebuildIndex() {
    m_cols = std::max(1, int(std::ceil(m_bounds.width() / m_cellSize)) + 1);
    m_rows = std::max(1, int(std::ceil(m_bounds.height() / m_cellSize)) + 1);
    m_cellStart.assign(std::size_t(m_cols * m_rows + 1), 0);
    m_order.clear();
    m_ringsByNode.clear();
    if (!m_graph) return;
    const auto& g = *m_graph;
    auto cellOf = [&](std::size_t i) {
        const int cx = std::clamp(int((g.x[i] - m_bounds.left()) / m_cellSize), 0, m_cols - 1);
        const int cy = std::clamp(int((g.y[i] - m_bounds.top()) / m_cellSize), 0, m_rows - 1);
        return cy * m_cols + cx;
    };
    for (std::size_t i = 0; i < g.nodeCount(); ++i) ++m_cellStart[std::size_t(cellOf(i) + 1)];
    for (std::size_t c = 1; c < m_cellStart.size(); ++c) m_cellStart[c] += m_cellStart[c - 1];
    m_order.assign(g.nodeCount(), 0);
    std::vector<int> fill(m_cellStart.begin(), m_cellStart.end() - 1);
    for (std::size_t i = 0; i < g.nodeCount(); ++i)
        m_order[std::size_t(fill[std::size_t(cellOf(i))]++)] = int(i);
    // Rings belong to their first node; the most common size is the lattice's own and left clear.
    m_ringsByNode.assign(g.nodeCount(), {});
    std::map<std::size_t, std::size_t> sizes;
    for (std::size_t r = 0; r < g.ringCount(); ++r) {
        m_ringsByNode[g.ringNodes[g.ringOffsets[r]]].push_back(std::uint32_t(r));
        ++sizes[g.ringSize(r)];
    }
    m_commonRing = 6;
    std::size_t best = 0;
    for (const auto& [size, count] : sizes)
        if (count > best) best = count, m_commonRing = size;
}

std::vector<std::uint32_t> GraphOverlayItem::nodesIn(const QRectF& rect) const {
    std::vector<std::uint32_t> out;
    const int c0 = std::clamp(int((rect.left() - m_bounds.left()) / m_cellSize), 0, m_cols - 1);
    const int c1 = std::clamp(int((rect.right() - m_bounds.left()) / m_cellSize), 0, m_cols - 1);
    const int r0 = std::clamp(int((rect.top() - m_bounds.top()) / m_cellSize), 0, m_rows - 1);
    const int r1 = std::clamp(int((rect.bottom() - m_bounds.top()) / m_cellSize), 0, m_rows - 1);
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
            const int cell = r * m_cols + c;
            for (int k = m_cellStart[std::size_t(cell)]; k < m_cellStart[std::size_t(cell + 1)]; ++k)
                out.push_back(std::uint32_t(m_order[std::size_t(k)]));
        }
    return out;
}

void GraphOverlayItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (!m_graph || m_graph->nodeCount() == 0) return;
    const auto& g = *m_graph;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const double reach = std::max(g.maxEdgeLength, g.bondLength) * 3;
    const auto nodes = nodesIn(option->exposedRect.adjusted(-reach, -reach, reach, reach));
    const double bondOnScreen = g.bondLength * lod;
    painter->setRenderHint(QPainter::Antialiasing, lod > 0.5);
    if ((m_layers & Strain) && !g.strain.empty()) {
        const double r = std::max(0.5, g.bondLength * 0.5);
        painter->setPen(Qt::NoPen);
        for (const auto i : nodes) {
            const auto& s = g.strain[i];
            painter->setBrush(strainColour(0.5 * (s.exx + s.eyy)));
            painter->drawEllipse(QPointF(g.x[i], g.y[i]), r, r);
        }
    }
    if ((m_layers & Rings) && bondOnScreen > 1.5) {
        painter->setPen(Qt::NoPen);
        QPolygonF poly;
        for (const auto i : nodes)
            for (const auto r : m_ringsByNode[i]) {
                const QColor colour = ringColour(g.ringSize(r));
                if (colour.alpha() == 0) continue;
                poly.clear();
                for (auto k = g.ringOffsets[r]; k < g.ringOffsets[r + 1]; ++k)
                    poly << QPointF(g.x[g.ringNodes[k]], g.y[g.ringNodes[k]]);
                painter->setBrush(colour);
                painter->drawPolygon(poly);
            }
    }
    if ((m_layers & Bonds) && bondOnScreen > 3) {
        std::vector<QLineF> lines;
        for (const auto i : nodes)
            for (auto k = g.offsets[i]; k < g.offsets[i + 1]; ++k) {
                const auto j = g.neighbours[k];
                if (j > i) lines.emplace_back(g.x[i], g.y[i], g.x[j], g.y[j]);
            }
        QPen pen(QColor(255, 255, 255, 140), 1.0);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->drawLines(lines.data(), int(lines.size()));
    }
    if (m_layers & EmptySites) {
        QPen pen(emptySiteColour(), 2.0, Qt::DashLine);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        const double r = std::max(g.bondLength * 0.25, 3.0 / std::max(lod, 1e-6));
        for (const auto i : nodes)
            if (i >= g.atomCount) painter->drawRect(QRectF(g.x[i] - r, g.y[i] - r, 2 * r, 2 * r));
    }
}

} // namespace atomlens::gui
