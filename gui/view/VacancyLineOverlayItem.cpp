#include "gui/view/VacancyLineOverlayItem.h"

#include "core/analysis/SeriesAnalysis.h"

#include <QFont>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>
#include <limits>

namespace atomlens::gui {

VacancyLineOverlayItem::VacancyLineOverlayItem() {
    setZValue(3); // above atoms and graph
}

VacancyLineFrame VacancyLineOverlayItem::marksOf(const SeriesAnalysis& series, int frame) {
    VacancyLineFrame out;
    if (frame < 0 || std::size_t(frame) >= series.lines.size()) return out;
    const SiteHistory& h = series.sites;
    const double dx = std::size_t(frame) < series.drift.size() ? series.drift[std::size_t(frame)].dx : 0.0,
                 dy = std::size_t(frame) < series.drift.size() ? series.drift[std::size_t(frame)].dy : 0.0;
    for (const VacancyLine& line : series.lines[std::size_t(frame)]) {
        VacancyLineMark mark;
        for (std::size_t s : line.sites)
            if (s < h.siteCount()) mark.sites.emplace_back(h.x[s] + dx, h.y[s] + dy);
        // The shortest tree through the sites (Prim; a line has a handful of sites).
        const std::size_t n = mark.sites.size();
        std::vector<char> in(n, 0);
        std::vector<double> best(n, std::numeric_limits<double>::infinity());
        std::vector<int> from(n, -1);
        if (n > 0) best[0] = 0;
        for (std::size_t step = 0; step < n; ++step) {
            std::size_t next = n;
            for (std::size_t i = 0; i < n; ++i)
                if (!in[i] && (next == n || best[i] < best[next])) next = i;
            in[next] = 1;
            if (from[next] >= 0) mark.links.emplace_back(from[next], int(next));
            for (std::size_t i = 0; i < n; ++i) {
                const QPointF d = mark.sites[i] - mark.sites[next];
                const double len = std::hypot(d.x(), d.y());
                if (!in[i] && len < best[i]) best[i] = len, from[i] = int(next);
            }
        }
        out.lines.push_back(std::move(mark));
    }
    for (const VacancyLineEvent& e : series.events)
        if (e.frame == frame)
            out.events.push_back(
                {QPointF(e.x + dx, e.y + dy), QString::fromStdString(e.type), e.sitesBefore, e.sitesAfter});
    return out;
}

void VacancyLineOverlayItem::setFrame(VacancyLineFrame frame, double siteSize) {
    prepareGeometryChange();
    m_frame = std::move(frame);
    m_size = std::max(2.0, siteSize);
    QRectF bounds;
    auto add = [&](const QPointF& p, double r) {
        const QRectF box(p.x() - r, p.y() - r, 2 * r, 2 * r);
        bounds = bounds.isNull() ? box : bounds.united(box);
    };
    for (const auto& line : m_frame.lines)
        for (const QPointF& p : line.sites) add(p, m_size);
    for (const auto& e : m_frame.events) add(e.at, 3 * m_size);
    // Room for the event names, written to the right at a fixed screen size.
    m_bounds = bounds.isNull() ? QRectF() : bounds.adjusted(-m_size, -m_size, 40 * m_size, m_size);
    update();
}

void VacancyLineOverlayItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    if (m_frame.lines.empty() && m_frame.events.empty()) return;
    painter->setRenderHint(QPainter::Antialiasing);
    const double scale = std::max(1e-6, option->levelOfDetailFromTransform(painter->worldTransform()));
    const QColor line(255, 140, 0), event(255, 0, 200);
    for (const auto& mark : m_frame.lines) {
        painter->setPen(QPen(line, 2.5 / scale));
        painter->setBrush(Qt::NoBrush);
        for (const auto& [i, j] : mark.links)
            painter->drawLine(mark.sites[std::size_t(i)], mark.sites[std::size_t(j)]);
        painter->setBrush(QColor(255, 140, 0, 110));
        for (const QPointF& p : mark.sites)
            painter->drawRect(QRectF(p.x() - m_size / 2, p.y() - m_size / 2, m_size, m_size));
    }
    QFont font = painter->font();
    font.setPointSizeF(9);
    painter->setFont(font);
    for (const auto& e : m_frame.events) {
        const double r = 1.5 * m_size;
        const QPolygonF diamond(
            {e.at + QPointF(0, -r), e.at + QPointF(r, 0), e.at + QPointF(0, r), e.at + QPointF(-r, 0)});
        painter->setPen(QPen(event, 2 / scale));
        painter->setBrush(Qt::NoBrush);
        painter->drawPolygon(diamond);
        // The name at a constant size on screen, right of the diamond.
        painter->save();
        painter->translate(e.at + QPointF(r * 1.2, 0));
        painter->scale(1 / scale, 1 / scale);
        painter->setPen(event);
        painter->drawText(QPointF(2, 4),
                          QStringLiteral("%1 %2\u2192%3").arg(e.type).arg(e.sitesBefore).arg(e.sitesAfter));
        painter->restore();
    }
}

} // namespace atomlens::gui
