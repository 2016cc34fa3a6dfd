#include "gui/jobs/SeriesTracking.h"

#include "gui/jobs/JobRunner.h"
#include "gui/plots/PlotPanel.h"

#include <QPointer>

namespace atomlens::gui {

SeriesTracking::SeriesTracking(QObject* parent) : QObject(parent), m_jobs(new JobRunner(this)) {
    connect(m_jobs, &JobRunner::finished, this, &SeriesTracking::finished);
}

SeriesTracking::~SeriesTracking() {
    delete m_jobs; // stops and waits for the worker while this object is still whole
}

bool SeriesTracking::isBusy() const {
    return m_jobs->isBusy();
}

void SeriesTracking::cancel() {
    m_jobs->cancel();
}

void SeriesTracking::waitForIdle() {
    m_jobs->waitForIdle();
}

bool SeriesTracking::start(std::shared_ptr<const Micrograph> series, Mode mode) {
    if (!series || series->frameCount() < 2 || isBusy()) return false;
    QPointer<SeriesTracking> self(this);
    if (mode == Mode::Sites)
        return m_jobs->start(tr("Track series"), [series, self](JobContext& job) -> JobRunner::Apply {
            auto result = std::make_shared<const SeriesAnalysis>(analyseSeries(*series, SeriesParams{}, job));
            std::size_t analysed = 0;
            for (auto v : result->sites.analysed) analysed += v;
            const QString text =
                tr("%1 frames: %2 sites (%3 in every frame), %4 state changes, %5 vacancy-line "
                   "events")
                    .arg(series->frameCount())
                    .arg(result->sites.siteCount())
                    .arg(analysed)
                    .arg(siteStateChanges(result->sites).size())
                    .arg(result->events.size());
            return [self, result, text, series] {
                if (!self) return;
                self->m_mode = Mode::Sites, self->m_sites = result, self->m_summary = text;
                self->m_tracked = series;
            };
        });
    return m_jobs->start(tr("Track dopant switches"), [series, self](JobContext& job) -> JobRunner::Apply {
        auto result = std::make_shared<const DopantSeriesAnalysis>(
            analyseDopantSeries(*series, DetectParams{}, {}, job));
        const QString text = tr("%1 frames: %2 dopant sites, %3 coordination switches")
                                 .arg(series->frameCount())
                                 .arg(result->history.sites.siteCount())
                                 .arg(result->history.switches.size());
        return [self, result, text] {
            if (!self) return;
            self->m_mode = Mode::Dopants, self->m_dopants = result, self->m_summary = text;
        };
    });
}

AtomTable SeriesTracking::trackedAtoms(const SeriesAnalysis& series, int frame) {
    AtomTable atoms;
    if (frame < 0 || std::size_t(frame) >= series.points.size()) return atoms;
    const FramePoints& p = series.points[std::size_t(frame)];
    const std::size_t detected =
        std::size_t(frame) < series.atomCounts.size() ? series.atomCounts[std::size_t(frame)] : 0;
    atoms.reserve(p.x.size());
    for (std::size_t i = 0; i < p.x.size(); ++i) {
        Atom a;
        a.x = p.x[i];
        a.y = p.y[i];
        a.flags = i < detected ? kFlagNone : kFlagEmptySite;
        atoms.add(a);
    }
    return atoms;
}

void SeriesTracking::showIn(PlotPanel& panel) const {
    if (m_mode == Mode::Sites) {
        if (m_sites) panel.showSeriesCounts(*m_sites);
        return;
    }
    if (!m_dopants) return;
    const SiteHistory& h = m_dopants->history.sites;
    PlotWidget* plot = panel.timePlot();
    plot->clear();
    plot->setAxisLabels(tr("Frame"), QString(), tr("Count"));
    std::vector<double> fx(std::size_t(h.frameCount));
    for (int f = 0; f < h.frameCount; ++f) fx[std::size_t(f)] = f;
    for (std::size_t s = 0; s < h.stateNames.size(); ++s) {
        std::vector<double> n(std::size_t(h.frameCount), 0.0);
        for (int f = 0; f < h.frameCount; ++f)
            for (std::size_t site = 0; site < h.siteCount(); ++site)
                if (h.analysed[site] && h.state[h.at(site, f)] == int(s)) n[std::size_t(f)] += 1;
        panel.setSeries(QString::fromStdString(h.stateNames[s]), fx, n);
    }
    std::vector<double> cumulative(std::size_t(h.frameCount), 0.0);
    for (const auto& e : m_dopants->history.switches)
        for (int f = e.frame; f < h.frameCount; ++f) cumulative[std::size_t(f)] += 1;
    panel.setSeries(tr("switches (cumulative)"), fx, cumulative);
    panel.setCurrentWidget(plot);
}

} // namespace atomlens::gui
