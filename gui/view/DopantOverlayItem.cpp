#include "gui/view/DopantOverlayItem.h"

#include "core/analysis/GrapheneDopants.h"

#include <QFont>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace atomlens::gui {

DopantOverlayItem::DopantOverlayItem() {
    setZValue(3); // above atoms and graph
}

void DopantOverlayItem::setDopants(std::vector<DopantMark> dopants, double bondLength) {
    prepareGeometryChange();
    m_dopants = std::move(dopants);
    m_radius = std::max(3.0, 0.55 * bondLength);
    QRectF bounds;
    for (const auto& d : m_dopants) {
        QRectF r(d.x - 2 * m_radius, d.y - 2 * m_radius, 4 * m_radius, 4 * m_radius);
        for (const QPointF& b : d.bonded) r = r.united(QRectF(b, QSizeF(1, 1)));
        bounds = bounds.isNull() ? r : bounds.united(r);
    }
    // Room for the label, written to the right of the ring at a fixed screen size.
    m_bounds = bounds.adjusted(-m_radius, -m_radius, 40 * m_radius, m_radius);
    update();
}

std::size_t DopantOverlayItem::count(int coordination) const {
    return std::size_t(std::count_if(m_dopants.begin(), m_dopants.end(),
                                     [&](const DopantMark& d) { return d.coordination == coordination; }));
}

QColor DopantOverlayItem::coordinationColour(int coordination) {
    if (coordination == 3) return QColor(255, 190, 0);
    if (coordination >= 4) return QColor(0, 225, 255);
    return QColor(170, 170, 170);
}

std::vector<DopantMark> DopantOverlayItem::marksOf(const GrapheneAnalysis& analysis) {
    std::vector<DopantMark> marks;
    for (const GrapheneDopant& d : analysis.dopants) {
        DopantMark m;
        m.x = d.x, m.y = d.y;
        m.cls = QString::fromStdString(d.cls);
        m.coordination = d.cls.empty() ? 0 : d.coordination;
        m.confidence = d.confidence;
        for (std::size_t row : d.bonded)
            if (row < analysis.atoms.size())
                m.bonded.emplace_back(analysis.atoms.xs()[row], analysis.atoms.ys()[row]);
        marks.push_back(std::move(m));
    }
    return marks;
}

void DopantOverlayItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (m_dopants.empty()) return;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setBrush(Qt::NoBrush);
    for (const auto& d : m_dopants) {
        const QColor colour = coordinationColour(d.coordination);
        QPen bond(colour, 2.0);
        bond.setCosmetic(true);
        painter->setPen(bond);
        for (const QPointF& b : d.bonded) { // from the ring to the host column
            const QPointF v = b - QPointF(d.x, d.y);
            const double length = std::hypot(v.x(), v.y());
            if (length > m_radius) painter->drawLine(QPointF(d.x, d.y) + v * (m_radius / length), b);
        }
        QPen ring(colour, 2.5);
        ring.setCosmetic(true);
        painter->setPen(ring);
        painter->drawEllipse(QPointF(d.x, d.y), m_radius, m_radius);
    }
    if (m_radius * lod < 4) return; // labels only where the rings are big enough to read them by
    const QTransform toDevice = painter->worldTransform();
    painter->save();
    painter->resetTransform();
    QFont font = painter->font();
    font.setPixelSize(13);
    font.setBold(true);
    painter->setFont(font);
    for (const auto& d : m_dopants) {
        const QString text = d.cls.isEmpty()
                                 ? QStringLiteral("?")
                                 : QStringLiteral("%1 %2").arg(d.cls).arg(double(d.confidence), 0, 'f', 2);
        const QPointF at = toDevice.map(QPointF(d.x + m_radius, d.y - m_radius));
        painter->setPen(QColor(0, 0, 0, 200));
        painter->drawText(at + QPointF(5, 1), text);
        painter->setPen(coordinationColour(d.coordination));
        painter->drawText(at + QPointF(4, 0), text);
    }
    painter->restore();
}

} // namespace atomlens::gui
