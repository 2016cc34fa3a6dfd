#pragma once
#include "core/data/Micrograph.h"

#include <QGraphicsView>

namespace atomlens::gui {

class ImageItem;
class AtomOverlayItem;

/// Zoomable, pannable view of a micrograph with its atom overlay, a calibrated scale bar and a cursor
/// readout signal. Wheel zooms about the cursor, dragging pans.
class ImageView : public QGraphicsView {
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);
    ImageItem* imageItem() const { return m_image; }
    AtomOverlayItem* atomOverlay() const { return m_atoms; }
    /// Sets the calibration used by the scale bar (uncalibrated images get a bar in pixels).
    void setCalibration(const Calibration& calibration) {
        m_calibration = calibration;
        viewport()->update();
    }
    void setScaleBarVisible(bool visible) {
        m_scaleBar = visible;
        viewport()->update();
    }
    /// Fits the whole image into the view.
    void fitImage();
    /// Zoom factor (screen pixels per image pixel).
    double zoom() const;
    /// Centres the view on an image position, keeping the zoom.
    void centreOn(QPointF imagePosition);

Q_SIGNALS:
    /// The image position under the mouse (pixels) whenever it moves.
    void cursorMoved(QPointF imagePosition);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    ImageItem* m_image;
    AtomOverlayItem* m_atoms;
    Calibration m_calibration;
    bool m_scaleBar = true;
};

/// A "nice" scale-bar length (1, 2 or 5 times a power of ten) close to `target` in the same unit.
double niceScaleBarLength(double target);

} // namespace atomlens::gui
