#pragma once
#include <QGraphicsItem>
#include <QImage>

#include <vector>

namespace atomlens::gui {

/// The micrograph as a scene item. Scene coordinates are pixels with the pixel-centre convention, so
/// pixel (0,0) covers [-0.5, 0.5] and atom positions need no conversion.
class ImageItem : public QGraphicsItem {
public:
    ImageItem() { setFlag(ItemUsesExtendedStyleOption); }
    void setImage(QImage image);
    const QImage& image() const { return m_image; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QImage m_image;
    /// Half, quarter, ... size copies: zoomed out, the view draws the level nearest the screen size
    /// instead of shrinking 16 megapixels every frame.
    std::vector<QImage> m_levels;
};

} // namespace atomlens::gui
