#include "gui/view/ImageItem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace atomlens::gui {

void ImageItem::setImage(QImage image) {
    prepareGeometryChange();
    m_image = std::move(image);
    m_levels.clear();
    QImage level = m_image;
    while (level.width() > 512 && level.height() > 512) {
        level = level.scaled(level.width() / 2, level.height() / 2, Qt::IgnoreAspectRatio,
                             Qt::SmoothTransformation);
        m_levels.push_back(level);
    }
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
    QRectF source = exposed.translated(0.5, 0.5);
    const QImage* image = &m_image;
    for (const QImage& level : m_levels) { // the smallest level still at least as fine as the screen
        if (double(level.width()) / m_image.width() < scale) break;
        image = &level;
    }
    const double f = double(image->width()) / m_image.width();
    source = QRectF(source.x() * f, source.y() * f, source.width() * f, source.height() * f);
    painter->drawImage(exposed, *image, source);
}

} // namespace atomlens::gui
