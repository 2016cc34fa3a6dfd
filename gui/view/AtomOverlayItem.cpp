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
enum Style { Normal, Reviewed, Rejected, EmptySite, StyleCount, Highlight = StyleCount };

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
    std::array<std::vector<QPointF>, std::size_t(kGroups)> groups;
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
    const double screenRadius = m_radius * lod;
    const QPaintDevice* device = painter->device();
    const bool raster =
        device && (device->devType() == QInternal::Image || device->devType() == QInternal::Widget ||
                   device->devType() == QInternal::Pixmap);
    const auto colourOf = [](int g) {
        const int bin = g % kConfidenceBins, slot = (g / kConfidenceBins) % kSlots;
        const int style = g / (kConfidenceBins * kSlots);
        QColor colour = style == Rejected ? QColor(150, 150, 150) : classColour(slot == 8 ? -1 : slot);
        colour.setAlphaF(bin == 0 ? 0.45 : bin == 1 ? 0.75 : 1.0);
        return colour;
    };
    if (raster) {
        // Screens and PNG exports: stamp pixels (far out) or pre-drawn sprites (near): no per-atom
        // path stroking, so 10^5 atoms stay fast.
        const QTransform toDevice = painter->worldTransform();
        painter->save();
        painter->resetTransform();
        if (screenRadius < 2.0) {
            const QRect area = toDevice.mapRect(exposed).toAlignedRect().intersected(
                QRect(0, 0, device->width(), device->height()));
            if (!area.isEmpty()) {
                QImage stamp(area.size(), QImage::Format_ARGB32_Premultiplied);
                stamp.fill(Qt::transparent);
                const int w = stamp.width(), h = stamp.height();
                for (int g = 0; g < kGroups; ++g) {
                    const QRgb c = qPremultiply(colourOf(g).rgba());
                    for (const auto& p : groups[std::size_t(g)]) {
                        const QPointF d = toDevice.map(p);
                        const int x0 = int(d.x()) - area.left(), y0 = int(d.y()) - area.top();
                        for (int y = std::max(0, y0 - 1); y <= std::min(h - 1, y0); ++y) {
                            auto* line = reinterpret_cast<QRgb*>(stamp.scanLine(y));
                            for (int x = std::max(0, x0 - 1); x <= std::min(w - 1, x0); ++x) line[x] = c;
                        }
                    }
                }
                painter->drawImage(area.topLeft(), stamp);
            }
        } else {
            const int size = int(std::ceil(2 * screenRadius + 6));
            const QPointF centre(size / 2.0, size / 2.0);
            for (int g = 0; g < kGroups; ++g) {
                const auto& pts = groups[std::size_t(g)];
                if (pts.empty()) continue;
                const QImage sprite =
                    makeSprite(colourOf(g), g / (kConfidenceBins * kSlots), screenRadius, size);
                for (const auto& p : pts) painter->drawImage(toDevice.map(p) - centre, sprite);
            }
        }
        if (!highlighted.empty()) {
            const double r = std::max(screenRadius * 1.6, 4.0);
            const int size = int(std::ceil(2 * r + 6));
            const QImage sprite = makeSprite(QColor(255, 0, 255), Highlight, r, size);
            const QPointF centre(size / 2.0, size / 2.0);
            for (const auto& p : highlighted) painter->drawImage(toDevice.map(p) - centre, sprite);
        }
        painter->restore();
        return;
    }
    // Vector devices (SVG, PDF): real shapes, stroked as thick in device pixels as the raster sprites
    // (an SVG or PDF export at the same size and dpi as a PNG looks the same).
    painter->setRenderHint(QPainter::Antialiasing, true);
    const double devicePixel = 1.0 / std::max(lod, 1e-9);
    for (int g = 0; g < kGroups; ++g) {
        const auto& pts = groups[std::size_t(g)];
        if (pts.empty()) continue;
        const int style = g / (kConfidenceBins * kSlots);
        painter->setPen(QPen(colourOf(g), (style == Reviewed ? 2.5 : 1.5) * devicePixel));
        painter->setBrush(Qt::NoBrush);
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
        if (style == Reviewed) { // the white dot of a person's decision, as on screen
            painter->setPen(Qt::NoPen);
            painter->setBrush(Qt::white);
            const double d = std::max(1.5 * devicePixel, r * 0.3);
            for (const auto& p : pts) painter->drawEllipse(p, d, d);
        }
    }
    if (!highlighted.empty()) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(QColor(255, 0, 255), 2.0 * devicePixel));
        for (const auto& p : highlighted) painter->drawEllipse(p, m_radius * 1.6, m_radius * 1.6);
    }
}

QImage AtomOverlayItem::makeSprite(const QColor& colour, int style, double radius, int size) {
    QImage sprite(size, size, QImage::Format_ARGB32_Premultiplied);
    sprite.fill(Qt::transparent);
    QPainter p(&sprite);
    p.setRenderHint(QPainter::Antialiasing);
    const QPointF c(size / 2.0, size / 2.0);
    const double r = radius;
    p.setPen(QPen(colour, style == Reviewed ? 2.5 : style == Highlight ? 2.0 : 1.5));
    p.setBrush(Qt::NoBrush);
    if (style == Rejected) {
        p.drawLine(QLineF(c.x() - r, c.y() - r, c.x() + r, c.y() + r));
        p.drawLine(QLineF(c.x() - r, c.y() + r, c.x() + r, c.y() - r));
    } else if (style == EmptySite) {
        p.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
    } else {
        p.drawEllipse(c, r, r);
    }
    if (style == Reviewed) { // a white dot marks a person's decision
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        const double d = std::max(1.5, r * 0.3);
        p.drawEllipse(c, d, d);
    }
    return sprite;
}

} // namespace atomlens::gui
