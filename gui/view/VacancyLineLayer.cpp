#include "gui/view/VacancyLineLayer.h"

#include "core/analysis/SeriesAnalysis.h"
#include "gui/document/Document.h"
#include "gui/jobs/SeriesTracking.h"
#include "gui/view/ImageView.h"
#include "gui/view/VacancyLineOverlayItem.h"

#include <QGraphicsScene>

namespace atomlens::gui {

VacancyLineLayer::VacancyLineLayer(Document* document, ImageView* view, SeriesTracking* series,
                                   QObject* parent)
    : QObject(parent), m_doc(document), m_series(series), m_item(new VacancyLineOverlayItem) {
    view->scene()->addItem(m_item);
    connect(series, &SeriesTracking::finished, this, &VacancyLineLayer::refresh);
    connect(document, &Document::frameChanged, this, &VacancyLineLayer::refresh);
    connect(document, &Document::micrographChanged, this, &VacancyLineLayer::refresh);
}

bool VacancyLineLayer::isVisible() const {
    return m_item->isVisible();
}

void VacancyLineLayer::setVisible(bool on) {
    m_item->setVisible(on);
}

void VacancyLineLayer::refresh() {
    const auto sites = m_series->sites();
    // Only the series that was tracked: another file (or a re-opened one) has no lines yet.
    if (!sites || m_series->mode() != SeriesTracking::Mode::Sites || !m_doc->hasImage() ||
        m_series->trackedSeries() != m_doc->micrograph()) {
        m_item->clear();
        return;
    }
    const double size = sites->bondLength > 0 ? 0.5 * sites->bondLength : 4.0;
    m_item->setFrame(VacancyLineOverlayItem::marksOf(*sites, m_doc->currentFrame()), size);
}

} // namespace atomlens::gui
