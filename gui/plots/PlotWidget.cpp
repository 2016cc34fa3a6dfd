// PlotWidget: data, view transform and mouse interaction (drawing and export in PlotPainting.cpp).
#include "gui/plots/PlotWidget.h"

#include "core/analysis/Statistics.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace atomlens {

namespace {

const QColor kPalette[] = {QColor(31, 119, 180),  QColor(255, 127, 14),  QColor(44, 160, 44),
                           QColor(214, 39, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
                           QColor(227, 119, 194), QColor(127, 127, 127)};

QString withUnit(double v, const QString& unit) {
    const QString s = QString::number(v, 'g', 4);
    return unit.isEmpty() ? s : s + QLatin1Char(' ') + unit;
}

} // namespace

PlotWidget::PlotWidget(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setMinimumSize(240, 180);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PlotWidget::clear() {
    m_mode = Mode::Empty;
    m_binCounts.clear();
    m_categories.clear();
    m_series.clear();
    m_readout.clear();
    resetView();
}

void PlotWidget::setTitle(const QString& title) {
    m_title = title;
    update();
}

void PlotWidget::setAxisLabels(const QString& xLabel, const QString& xUnit, const QString& yLabel,
                               const QString& yUnit) {
    m_xLabel = xLabel, m_xUnit = xUnit, m_yLabel = yLabel, m_yUnit = yUnit;
    update();
}

void PlotWidget::setHistogram(const std::vector<double>& values, int bins, const QString& label,
                              const QString& unit) {
    const Distribution d = describeDistribution(values, std::max(1, bins));
    m_mode = Mode::Histogram;
    m_series.clear();
    m_categories.clear();
    m_binCounts.assign(d.histogram.begin(), d.histogram.end());
    m_binStart = d.binStart;
    m_binWidth = d.binWidth > 0 ? d.binWidth : 1.0;
    if (d.count > 0 && !(d.max > d.min)) { // all values equal: one narrow bin centred on the value
        m_binWidth = std::abs(d.min) > 0 ? 0.02 * std::abs(d.min) : 1.0;
        m_binStart = d.min - 0.5 * m_binWidth;
    }
    m_xLabel = label, m_xUnit = unit, m_yLabel = tr("Count"), m_yUnit.clear();
    resetView();
}

void PlotWidget::setBars(const std::vector<QString>& categories, const std::vector<double>& values,
                         const QString& label, const std::vector<QColor>& colours) {
    if (categories.size() != values.size() || (!colours.empty() && colours.size() != values.size()))
        throw std::invalid_argument("setBars: categories, values and colours differ in size");
    m_barColours = colours;
    m_mode = Mode::Bars;
    m_series.clear();
    m_categories = categories;
    m_binCounts = values;
    m_binStart = -0.5, m_binWidth = 1.0;
    m_xLabel.clear(), m_xUnit.clear(), m_yLabel = label, m_yUnit.clear();
    resetView();
}

void PlotWidget::setSeries(const QString& name, const std::vector<double>& x, const std::vector<double>& y,
                           bool scatter) {
    if (x.size() != y.size()) throw std::invalid_argument("setSeries: x and y differ in size");
    if (m_mode != Mode::Series) {
        m_binCounts.clear();
        m_categories.clear();
        m_mode = Mode::Series;
    }
    auto it =
        std::find_if(m_series.begin(), m_series.end(), [&](const PlotSeries& s) { return s.name == name; });
    if (it == m_series.end()) {
        PlotSeries s;
        s.name = name;
        s.colour = kPalette[m_series.size() % (sizeof(kPalette) / sizeof(kPalette[0]))];
        m_series.push_back(s);
        it = m_series.end() - 1;
    }
    it->x = x, it->y = y, it->scatter = scatter;
    resetView();
}

QRectF PlotWidget::dataBounds() const {
    double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
    if (m_mode == Mode::Histogram || m_mode == Mode::Bars) {
        x0 = m_binStart, x1 = m_binStart + m_binWidth * double(std::max<std::size_t>(1, m_binCounts.size()));
        y0 = 0, y1 = 1;
        for (double c : m_binCounts) y1 = std::max(y1, c);
    } else {
        for (const PlotSeries& s : m_series)
            for (std::size_t i = 0; i < s.x.size(); ++i) {
                if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
                x0 = std::min(x0, s.x[i]), x1 = std::max(x1, s.x[i]);
                y0 = std::min(y0, s.y[i]), y1 = std::max(y1, s.y[i]);
            }
    }
    if (!(x0 <= x1)) x0 = 0, x1 = 1;
    if (!(y0 <= y1)) y0 = 0, y1 = 1;
    if (x1 - x0 <= 0) x0 -= 0.5, x1 += 0.5;
    if (y1 - y0 <= 0) y0 -= 0.5, y1 += 0.5;
    const double mx = m_mode == Mode::Series ? 0.04 * (x1 - x0) : 0.0;
    const double myLow = m_mode == Mode::Series ? 0.06 * (y1 - y0) : 0.0;
    return QRectF(x0 - mx, y0 - myLow, (x1 - x0) + 2 * mx, (y1 - y0) * 1.06 + myLow);
}

void PlotWidget::setViewRange(const QRectF& range) {
    if (!(range.width() > 0) || !(range.height() > 0)) return;
    m_view = range;
    update();
    Q_EMIT viewChanged();
}

void PlotWidget::resetView() {
    setViewRange(dataBounds());
}

void PlotWidget::zoomAt(const QPointF& widgetPos, double factor) {
    if (!(factor > 0)) return;
    const QPointF c = toData(widgetPos);
    const double w = m_view.width() / factor, h = m_view.height() / factor;
    const double fx = (c.x() - m_view.x()) / m_view.width(), fy = (c.y() - m_view.y()) / m_view.height();
    setViewRange(QRectF(c.x() - fx * w, c.y() - fy * h, w, h));
}

QRectF PlotWidget::plotArea(const QSizeF& canvas) const {
    const QFontMetricsF fm(font());
    const double left = fm.horizontalAdvance(QStringLiteral("-0.0000")) + 2.2 * fm.height();
    const double top = m_title.isEmpty() ? fm.height() : 2.0 * fm.height();
    const double bottom = 3.0 * fm.height();
    const double right = 1.5 * fm.height();
    return QRectF(left, top, std::max(10.0, canvas.width() - left - right),
                  std::max(10.0, canvas.height() - top - bottom));
}

QPointF PlotWidget::mapToCanvas(const QPointF& d, const QRectF& area) const {
    return QPointF(area.left() + (d.x() - m_view.x()) / m_view.width() * area.width(),
                   area.bottom() - (d.y() - m_view.y()) / m_view.height() * area.height());
}

QPointF PlotWidget::toWidget(const QPointF& data) const {
    return mapToCanvas(data, plotArea(size()));
}

QPointF PlotWidget::toData(const QPointF& w) const {
    const QRectF a = plotArea(size());
    return QPointF(m_view.x() + (w.x() - a.left()) / a.width() * m_view.width(),
                   m_view.y() + (a.bottom() - w.y()) / a.height() * m_view.height());
}

QString PlotWidget::readoutAt(const QPointF& widgetPos) const {
    if (!plotArea(size()).contains(widgetPos)) return {};
    const QPointF d = toData(widgetPos);
    if (m_mode == Mode::Histogram || m_mode == Mode::Bars) {
        const double b = std::floor((d.x() - m_binStart) / m_binWidth);
        if (b < 0 || b >= double(m_binCounts.size())) return {};
        const auto i = std::size_t(b);
        if (m_mode == Mode::Bars)
            return m_categories[i] + QStringLiteral(": ") + QString::number(m_binCounts[i], 'g', 6);
        const double a0 = m_binStart + b * m_binWidth;
        return QStringLiteral("[%1, %2) %3: %4")
            .arg(QString::number(a0, 'g', 4), QString::number(a0 + m_binWidth, 'g', 4), m_xUnit,
                 QString::number(m_binCounts[i]));
    }
    double best = 12.0 * 12.0; // px: nearest point within this radius
    QString text;
    for (const PlotSeries& s : m_series)
        for (std::size_t i = 0; i < s.x.size(); ++i) {
            const QPointF w = toWidget(QPointF(s.x[i], s.y[i]));
            const double dd = (w.x() - widgetPos.x()) * (w.x() - widgetPos.x()) +
                              (w.y() - widgetPos.y()) * (w.y() - widgetPos.y());
            if (dd < best) {
                best = dd;
                text = s.name + QStringLiteral(": ") + m_xLabel + QStringLiteral(" = ") +
                       withUnit(s.x[i], m_xUnit) + QStringLiteral(", ") + m_yLabel + QStringLiteral(" = ") +
                       withUnit(s.y[i], m_yUnit);
            }
        }
    return text;
}

void PlotWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    render(p, size());
    if (m_dragging) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DashLine));
        p.setBrush(QColor(100, 150, 255, 40));
        p.drawRect(QRectF(m_dragStart, m_dragEnd).normalized());
    }
    if (!m_readout.isEmpty()) {
        const QFontMetricsF fm(font());
        const QRectF area = plotArea(size());
        QRectF box(0, 0, fm.horizontalAdvance(m_readout) + 10, fm.height() + 6);
        box.moveTopRight(QPointF(area.right() - 4, area.top() + 4));
        p.setPen(QColor(90, 90, 90));
        p.setBrush(QColor(255, 255, 225, 235));
        p.drawRect(box);
        p.setPen(Qt::black);
        p.drawText(box, Qt::AlignCenter, m_readout);
    }
}

void PlotWidget::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0) zoomAt(event->position(), std::pow(1.25, steps));
    event->accept();
}

void PlotWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    m_dragging = true;
    m_dragStart = m_dragEnd = event->position();
}

void PlotWidget::mouseMoveEvent(QMouseEvent* event) {
    m_hover = event->position();
    if (m_dragging) m_dragEnd = event->position();
    m_readout = readoutAt(m_hover);
    update();
}

void PlotWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (!m_dragging || event->button() != Qt::LeftButton) return;
    m_dragging = false;
    m_dragEnd = event->position();
    const QRectF r = QRectF(m_dragStart, m_dragEnd).normalized();
    if (r.width() > 4 && r.height() > 4) { // a click is no zoom
        const QPointF a = toData(r.bottomLeft()), b = toData(r.topRight());
        setViewRange(QRectF(a.x(), a.y(), b.x() - a.x(), b.y() - a.y()));
    }
    update();
}

void PlotWidget::mouseDoubleClickEvent(QMouseEvent*) {
    resetView();
}

void PlotWidget::leaveEvent(QEvent*) {
    m_readout.clear();
    m_hover = QPointF(-1, -1);
    update();
}

} // namespace atomlens
