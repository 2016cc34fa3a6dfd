// PlotWidget: drawing (axes, ticks, data) and SVG/PNG export.
#include "core/base/AtomicFile.h"
#include "gui/plots/PlotWidget.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace atomlens {

std::vector<double> niceTicks(double lo, double hi, int maxTicks) {
    std::vector<double> ticks;
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo) || maxTicks < 1) return ticks;
    const double raw = (hi - lo) / maxTicks;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * mag;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    const double first = std::ceil(lo / step - 1e-9) * step;
    for (double t = first; t <= hi + step * 1e-9; t += step)
        ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    return ticks;
}

QString PlotWidget::tickLabel(double value, double step) const {
    const int decimals = step > 0 ? std::max(0, int(-std::floor(std::log10(step) + 1e-9))) : 0;
    if (std::abs(value) >= 1e5 || (value != 0 && std::abs(value) < 1e-4))
        return QString::number(value, 'g', 3);
    return QString::number(value, 'f', decimals);
}

void PlotWidget::render(QPainter& p, const QSizeF& canvas) const {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(font());
    p.fillRect(QRectF(QPointF(0, 0), canvas), Qt::white);
    const QRectF area = plotArea(canvas);
    if (!m_title.isEmpty()) {
        QFont f = font();
        f.setBold(true);
        p.setFont(f);
        p.setPen(Qt::black);
        p.drawText(QRectF(0, 0, canvas.width(), area.top()), Qt::AlignCenter, m_title);
        p.setFont(font());
    }
    p.save();
    p.setClipRect(area);
    drawData(p, area);
    p.restore();
    drawAxes(p, area);
    p.restore();
}

void PlotWidget::drawData(QPainter& p, const QRectF& area) const {
    if (m_mode == Mode::Empty) {
        p.setPen(QColor(140, 140, 140));
        p.drawText(area, Qt::AlignCenter, tr("No data"));
        return;
    }
    if (m_mode == Mode::Histogram || m_mode == Mode::Bars) {
        p.setPen(QPen(QColor(20, 60, 110), 1));
        p.setBrush(QColor(70, 130, 200));
        const double gap = m_mode == Mode::Bars ? 0.15 * m_binWidth : 0.0;
        for (std::size_t b = 0; b < m_binCounts.size(); ++b) {
            const double x0 = m_binStart + double(b) * m_binWidth + gap;
            const QPointF a = mapToCanvas(QPointF(x0, 0), area);
            const QPointF c = mapToCanvas(QPointF(x0 + m_binWidth - 2 * gap, m_binCounts[b]), area);
            if (b < m_barColours.size()) p.setBrush(m_barColours[b]);
            p.drawRect(QRectF(a, c).normalized());
        }
        return;
    }
    for (const PlotSeries& s : m_series) {
        p.setPen(QPen(s.colour, 2));
        if (s.scatter) {
            p.setBrush(s.colour);
            for (std::size_t i = 0; i < s.x.size(); ++i)
                if (std::isfinite(s.x[i]) && std::isfinite(s.y[i]))
                    p.drawEllipse(mapToCanvas(QPointF(s.x[i], s.y[i]), area), 3.0, 3.0);
            continue;
        }
        QPainterPath path;
        bool pen = false;
        for (std::size_t i = 0; i < s.x.size(); ++i) {
            if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) { // gaps break the curve
                pen = false;
                continue;
            }
            const QPointF q = mapToCanvas(QPointF(s.x[i], s.y[i]), area);
            pen ? path.lineTo(q) : path.moveTo(q);
            pen = true;
        }
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
    // legend (top left) for several curves
    if (m_series.size() < 2) return;
    const QFontMetricsF fm(font());
    double legendWidth = 0;
    for (const PlotSeries& s : m_series) legendWidth = std::max(legendWidth, fm.horizontalAdvance(s.name));
    p.setPen(QColor(190, 190, 190));
    p.setBrush(QColor(255, 255, 255, 220));
    p.drawRect(QRectF(area.left() + 4, area.top() + 4, legendWidth + 36,
                      double(m_series.size()) * (fm.height() + 2) + 4));
    double y = area.top() + 6;
    for (const PlotSeries& s : m_series) {
        p.setPen(QPen(s.colour, 3));
        p.drawLine(QPointF(area.left() + 8, y + fm.height() / 2),
                   QPointF(area.left() + 26, y + fm.height() / 2));
        p.setPen(Qt::black);
        p.drawText(QPointF(area.left() + 32, y + fm.ascent()), s.name);
        y += fm.height() + 2;
    }
}

