#pragma once
#include "core/graph/LatticeGraph.h"

#include <QGraphicsItem>

#include <memory>
#include <vector>

namespace atomlens::gui {

/// The lattice graph's layers in one item: strain map (dilatation per node), rings (filled by size,
/// the most common size left clear), bonds and ideal empty sites (vacancy candidates). Culled by a
/// grid over the nodes; bonds and ring fills are left out when too small on screen to read.
class GraphOverlayItem : public QGraphicsItem {
public:
    enum Layer { Bonds = 1, Rings = 2, EmptySites = 4, Strain = 8 };
    explicit GraphOverlayItem(QRectF bounds = {});
    void setGraph(std::shared_ptr<const LatticeGraph> graph);
    void setBounds(QRectF bounds);
    void setLayers(int layers);
    int layers() const { return m_layers; }
    /// The fill colour of a ring with this many nodes (transparent for the most common size).
    QColor ringColour(std::size_t size) const;
    /// Colour of a dilatation value on the strain map's blue-white-red scale (+-strainRange).
    static QColor strainColour(double dilatation);
    static constexpr double strainRange = 0.05;
    std::size_t commonRingSize() const { return m_commonRing; }
    std::size_t emptySiteCount() const;
    /// Empty ideal sites inside `region` (scene coordinates), for legends of a visible-region export.
    std::size_t emptySiteCount(const QRectF& region) const;
    /// The empty-site mark's colour (a dashed square), shared by the view, the layer panel and legends.
    static QColor emptySiteColour();

    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void rebuildIndex();
    std::vector<std::uint32_t> nodesIn(const QRectF& rect) const;
    QRectF m_bounds;
    std::shared_ptr<const LatticeGraph> m_graph;
    int m_layers = Bonds | EmptySites;
    std::size_t m_commonRing = 6;
    double m_cellSize = 64;
    int m_cols = 0, m_rows = 0;
    std::vector<int> m_cellStart, m_order;
    std::vector<std::vector<std::uint32_t>> m_ringsByNode; ///< rings owned by their first node
};

} // namespace atomlens::gui
