#pragma once
#include "core/data/Micrograph.h"

#include <QGraphicsView>
#include <QPolygonF>

namespace atomlens::gui {

class ImageItem;
class AtomOverlayItem;
class GraphOverlayItem;
class DopantOverlayItem;

/// Zoomable, pannable view of a micrograph with its atom and graph overlays, a calibrated scale bar
/// and a cursor readout signal. Wheel zooms about the cursor; what a click or drag does depends on
/// the tool (pan, add, move, label, lasso), reported as signals in image pixels.
class ImageView : public QGraphicsView {
    Q_OBJECT
public:
    enum class Tool { Navigate, AddAtom, MoveAtom, Label, Lasso };
    explicit ImageView(QWidget* parent = nullptr);
    ImageItem* imageItem() const { return m_image; }
    AtomOverlayItem* atomOverlay() const { return m_atoms; }
    GraphOverlayItem* graphOverlay() const { return m_graph; }
    DopantOverlayItem* dopantOverlay() const { return m_dopants; }
    /// Sets the calibration used by the scale bar (uncalibrated images get a bar in pixels).
    void setCalibration(const Calibration& calibration) {
        m_calibration = calibration;
        viewport()->update();
    }
    const Calibration& calibration() const { return m_calibration; }
    void setScaleBarVisible(bool visible) {
        m_scaleBar = visible;
        viewport()->update();
    }
    void setTool(Tool tool);
    Tool tool() const { return m_tool; }
    /// Fits the whole image into the view.
    void fitImage();
    /// Zoom factor (screen pixels per image pixel).
    double zoom() const;
    /// Sets the zoom factor, keeping the centre.
    void setZoom(double zoom);
    /// Centres the view on an image position, keeping the zoom.
    void centreOn(QPointF imagePosition);
    /// The image region visible now (pixels).
    QRectF visibleRegion() const;
    /// Marks one image position (the review queue's current atom) with a cross-hair; none when null.
    void setMarker(QPointF position, bool visible);
    /// The image position under the mouse (last seen).
    QPointF cursorPosition() const { return m_cursor; }

Q_SIGNALS:
    /// The image position under the mouse (pixels) whenever it moves.
    void cursorMoved(QPointF imagePosition);
    /// A click with the Navigate, AddAtom or Label tool.
    void clicked(QPointF imagePosition, ImageView::Tool tool);
    /// A drag with the MoveAtom tool, from press to release.
    void dragged(QPointF from, QPointF to);
    /// A closed lasso (image pixels).
    void lassoFinished(const QPolygonF& polygon);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    /// Scrolling blits the viewport; the scale bar is fixed to the viewport, so repaint it all (else the
    /// old bar scrolls along and a second one appears).
    void scrollContentsBy(int dx, int dy) override;

private:
    ImageItem* m_image;
    AtomOverlayItem* m_atoms;
    GraphOverlayItem* m_graph;
    DopantOverlayItem* m_dopants;
    Calibration m_calibration;
    bool m_scaleBar = true;
    Tool m_tool = Tool::Navigate;
    QPointF m_pressPos, m_cursor, m_marker;
    QPoint m_pressScreen;
    bool m_pressed = false, m_markerVisible = false;
    bool m_fitted = false; ///< the whole image is fitted: stays so when the window is resized
    QPolygonF m_lasso;
};

/// A "nice" scale-bar length (1, 2 or 5 times a power of ten) close to `target` in the same unit.
double niceScaleBarLength(double target);

/// Paints a scale bar (bottom left of `area`) for `unitsPerPixel` calibrated units per device pixel;
/// shared by the view and exported figures.
void paintScaleBar(QPainter* painter, const QRectF& area, double unitsPerPixel, const QString& unit);

} // namespace atomlens::gui
