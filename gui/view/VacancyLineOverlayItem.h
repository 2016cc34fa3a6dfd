#pragma once
#include <QGraphicsItem>
#include <QPointF>
#include <QString>

#include <utility>
#include <vector>

namespace atomlens {
struct SeriesAnalysis;
}

namespace atomlens::gui {

/// One vacancy line of a frame as drawn: its vacant sites (image pixels of that frame) and the links
/// that join them (the shortest tree through the sites, so branched lines are drawn as branches).
struct VacancyLineMark {
    std::vector<QPointF> sites;
    std::vector<std::pair<int, int>> links;
};

/// One line event (appear, grow, merge, ...) between the previous frame and this one.
struct LineEventMark {
    QPointF at;
    QString type;
    int sitesBefore = 0, sitesAfter = 0;
};

/// What the vacancy-line layer shows on one frame.
struct VacancyLineFrame {
    std::vector<VacancyLineMark> lines;
    std::vector<LineEventMark> events;
};

/// The vacancy-line layer of a tracked frame series: the frame's chalcogen vacancy lines (their sites
/// as orange squares, joined) and the line events that happened on reaching this frame
/// (a magenta diamond with the event's name). Positions are the sites' drift-corrected reference
/// positions moved by the frame's drift, so the marks sit on the frame shown.
class VacancyLineOverlayItem : public QGraphicsItem {
public:
    VacancyLineOverlayItem();
    void setFrame(VacancyLineFrame frame, double siteSize);
    void clear() { setFrame({}, 0); }
    const VacancyLineFrame& frame() const { return m_frame; }
    /// The marks of frame `frame` of a series analysis (empty for a frame it does not have).
    static VacancyLineFrame marksOf(const SeriesAnalysis& series, int frame);

    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    VacancyLineFrame m_frame;
    double m_size = 4;
    QRectF m_bounds;
};

} // namespace atomlens::gui
