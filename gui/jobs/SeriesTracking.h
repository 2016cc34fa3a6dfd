#pragma once
#include "core/analysis/DopantSwitching.h"
#include "core/analysis/SeriesAnalysis.h"

#include <QObject>
#include <QString>

#include <memory>

namespace atomlens {
class PlotPanel;
}

namespace atomlens::gui {

class JobRunner;

/// Time-series analysis of an open frame stack, off the GUI thread: either the lattice-site pipeline
/// (drift correction, tracking, per-site history, vacancy-line events: analyseSeries) or the dopant
/// pipeline (Si 3-fold <-> 4-fold switches: analyseDopantSeries). The result feeds the Plots dock's
/// time curves (showIn) and the 3-D view's space-time tracks. Own JobRunner, so it runs beside a
/// detection; one series job at a time.
class SeriesTracking : public QObject {
    Q_OBJECT
public:
    enum class Mode { Sites, Dopants };
    explicit SeriesTracking(QObject* parent = nullptr);
    ~SeriesTracking() override;

    /// Starts the analysis of a stack (at least 2 frames); false with `finished(false, ...)` not emitted
    /// when busy or the stack has a single frame.
    bool start(std::shared_ptr<const Micrograph> series, Mode mode);
    void cancel();
    bool isBusy() const;
    void waitForIdle();
    JobRunner* jobs() const { return m_jobs; }

    Mode mode() const { return m_mode; }
    /// Results of the last successful run of each mode (null before).
    std::shared_ptr<const SeriesAnalysis> sites() const { return m_sites; }
    std::shared_ptr<const DopantSeriesAnalysis> dopants() const { return m_dopants; }
    /// The stack the last site tracking (sites()) was computed from.
    std::shared_ptr<const Micrograph> trackedSeries() const { return m_tracked; }
    /// One-line summary of the last result (frames, tracks, events).
    QString summary() const { return m_summary; }

    /// Shows the last result of the current mode as time curves: detected atoms per frame and sites per
    /// state (Sites), or dopants per coordination class and cumulative switches (Dopants).
    void showIn(PlotPanel& panel) const;

    /// Frame k's atoms as the site tracking found them: its detected atoms, then its empty ideal sites
    /// (flagged kFlagEmptySite, the per-frame vacancy candidates). Empty when there is no such frame.
    static AtomTable trackedAtoms(const SeriesAnalysis& series, int frame);

Q_SIGNALS:
    void finished(bool ok, const QString& message);

private:
    JobRunner* m_jobs;
    Mode m_mode = Mode::Sites;
    std::shared_ptr<const SeriesAnalysis> m_sites;
    std::shared_ptr<const Micrograph> m_tracked;
    std::shared_ptr<const DopantSeriesAnalysis> m_dopants;
    QString m_summary;
};

} // namespace atomlens::gui
