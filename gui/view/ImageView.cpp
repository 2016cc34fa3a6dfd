#include "gui/view/ImageView.h"

#include "gui/view/AtomOverlayItem.h"
#include "gui/view/ImageItem.h"

#include <QGraphicsScene>
#include <QMouseEvent>
#include <QPainter>
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

ImageView::ImageView(QWidget* parent) : QGraphicsView(parent) {
    auto* scene = new QGraphicsScene(this);
    setScene(scene);
    m_image = new ImageItem;
    m_atoms = new AtomOverlayItem;
    scene->addItem(m_image);
    scene->addItem(m_atoms);
    m_atoms->setZValue(1);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setBackgroundBrush(QColor(40, 40, 44));
    setMouseTracking(true);
    setOptimizationFlag(QGraphicsView::DontAdjustForAntialiasing, true);
}

void ImageView::fitImage() {
    const QRectF r = m_image->boundingRect();
    if (r.isEmpty()) return;
    scene()->setSceneRect(
        r.adjusted(-r.width() * 0.05, -r.height() * 0.05, r.width() * 0.05, r.height() * 0.05));
    fitInView(r, Qt::KeepAspectRatio);
}

double ImageView::zoom() const {
    return transform().m11();
}

void ImageView::centreOn(QPointF p) {
    centerOn(p);
}

void ImageView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    const double factor = std::pow(1.25, steps);
    const double next = zoom() * factor;
    if (next < 0.01 || next > 200) return;
    scale(factor, factor);
    event->accept();
}

void ImageView::mouseMoveEvent(QMouseEvent* event) {
    QGraphicsView::mouseMoveEvent(event);
    Q_EMIT cursorMoved(mapToScene(event->position().toPoint()));
}

void ImageView::drawForeground(QPainter* painter, const QRectF&) {
    if (!m_scaleBar || m_image->boundingRect().isEmpty()) return;
    painter->save();
    painter->resetTransform();
    const double z = zoom();
    const bool calibrated = m_calibration.isCalibrated();
    const double unitPerScreenPx = (calibrated ? m_calibration.pixelSizeX : 1.0) / z;
    const double length = niceScaleBarLength(unitPerScreenPx * viewport()->width() * 0.2);
    const double barPx = length / unitPerScreenPx;
    const QString unit = calibrated ? QString::fromStdString(m_calibration.unit) : QStringLiteral("px");
    const QString label = QStringLiteral("%1 %2").arg(length).arg(unit);
    const QRectF bar(20, viewport()->height() - 36, barPx, 8);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 140));
    painter->drawRect(bar.adjusted(-6, -24, 6, 6));
    painter->setBrush(Qt::white);
    painter->drawRect(bar);
    painter->setPen(Qt::white);
    painter->drawText(QRectF(bar.left(), bar.top() - 22, std::max(barPx, 80.0), 20),
                      Qt::AlignLeft | Qt::AlignVCenter, label);
    painter->restore();
}

} // namespace atomlens::gui
