#pragma once
#include <QColor>
#include <QGraphicsItem>
#include <QString>

#include <vector>

namespace atomlens {
struct GrapheneAnalysis;
}

namespace atomlens::gui {

/// One dopant as the layer draws it: position, class ("Si3"), coordination (bonded host columns),
/// confidence and the host columns it is bonded to.
struct DopantMark {
    double x = 0, y = 0;
    QString cls;
    int coordination = 0;
    float confidence = 0;
    std::vector<QPointF> bonded;
};

/// The dopant layer (graphene Si dopants and the like): each dopant ringed in the colour of its
/// coordination, its bonds drawn to the bonded host columns, and its class and confidence written
/// beside it ("Si3 0.93") at a constant size on screen.
class DopantOverlayItem : public QGraphicsItem {
public:
    DopantOverlayItem();
    /// Replaces the dopants; `bondLength` (px) sizes the rings.
    void setDopants(std::vector<DopantMark> dopants, double bondLength);
    void clear() { setDopants({}, 0); }
    const std::vector<DopantMark>& dopants() const { return m_dopants; }
    /// Dopants with this coordination (3, 4, ...; 0 = not classified).
    std::size_t count(int coordination) const;
    /// The ring colour of a coordination: 3-fold amber, 4-fold cyan, others grey.
    static QColor coordinationColour(int coordination);
    /// The dopants of a graphene analysis (core/analysis/GrapheneDopants), bonds included.
    static std::vector<DopantMark> marksOf(const GrapheneAnalysis& analysis);

    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::vector<DopantMark> m_dopants;
    double m_radius = 5;
    QRectF m_bounds;
};

} // namespace atomlens::gui
