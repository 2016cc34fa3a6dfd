#pragma once
#include "core/data/AtomTable.h"

#include <QColor>
#include <QGraphicsItem>
#include <QVector>

#include <vector>

namespace atomlens::gui {

/// Draws every atom of a table in one item (one paint call, not one item per atom), culled by a grid
/// index and simplified with level of detail, so 10^5 atoms pan smoothly.
class AtomOverlayItem : public QGraphicsItem {
public:
    explicit AtomOverlayItem(QRectF bounds = {});
    /// Takes a copy of positions, classes and flags (cheap: a few arrays) and rebuilds the index.
    void setAtoms(const AtomTable& atoms);
    void setBounds(QRectF bounds);
    /// Radius in image pixels of the circle drawn per atom.
    void setRadius(double radius);
    /// Colour for a class id (-1 = unclassified).
    static QColor classColour(int classId);

    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    int atomCount() const { return int(m_x.size()); }

private:
    void rebuildIndex();
    QRectF m_bounds;
    double m_radius = 3.0;
    std::vector<double> m_x, m_y;
    std::vector<int> m_class;
    std::vector<std::uint32_t> m_flags;
    // Grid index: atoms sorted by cell, m_cellStart[c]..m_cellStart[c+1] index m_order.
    double m_cellSize = 64;
    int m_cols = 0, m_rows = 0;
    std::vector<int> m_cellStart, m_order;
};

} // namespace atomlens::gui