void PlotWidget::drawAxes(QPainter& p, const QRectF& area) const {
    const QFontMetricsF fm(font());
    p.setPen(QPen(Qt::black, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(area);
    // x ticks: category names for bars, numbers otherwise
    if (m_mode == Mode::Bars) {
        for (std::size_t i = 0; i < m_categories.size(); ++i) {
            const double x = mapToCanvas(QPointF(double(i), 0), area).x();
            if (x < area.left() - 1 || x > area.right() + 1) continue;
            p.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 4));
            p.drawText(QRectF(x - 60, area.bottom() + 5, 120, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                       m_categories[i]);
        }
    } else {
        const std::vector<double> xt =
            niceTicks(m_view.left(), m_view.right(), std::max(2, int(area.width() / 80)));
        const double step = xt.size() > 1 ? xt[1] - xt[0] : 1;
        for (double t : xt) {
            const double x = mapToCanvas(QPointF(t, 0), area).x();
            p.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 4));
            p.drawText(QRectF(x - 50, area.bottom() + 5, 100, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                       tickLabel(t, step));
        }
    }
    const std::vector<double> yt =
        niceTicks(m_view.top(), m_view.bottom(), std::max(2, int(area.height() / 50)));
    const double ystep = yt.size() > 1 ? yt[1] - yt[0] : 1;
    for (double t : yt) {
        const double y = mapToCanvas(QPointF(0, t), area).y();
        p.setPen(QPen(QColor(225, 225, 225), 1));
        p.drawLine(QPointF(area.left() + 1, y), QPointF(area.right() - 1, y));
        p.setPen(Qt::black);
        p.drawLine(QPointF(area.left() - 4, y), QPointF(area.left(), y));
        p.drawText(QRectF(0, y - fm.height() / 2, area.left() - 7, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, tickLabel(t, ystep));
    }
    const auto caption = [](const QString& label, const QString& unit) {
        return unit.isEmpty() ? label : label + QStringLiteral(" [") + unit + QLatin1Char(']');
    };
    p.drawText(QRectF(area.left(), area.bottom() + 1.4 * fm.height(), area.width(), 1.4 * fm.height()),
               Qt::AlignCenter, caption(m_xLabel, m_xUnit));
    p.save();
    p.translate(fm.height() * 0.2, area.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-area.height() / 2, 0, area.height(), 1.2 * fm.height()), Qt::AlignCenter,
               caption(m_yLabel, m_yUnit));
    p.restore();
}

void PlotWidget::exportSvg(const QString& path) const {
    writeFileAtomically(path.toStdString(), [&](const std::string& tmp) {
        QSvgGenerator svg;
        svg.setFileName(QString::fromStdString(tmp));
        svg.setSize(size());
        svg.setViewBox(QRect(QPoint(0, 0), size()));
        svg.setTitle(m_title);
        QPainter p;
        if (!p.begin(&svg)) throw std::runtime_error(path.toStdString() + ": cannot write SVG");
        render(p, size());
        p.end();
    });
}

void PlotWidget::exportPng(const QString& path, double scale) const {
    QImage image((QSizeF(size()) * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.scale(scale, scale);
        render(p, size());
    }
    writeFileAtomically(path.toStdString(), [&](const std::string& tmp) {
        if (!image.save(QString::fromStdString(tmp), "PNG"))
            throw std::runtime_error(path.toStdString() + ": cannot write PNG");
    });
}

} // namespace atomlens
