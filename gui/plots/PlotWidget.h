#pragma once
#include <QColor>
#include <QRectF>
#include <QString>
#include <QWidget>

#include <vector>

namespace atomlens {

/// "Nice" tick positions (1, 2, 5 x 10^k steps) covering [lo, hi] with at most about maxTicks ticks;
/// empty for a non-finite or empty range.
std::vector<double> niceTicks(double lo, double hi, int maxTicks = 8);

/// One curve or point set of a plot (x, y in data units).
struct PlotSeries {
    QString name;
    std::vector<double> x, y;
    bool scatter = false; ///< points instead of a polyline
    QColor colour;
};

/// A small interactive plot drawn with QPainter: a histogram, categorical bars, or any number of
/// curves/scatter sets, with ticked axes labelled in calibrated units, a hover readout, zoom by wheel
/// (about the cursor) and by dragging a rectangle (double click resets), and SVG/PNG export.
class PlotWidget : public QWidget {
    Q_OBJECT
public:
    explicit PlotWidget(QWidget* parent = nullptr);

    /// Removes all data (histogram, bars and series) and resets the view.
    void clear();
    void setTitle(const QString& title);
    QString title() const { return m_title; }
    /// Axis captions; the unit is appended in brackets ("Bond length [nm]") when not empty.
    void setAxisLabels(const QString& xLabel, const QString& xUnit, const QString& yLabel,
                       const QString& yUnit = QString());

    /// Shows a histogram of `values` (NaNs ignored) in `bins` equal bins; replaces bars and series.
    void setHistogram(const std::vector<double>& values, int bins, const QString& label, const QString& unit);
    /// Shows one bar per category (counts per class), optionally each in its own colour (e.g. the class
    /// colours of the image view); replaces histogram and series. Throws std::invalid_argument on size
    /// mismatch.
    void setBars(const std::vector<QString>& categories, const std::vector<double>& values,
                 const QString& label, const std::vector<QColor>& colours = {});
    /// Adds a curve (or replaces the one with the same name); replaces a histogram or bars.
    /// Throws std::invalid_argument when x and y differ in size.
    void setSeries(const QString& name, const std::vector<double>& x, const std::vector<double>& y,
                   bool scatter = false);

    const std::vector<PlotSeries>& series() const { return m_series; }
    const std::vector<double>& binCounts() const { return m_binCounts; } ///< histogram or bar heights
    double binStart() const { return m_binStart; }
    double binWidth() const { return m_binWidth; }

    /// Extent of the data (with a small margin; bars and histograms start at y = 0).
    QRectF dataBounds() const;
    /// The data range currently shown (x to the right, y up).
    QRectF viewRange() const { return m_view; }
    void setViewRange(const QRectF& range);
    void resetView();
    /// Zooms by `factor` (> 1 = closer) keeping the data point under widgetPos in place.
    void zoomAt(const QPointF& widgetPos, double factor);

    /// Rectangle of the plotting area inside a canvas of the given size (room left for axes).
    QRectF plotArea(const QSizeF& canvas) const;
    /// Widget position <-> data coordinates (for the current widget size).
    QPointF toData(const QPointF& widgetPos) const;
    QPointF toWidget(const QPointF& data) const;
    /// Text the hover readout shows for a widget position ("" outside the plot area or far from data).
    QString readoutAt(const QPointF& widgetPos) const;
    QString readout() const { return m_readout; } ///< the readout of the last hover position

    /// Draws the whole plot into a painter (used by paintEvent and the exports).
    void render(QPainter& painter, const QSizeF& canvas) const;
    /// Writes the plot as SVG / PNG (atomic saves); throws std::runtime_error on failure.
    void exportSvg(const QString& path) const;
    void exportPng(const QString& path, double scale = 2.0) const;

Q_SIGNALS:
    void viewChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Mode { Empty, Histogram, Bars, Series };
    void drawData(QPainter& p, const QRectF& area) const;
    void drawAxes(QPainter& p, const QRectF& area) const;
    QPointF mapToCanvas(const QPointF& data, const QRectF& area) const;
    QString tickLabel(double value, double step) const;

    Mode m_mode = Mode::Empty;
    QString m_title, m_xLabel, m_xUnit, m_yLabel, m_yUnit;
    std::vector<double> m_binCounts; ///< histogram bins or bar heights
    double m_binStart = 0, m_binWidth = 1;
    std::vector<QString> m_categories;
    std::vector<QColor> m_barColours; ///< per bar; empty = the default colour
    std::vector<PlotSeries> m_series;
    QRectF m_view{0, 0, 1, 1};
    QString m_readout;
    QPointF m_hover{-1, -1};
    bool m_dragging = false;
    QPointF m_dragStart, m_dragEnd;
};

} // namespace atomlens
