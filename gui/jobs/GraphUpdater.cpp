// Background graph updates with re-prediction around edits .
#include "gui/jobs/GraphUpdater.h"

#include "core/graph/IdealLattice.h"
#include "gui/document/Document.h"
#include "gui/jobs/AtomMerge.h"
#include "gui/jobs/JobRunner.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

#ifdef ATOMLENS_WITH_NN
#include "core/nn/Classification.h"
#include "core/nn/EgnnModel.h"
#endif

namespace atomlens::gui {

GraphUpdater::GraphUpdater(Document* document, JobRunner* userJobs, ModelSource model, QObject* parent)
    : QObject(parent), m_doc(document), m_userJobs(userJobs), m_runner(new JobRunner(this)),
      m_timer(new QTimer(this)), m_model(std::move(model)) {
    m_timer->setSingleShot(true);
    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &GraphUpdater::start);
    connect(m_runner, &JobRunner::finished, this, [this] {
        if (!m_dirty.empty()) m_timer->start();
    });
    // Edits re-predict around the moved places; a frame shown without a graph gets one.
    connect(m_doc, &Document::atomsMoved, this,
            [this](const std::vector<QPointF>& dirty) { schedule(dirty); });
    connect(m_doc, &Document::frameChanged, this, [this] {
        if (!m_doc->graph() && m_doc->atoms().size() >= 3) schedule({QPointF(-1, -1)});
    });
}

void GraphUpdater::schedule(const std::vector<QPointF>& dirty) {
    m_dirty.insert(m_dirty.end(), dirty.begin(), dirty.end());
    if (m_dirty.empty()) m_dirty.emplace_back(-1, -1);
    m_timer->start();
}

void GraphUpdater::start() {
    if (!m_doc->hasImage() || m_dirty.empty()) return;
    if (m_runner->isBusy()) return; // its finished handler restarts the timer
    if (m_userJobs->isBusy()) {     // a user job will replace the atoms anyway: wait for it
        m_timer->start();
        return;
    }
    std::vector<QPointF> dirty;
    dirty.swap(m_dirty);
    const bool everywhere = std::any_of(dirty.begin(), dirty.end(), [](QPointF p) { return p.x() < 0; });
    auto atoms = std::make_shared<AtomTable>(activeAtoms(m_doc->atoms(), true));
    if (atoms->size() < 3) {
        m_doc->setGraph(nullptr);
        return;
    }
    auto micrograph = m_doc->micrograph();
    const int frame = m_doc->currentFrame();
    const quint64 revision = m_doc->revision(); // the result is dropped when the atoms moved on
    const std::string modelName = m_doc->modelName().toStdString();
    auto model = m_model ? m_model() : nullptr;
    m_runner->start(tr("Update graph"), [=](JobContext& job) -> JobRunner::Apply {
        auto graph = std::make_shared<LatticeGraph>();
        std::shared_ptr<AtomTable> predicted;
        const Image& image = micrograph->frame(frame);
#ifdef ATOMLENS_WITH_NN
        if (model) {
            PreparedGraph prepared; // the model's own graph settings (as the classify step uses)
            predicted = std::make_shared<AtomTable>(classifyAtoms(image, *atoms, *model, job, &prepared));
            *graph = std::move(prepared.graph);
        }
#endif
        if (!predicted) {
            LatticeParams lattice;
            lattice.imageWidth = image.width();
            lattice.imageHeight = image.height();
            *graph = buildLatticeGraph(*atoms, GraphParams{}, lattice, job);
        }
        return [=] {
            if (m_doc->micrograph() != micrograph) return;
            if (!m_doc->isCurrent(frame, revision)) {
                // Computed from atoms that changed since (or another frame's): dropped, and done again.
                m_dirty.insert(m_dirty.end(), dirty.begin(), dirty.end());
                m_timer->start();
                Q_EMIT staleResultDropped();
                return;
            }
            if (m_doc->currentFrame() == frame) m_doc->setGraph(graph);
            if (predicted && !everywhere)
                m_doc->applyPrediction(
                    frame, predictionAround(*predicted, dirty, graph->bondLength, modelName, revision));
            Q_EMIT graphUpdated();
        };
    });
}

PredictionLayer predictionAround(const AtomTable& predicted, const std::vector<QPointF>& dirty,
                                 double bondLength, const std::string& model, std::uint64_t revision) {
    // Re-predict only around the edits; labels are kept by the document (the shown class is the label).
    PredictionLayer layer;
    layer.model = model;
    layer.revision = revision;
    layer.classNames = predicted.classNames();
    const double reach = 2.5 * std::max(1.0, bondLength);
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        if (predicted.flags()[i] & kFlagEmptySite) continue;
        const double x = predicted.xs()[i], y = predicted.ys()[i];
        if (std::none_of(dirty.begin(), dirty.end(),
                         [&](QPointF p) { return std::hypot(p.x() - x, p.y() - y) < reach; }))
            continue;
        layer.ids.push_back(predicted.ids()[i]);
        layer.classIds.push_back(predicted.classIds()[i]);
        layer.confidences.push_back(predicted.confidences()[i]);
    }
    return layer;
}

} // namespace atomlens::gui
