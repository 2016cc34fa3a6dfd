#pragma once
#include "gui/plots/PlotWidget.h"

#include <QTabWidget>

#include <vector>

namespace atomlens {

class AtomTable;
struct LatticeGraph;
struct SeriesAnalysis;

/// The statistics of the current document as interactive plots, one tab each: bond lengths, bond
/// angles (histograms), atoms per class (bars) and time curves (counts per class per frame). The main
/// window feeds it through the plain setters or the show* conveniences; it keeps no document pointer.
class PlotPanel : public QTabWidget {
    Q_OBJECT
public:
    explicit PlotPanel(QWidget* parent = nullptr);

    PlotWidget* bondLengthPlot() const { return m_lengths; }
    PlotWidget* bondAnglePlot() const { return m_angles; }
    PlotWidget* countPlot() const { return m_counts; }
    PlotWidget* timePlot() const { return m_time; }

    /// Shows a histogram on the first (bond-length) tab, e.g. strain or any other per-atom value.
    void setHistogram(const std::vector<double>& values, int bins, const QString& label, const QString& unit);
    /// Adds or replaces a named curve on the time tab (x = frame or time, y = count).
    void setSeries(const QString& name, const std::vector<double>& x, const std::vector<double>& y);

    /// Histograms of the graph's bond lengths (px x pixelSize, in `unit`; "px" when uncalibrated) and
    /// bond angles, and the atoms per class of the table.
    void showStatistics(const AtomTable& atoms, const LatticeGraph& graph, double pixelSize,
                        const QString& unit, int bins = 40);
    /// Time curves of a series: detected atoms per frame and the sites in each state per frame.
    void showSeriesCounts(const SeriesAnalysis& analysis);

private:
    PlotWidget* m_lengths;
    PlotWidget* m_angles;
    PlotWidget* m_counts;
    PlotWidget* m_time;
};

} // namespace atomlens
