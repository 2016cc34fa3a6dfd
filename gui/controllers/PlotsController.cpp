#include "gui/controllers/PlotsController.h"

#include "gui/document/Document.h"
#include "gui/jobs/SeriesTracking.h"
#include "gui/plots/PlotPanel.h"
#ifdef ATOMLENS_WITH_VTK
#include "gui/vtk/LatticeSceneView.h"
#endif

namespace atomlens::gui {

PlotsController::PlotsController(Document* document, QObject* parent)
    : QObject(parent), m_doc(document), m_series(new SeriesTracking(this)) {
    connect(m_doc, &Document::graphChanged, this, &PlotsController::updatePlots);
    connect(m_doc, &Document::calibrationChanged, this, &PlotsController::updatePlots);
    connect(m_series, &SeriesTracking::finished, this, [this](bool ok, const QString& message) {
        Q_EMIT status(ok ? m_series->summary() : message, 15000);
        if (!ok && !message.endsWith(tr("cancelled"))) Q_EMIT jobFailed(message);
        // Each frame shows what the tracking found on it (atoms and empty sites), where the user has
        // no atoms of their own yet.
        if (const auto sites = m_series->sites(); ok && sites &&
                                                  m_series->mode() == SeriesTracking::Mode::Sites &&
                                                  int(sites->points.size()) == m_doc->frameCount())
            for (int k = 0; k < m_doc->frameCount(); ++k)
                m_doc->fillFrame(k, SeriesTracking::trackedAtoms(*sites, k));
        if (ok && m_plots) {
            m_series->showIn(*m_plots);
            Q_EMIT plotsShown();
        }
    });
}

void PlotsController::setPlotPanel(PlotPanel* plots) {
    m_plots = plots;
    updatePlots();
}

void PlotsController::updatePlots() {
    if (!m_plots || !m_doc->hasImage() || !m_doc->graph()) return;
    const Calibration c = m_doc->calibration();
    m_plots->showStatistics(m_doc->atoms(), *m_doc->graph(), c.isCalibrated() ? c.pixelSizeX : 1.0,
                            c.isCalibrated() ? QString::fromStdString(c.unit) : QStringLiteral("px"));
}

void PlotsController::trackSeries(int mode) {
    if (!m_doc->hasImage() || m_doc->micrograph()->frameCount() < 2) {
        Q_EMIT errorOccurred(tr("Track Series needs a frame stack (a multi-frame file): open one first."));
        return;
    }
    if (!m_series->start(m_doc->micrograph(),
                         mode == 0 ? SeriesTracking::Mode::Sites : SeriesTracking::Mode::Dopants)) {
        Q_EMIT status(tr("A series analysis is already running."), 5000);
        return;
    }
    Q_EMIT status(tr("Tracking the series on a worker thread..."), 0);
}

void PlotsController::showSceneView() {
#ifdef ATOMLENS_WITH_VTK
    if (!m_doc->hasImage()) return;
    auto* scene = new LatticeSceneView;
    scene->setAttribute(Qt::WA_DeleteOnClose);
    scene->setWindowTitle(tr("AtomLens 3-D View"));
    const Calibration c = m_doc->calibration();
    scene->setImage(m_doc->currentImage(), c.isCalibrated() ? c.pixelSizeX : 1.0,
                    c.isCalibrated() ? QString::fromStdString(c.unit) : QStringLiteral("px"));
    scene->setAtoms(m_doc->atoms());
    if (const auto series = m_series->sites();
        series && m_series->mode() == SeriesTracking::Mode::Sites &&
        int(series->points.size()) == m_doc->micrograph()->frameCount())
        scene->setTrajectories(series->points, series->tracking);
    scene->resize(900, 700);
    scene->show();
#endif
}

} // namespace atomlens::gui
