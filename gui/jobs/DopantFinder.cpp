#include "gui/jobs/DopantFinder.h"

#include "core/analysis/GrapheneDopants.h"
#include "gui/document/Document.h"
#include "gui/jobs/JobRunner.h"
#include "gui/view/DopantOverlayItem.h"
#include "gui/view/ImageView.h"

#include <memory>

namespace atomlens::gui {

DopantFinder::DopantFinder(Document* document, ImageView* view, QObject* parent)
    : QObject(parent), m_doc(document), m_view(view), m_jobs(new JobRunner(this)) {
    connect(m_doc, &Document::micrographChanged, this, &DopantFinder::clear);
    connect(m_doc, &Document::frameChanged, this, &DopantFinder::clear);
}

void DopantFinder::clear() {
    m_view->dopantOverlay()->clear();
    m_summary.clear();
}

bool DopantFinder::find() {
    if (!m_doc->hasImage() || m_jobs->isBusy()) return false;
    auto micrograph = m_doc->micrograph();
    const int frame = m_doc->currentFrame();
    return m_jobs->start(tr("Find dopants"), [=](JobContext& job) -> JobRunner::Apply {
        auto analysis =
            std::make_shared<GrapheneAnalysis>(analyseGrapheneImage(micrograph->frame(frame), {}, job));
        return [=] {
            if (m_doc->micrograph() != micrograph || m_doc->currentFrame() != frame) return; // moved on
            auto marks = DopantOverlayItem::marksOf(*analysis);
            m_view->dopantOverlay()->setDopants(marks, analysis->bondLength);
            std::size_t three = 0, four = 0;
            for (const auto& m : marks) three += m.coordination == 3, four += m.coordination >= 4;
            m_summary = tr("%1 dopant(s): %2 three-fold, %3 four-fold (bond %4 px)")
                            .arg(marks.size())
                            .arg(three)
                            .arg(four)
                            .arg(analysis->bondLength, 0, 'f', 1);
            Q_EMIT found(m_summary);
        };
    });
}

} // namespace atomlens::gui
