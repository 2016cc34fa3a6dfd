#include "gui/view/ImageView.h"

#include "gui/view/AtomOverlayItem.h"
#include "gui/view/DopantOverlayItem.h"
#include "gui/view/GraphOverlayItem.h"
#include "gui/view/ImageItem.h"

#include <QGraphicsScene>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace atomlens::gui {

double niceScaleBarLength(double target) {
    if (!(target > 0)) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(target)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= target) return m * p;
    return p;
}

void paintScaleBar(QPainter* painter, const QRectF& area, double unitsPerPixel, const QString& unit) {
    const double length = niceScaleBarLength(unitsPerPixel * area.width() * 0.2);
    const double barPx = length / unitsPerPixel;
    const double s = std::max(1.0, area.height() / 700.0); // grows with large exports
    const QString label = QStringLiteral("%1 %2").arg(length).arg(unit);
    const QRectF bar(area.left() + 20 * s, area.bottom() - 28 * s, barPx, 8 * s);
    painter->save();
    QFont font = painter->font();
    font.setPixelSize(int(14 * s));
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 140));
    painter->drawRect(bar.adjusted(-6 * s, -24 * s, 6 * s, 6 * s));
    painter->setBrush(Qt::white);
    painter->drawRect(bar);
    painter->setPen(Qt::white);
    painter->drawText(QRectF(bar.left(), bar.top() - 22 * s, std::max(barPx, 80.0 * s), 20 * s),
                      Qt::AlignLeft | Qt::AlignVCenter, label);
    painter->restore();
}

ImageView::ImageView(QWidget* parent) : QGraphicsView(parent) {
    auto* scene = new QGraphicsScene(this);
    setScene(scene);
    m_image = new ImageItem;
    m_graph = new GraphOverlayItem;
    m_atoms = new AtomOverlayItem;
    scene->addItem(m_image);
    scene->addItem(m_graph);
    scene->addItem(m_atoms);
    m_dopants = new DopantOverlayItem;
    scene->addItem(m_dopants);
    m_graph->setZValue(1);
    m_atoms->setZValue(2);
    scene->setItemIndexMethod(QGraphicsScene::NoIndex); // three big items: no BSP tree needed
    setTool(Tool::Navigate);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setBackgroundBrush(QColor(40, 40, 44));
    setMouseTracking(true);
    setOptimizationFlag(QGraphicsView::DontAdjustForAntialiasing, true);
    setOptimizationFlag(QGraphicsView::DontSavePainterState, true);
}

void ImageView::setTool(Tool tool) {
    m_tool = tool;
    setDragMode(tool == Tool::Navigate ? QGraphicsView::ScrollHandDrag : QGraphicsView::NoDrag);
    viewport()->setCursor(tool == Tool::Navigate ? Qt::OpenHandCursor : Qt::CrossCursor);
    m_lasso.clear();
}

void ImageView::fitImage() {
    const QRectF r = m_image->boundingRect();
    if (r.isEmpty()) return;
    scene()->setSceneRect(
        r.adjusted(-r.width() * 0.05, -r.height() * 0.05, r.width() * 0.05, r.height() * 0.05));
    // Fit the whole scene rectangle (image and margin): fitting only the image left the margin outside
    // the view, so scroll bars appeared, took their width off the view and cut the image's bottom.
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    m_fitted = true;
}

void ImageView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (m_fitted) fitImage();
}

double ImageView::zoom() const {
    return transform().m11();
}

void ImageView::setZoom(double zoom) {
    const QPointF centre = mapToScene(viewport()->rect().center());
    m_fitted = false;
    setTransform(QTransform::fromScale(zoom, zoom));
    centerOn(centre);
}

void ImageView::centreOn(QPointF p) {
    centerOn(p);
}

QRectF ImageView::visibleRegion() const {
    return mapToScene(viewport()->rect()).boundingRect().intersected(m_image->boundingRect());
}

void ImageView::setMarker(QPointF position, bool visible) {
    m_marker = position;
    m_markerVisible = visible;
    viewport()->update();
}

void ImageView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    const double factor = std::pow(1.25, steps);
    const double next = zoom() * factor;
    if (next < 0.01 || next > 200) return;
    m_fitted = false;
    scale(factor, factor);
    event->accept();
}

void ImageView::mousePressEvent(QMouseEvent* event) {
    m_pressPos = mapToScene(event->position().toPoint());
    m_pressScreen = event->position().toPoint();
    m_pressed = event->button() == Qt::LeftButton;
    if (m_pressed && m_tool == Tool::Lasso) m_lasso = QPolygonF() << m_pressPos;
    if (m_tool == Tool::Navigate) QGraphicsView::mousePressEvent(event);
}

void ImageView::mouseMoveEvent(QMouseEvent* event) {
    if (m_tool == Tool::Navigate) QGraphicsView::mouseMoveEvent(event);
    m_cursor = mapToScene(event->position().toPoint());
    if (m_pressed && m_tool == Tool::Lasso) {
        m_lasso << m_cursor;
        viewport()->update();
    }
    Q_EMIT cursorMoved(m_cursor);
}

void ImageView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_tool == Tool::Navigate) QGraphicsView::mouseReleaseEvent(event);
    const QPointF at = mapToScene(event->position().toPoint());
    const bool wasPressed = m_pressed;
    m_pressed = false;
    if (!wasPressed || event->button() != Qt::LeftButton) return;
    const bool click = (event->position().toPoint() - m_pressScreen).manhattanLength() < 5;
    switch (m_tool) {
    case Tool::Navigate:
    case Tool::AddAtom:
    case Tool::Label:
        if (click) Q_EMIT clicked(at, m_tool);
        break;
    case Tool::MoveAtom:
        if (!click) Q_EMIT dragged(m_pressPos, at);
        break;
    case Tool::Lasso:
        m_lasso << at;
        if (m_lasso.size() >= 3)
            Q_EMIT lassoFinished(m_lasso);
        else if (click)
            Q_EMIT clicked(at, Tool::Label);
        m_lasso.clear();
        viewport()->update();
        break;
    }
}

void ImageView::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
    if (m_scaleBar) viewport()->update();
}

void ImageView::drawForeground(QPainter* painter, const QRectF&) {
    if (m_image->boundingRect().isEmpty()) return;
    painter->save();
    painter->resetTransform();
    if (m_markerVisible) {
        const QPointF p = mapFromScene(m_marker);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(QColor(255, 255, 0), 2));
        painter->setBrush(Qt::NoBrush);
        const double r = std::max(12.0, m_atoms->radius() * zoom() * 2.2);
        painter->drawEllipse(p, r, r);
        painter->drawLine(QPointF(p.x() - r - 8, p.y()), QPointF(p.x() - r + 4, p.y()));
        painter->drawLine(QPointF(p.x() + r - 4, p.y()), QPointF(p.x() + r + 8, p.y()));
    }
    if (m_lasso.size() > 1) {
        painter->setPen(QPen(QColor(255, 255, 0), 1.5, Qt::DashLine));
        painter->setBrush(QColor(255, 255, 0, 40));
        painter->drawPolygon(mapFromScene(m_lasso));
    }
    if (m_scaleBar) {
        const bool calibrated = m_calibration.hasScale();
        paintScaleBar(painter, QRectF(viewport()->rect()),
                      (calibrated ? m_calibration.pixelSizeX : 1.0) / zoom(),
                      calibrated ? QString::fromStdString(m_calibration.unit) : QStringLiteral("px"));
    }
    painter->restore();
}

} // namespace atomlens::gui
