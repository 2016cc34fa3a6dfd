#include "gui/jobs/StackClassifier.h"

#include "gui/document/Document.h"
#include "gui/jobs/AtomMerge.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/SubModelController.h"

#include <QPointer>

#include <memory>
#include <vector>

#ifdef ATOMLENS_WITH_NN
#include "core/detect/Detector.h"
#include "core/nn/Classification.h"
#include "core/nn/EgnnModel.h"
#endif

namespace atomlens::gui {

StackClassifier::StackClassifier(Document* document, JobRunner* jobs, SubModelController* models,
                                 FewShotTrainer* fewShot, QObject* parent)
    : QObject(parent), m_doc(document), m_jobs(jobs), m_models(models), m_fewShot(fewShot) {}

bool StackClassifier::applyToAllFrames() {
#ifdef ATOMLENS_WITH_NN
    auto model = m_models->model();
    QString name = m_doc->modelName();
    if (!model) {
        model = m_fewShot->candidate();
        name = tr("fine-tuned (unsaved)");
    }
    if (!m_doc->hasImage() || !model) {
        Q_EMIT finished(false, tr("Classify with a sub-model or fine-tune one first."));
        return false;
    }
    if (name.isEmpty()) name = tr("sub-model");
    // Snapshots of every frame (atoms and revision); the worker never reads the document.
    struct Frame {
        AtomTable atoms;
        quint64 revision = 0;
        bool detected = false; ///< the frame had no atoms: detected on the worker
        std::shared_ptr<const AtomTable> predicted;
    };
    auto frames = std::make_shared<std::vector<Frame>>(std::size_t(m_doc->frameCount()));
    for (int k = 0; k < m_doc->frameCount(); ++k) {
        const FrameDocument& f = m_doc->frameDocument(k);
        (*frames)[std::size_t(k)] = {activeAtoms(f.atoms, true), f.revision, f.atoms.empty(), nullptr};
    }
    auto micrograph = m_doc->micrograph();
    const std::string modelName = name.toStdString();
    QPointer<StackClassifier> self(this);
    const bool started =
        m_jobs->start(tr("Apply model to all frames"), [=](JobContext& job) -> JobRunner::Apply {
            const int n = int(frames->size());
            for (int k = 0; k < n; ++k) {
                job.throwIfCanceled(); // a cancelled run applies nothing
                job.setProgress(k, n, tr("Frame %1 of %2").arg(k + 1).arg(n).toStdString());
                Frame& f = (*frames)[std::size_t(k)];
                if (f.detected) f.atoms = detectAtoms(micrograph->frame(k), DetectParams{}, job);
                if (f.atoms.size() < 3) continue; // nothing to classify
                f.predicted = std::make_shared<const AtomTable>(
                    classifyAtoms(micrograph->frame(k), f.atoms, *model, job));
            }
            job.setProgress(n, n, {});
            return [=] {
                if (!self || m_doc->micrograph() != micrograph) return;
                int applied = 0, stale = 0;
                for (int k = 0; k < int(frames->size()); ++k) {
                    Frame& f = (*frames)[std::size_t(k)];
                    if (!f.predicted) continue;
                    quint64 revision = f.revision;
                    if (f.detected) { // the new atoms, where the frame still has none
                        if (!m_doc->fillFrame(k, f.atoms)) {
                            ++stale;
                            continue;
                        }
                        revision = m_doc->frameDocument(k).revision;
                    }
                    PredictionLayer layer;
                    layer.model = modelName;
                    layer.revision = revision;
                    layer.classNames = f.predicted->classNames();
                    for (std::size_t i = 0; i < f.predicted->size(); ++i) {
                        if (f.predicted->flags()[i] & kFlagEmptySite) continue;
                        layer.ids.push_back(f.predicted->ids()[i]);
                        layer.classIds.push_back(f.predicted->classIds()[i]);
                        layer.confidences.push_back(f.predicted->confidences()[i]);
                    }
                    // Edited meanwhile: that frame's prediction would be stale and is dropped.
                    m_doc->applyPrediction(k, std::move(layer)) ? ++applied : ++stale;
                }
                Q_EMIT finished(true,
                                stale ? tr("%1 of %2 frames classified with %3; %4 changed meanwhile (run "
                                           "again for them)")
                                            .arg(applied)
                                            .arg(frames->size())
                                            .arg(QString::fromStdString(modelName))
                                            .arg(stale)
                                      : tr("%1 of %2 frames classified with %3")
                                            .arg(applied)
                                            .arg(frames->size())
                                            .arg(QString::fromStdString(modelName)));
            };
        });
    if (!started) {
        Q_EMIT finished(false, tr("Wait for the running job (%1) or cancel it.").arg(m_jobs->title()));
        return false;
    }
    connect(
        m_jobs, &JobRunner::finished, this,
        [this](bool ok, const QString& message) {
            if (!ok) Q_EMIT finished(false, message);
        },
        Qt::SingleShotConnection);
    return true;
#else
    Q_EMIT finished(false, tr("This build has no networks."));
    return false;
#endif
}

} // namespace atomlens::gui
