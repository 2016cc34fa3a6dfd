#pragma once
#include "core/data/AtomTable.h"

#include <QColor>
#include <QGraphicsItem>
#include <QImage>

#include <cstdint>
#include <vector>

namespace atomlens::gui {

/// Draws every atom of a table in one item (one paint call, not one item per atom), culled by a grid
/// index and simplified with level of detail, so 10^5 atoms pan smoothly. Colour = class, opacity =
/// confidence; reviewed atoms get a white dot, rejected ones a grey cross, highlighted ones (changed
/// by the last model, or the review queue's current atom) a magenta ring.
class AtomOverlayItem : public QGraphicsItem {
public:
    explicit AtomOverlayItem(QRectF bounds = {});
    /// Takes a copy of positions, classes and flags (cheap: a few arrays) and rebuilds the index.
    void setAtoms(const AtomTable& atoms);
    void setBounds(QRectF bounds);
    /// Radius in image pixels of the circle drawn per atom.
    void setRadius(double radius);
    double radius() const { return m_radius; }
    /// Atoms (by id) drawn with a highlight ring.
    void setHighlighted(const std::vector<std::uint32_t>& ids);
    /// Colour for a class id (-1 = unclassified).
    static QColor classColour(int classId);
    /// Row of the atom nearest to a position within maxDistance pixels, or -1 (grid search).
    int nearestAtom(QPointF position, double maxDistance) const;

    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    int atomCount() const { return int(m_x.size()); }

private:
    void rebuildIndex();
    /// One atom's mark drawn once per paint and stamped at every atom of its group.
    static QImage makeSprite(const QColor& colour, int style, double radius, int size);
    QRectF m_bounds;
    double m_radius = 3.0;
    std::vector<std::uint32_t> m_ids;
    std::vector<double> m_x, m_y;
    std::vector<int> m_class;
    std::vector<float> m_confidence;
    std::vector<std::uint32_t> m_flags;
    std::vector<std::uint32_t> m_highlightIds;
    std::vector<char> m_highlight; ///< per row
    // Grid index: atoms sorted by cell, m_cellStart[c]..m_cellStart[c+1] index m_order.
    double m_cellSize = 64;
    int m_cols = 0, m_rows = 0;
    std::vector<int> m_cellStart, m_order;
};

} // namespace atomlens::gui
