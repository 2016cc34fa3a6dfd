#include "gui/view/ImageItem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace atomlens::gui {

void ImageItem::setImage(QImage image) {
    prepareGeometryChange();
    m_image = std::move(image);
    update();
}

QRectF ImageItem::boundingRect() const {
    return QRectF(-0.5, -0.5, m_image.width(), m_image.height());
}

void ImageItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (m_image.isNull()) return;
    // Smooth when shrinking, nearest pixels when zoomed in (so atoms stay where the pixels are).
    const double scale = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::SmoothPixmapTransform, scale < 1.0);
    const QRectF exposed = option->exposedRect.intersected(boundingRect());
    const QRectF source = exposed.translated(0.5, 0.5);
    painter->drawImage(exposed, m_image, source);
}

} // namespace atomlens::gui
