#include "gui/plots/PlotPanel.h"

#include "core/analysis/SeriesAnalysis.h"
#include "core/analysis/Statistics.h"
#include "core/io/FigureWriter.h"

#include <algorithm>

namespace atomlens {

PlotPanel::PlotPanel(QWidget* parent)
    : QTabWidget(parent), m_lengths(new PlotWidget(this)), m_angles(new PlotWidget(this)),
      m_counts(new PlotWidget(this)), m_time(new PlotWidget(this)) {
    addTab(m_lengths, tr("Bond lengths"));
    addTab(m_angles, tr("Bond angles"));
    addTab(m_counts, tr("Classes"));
    addTab(m_time, tr("Time"));
    m_time->setTitle(tr("Counts per frame"));
    m_time->setAxisLabels(tr("Frame"), QString(), tr("Count"));
}

void PlotPanel::setHistogram(const std::vector<double>& values, int bins, const QString& label,
                             const QString& unit) {
    m_lengths->setTitle(label);
    m_lengths->setHistogram(values, bins, label, unit);
    setCurrentWidget(m_lengths);
}

void PlotPanel::setSeries(const QString& name, const std::vector<double>& x, const std::vector<double>& y) {
    m_time->setSeries(name, x, y);
    setCurrentWidget(m_time);
}

void PlotPanel::showStatistics(const AtomTable& atoms, const LatticeGraph& graph, double pixelSize,
                               const QString& unit, int bins) {
    const bool calibrated = pixelSize > 0 && !unit.isEmpty() && unit != QLatin1String("px");
    std::vector<double> lengths = bondLengths(graph);
    if (calibrated)
        for (double& l : lengths) l *= pixelSize;
    m_lengths->setTitle(tr("Bond lengths (%1 bonds)").arg(lengths.size()));
    m_lengths->setHistogram(lengths, bins, tr("Bond length"), calibrated ? unit : QStringLiteral("px"));
    const std::vector<double> angles = bondAngles(graph);
    m_angles->setTitle(tr("Bond angles"));
    m_angles->setHistogram(angles, bins, tr("Bond angle"), QStringLiteral("°"));

    std::vector<QString> names;
    std::vector<double> counts;
    std::vector<QColor> colours; // as in the image view and the figures
    for (const auto& [name, n] : countByClass(atoms)) {
        names.push_back(QString::fromStdString(name));
        counts.push_back(double(n));
        if (name == "empty-site") {
            colours.emplace_back(160, 160, 160);
            continue;
        }
        const auto id = std::find(atoms.classNames().begin(), atoms.classNames().end(), name);
        const auto c =
            classColour(id == atoms.classNames().end() ? -1 : int(id - atoms.classNames().begin()));
        colours.emplace_back(c[0], c[1], c[2]);
    }
    m_counts->setTitle(tr("Atoms per class"));
    m_counts->setBars(names, counts, tr("Atoms"), colours);
}

void PlotPanel::showSeriesCounts(const SeriesAnalysis& analysis) {
    m_time->clear();
    m_time->setAxisLabels(tr("Frame"), QString(), tr("Count"));
    std::vector<double> frames(analysis.atomCounts.size()), atoms(analysis.atomCounts.size());
    for (std::size_t f = 0; f < frames.size(); ++f)
        frames[f] = double(f), atoms[f] = double(analysis.atomCounts[f]);
    m_time->setSeries(tr("detected atoms"), frames, atoms);
    const SiteHistory& h = analysis.sites;
    for (std::size_t s = 0; s < h.stateNames.size(); ++s) {
        std::vector<double> fx(std::size_t(h.frameCount)), n(std::size_t(h.frameCount), 0.0);
        for (int f = 0; f < h.frameCount; ++f) {
            fx[std::size_t(f)] = f;
            for (std::size_t site = 0; site < h.siteCount(); ++site)
                if (h.state[h.at(site, f)] == int(s)) n[std::size_t(f)] += 1;
        }
        m_time->setSeries(QString::fromStdString(h.stateNames[s]), fx, n);
    }
    setCurrentWidget(m_time);
}

} // namespace atomlens
