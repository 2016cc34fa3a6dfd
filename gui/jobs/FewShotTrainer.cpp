// Few-shot fine-tuning and the candidate model (split out of gui::Analysis). Without LibTorch only
// applying a candidate is built (there is never one).
#include "gui/jobs/FewShotTrainer.h"

#include "core/data/Errors.h"
#include "core/graph/IdealLattice.h"
#include "core/nn/ModelCard.h"
#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/jobs/AtomMerge.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/LabelledSubgraph.h"
#include "gui/jobs/SubModelController.h"

#include <QMetaObject>
#include <QPointer>

#include <algorithm>
#include <cmath>

#ifdef ATOMLENS_WITH_NN
#include "core/nn/Classification.h"
#include "core/nn/EgnnModel.h"
#include "core/nn/FewShot.h"
#include "core/nn/FineTunedModel.h"
#include "core/nn/LabelPlacement.h"
#include "core/nn/NetworkSteps.h"
#endif

namespace atomlens::gui {

FewShotTrainer::FewShotTrainer(Document* document, JobRunner* jobs, SubModelController* models,
                               QObject* parent)
    : QObject(parent), m_doc(document), m_jobs(jobs), m_models(models) {
    connect(m_doc, &Document::micrographChanged, this, [this] { m_candidate.reset(); });
}

bool FewShotTrainer::candidateApplied() const {
    return m_candidate && m_models->model() == m_candidate;
}

bool FewShotTrainer::fineTune(int epochs) {
#ifdef ATOMLENS_WITH_NN
    if (!m_doc->hasImage()) return false;
    const Labels labels = m_doc->userLabels();
    const std::vector<std::string> classes = labels.classNames();
    if (classes.size() < 2) {
        Q_EMIT fineTuneFinished(false, tr("Label atoms of at least two classes first."));
        return false;
    }
    auto micrograph = m_doc->micrograph();
    const int frame = m_doc->currentFrame();
    auto atoms = std::make_shared<AtomTable>(activeAtoms(m_doc->atoms(), true));
    auto base = m_models->model();
    const std::string atomSource = m_models->atomSource();
    QPointer<FewShotTrainer> self(this);
    const bool started = m_jobs->start(tr("Fine-tune"), [=](JobContext& job) -> JobRunner::Apply {
        const Image& image = micrograph->frame(frame);
        const bool rings = base && base->architecture().graphLevel;
        // A label with no node gets one; labels that cannot be used are logged and skipped.
        PlacedLabels placed = placeLabels(image, *atoms, labels, classes, rings,
                                          base ? base->graphSettings() : GraphSettings{}, job);
        for (std::size_t i = 0; i < placed.placements.size(); ++i)
            if (!placed.placements[i].used())
                job.log(JobContext::LogLevel::Warning, describePlacement(placed.placements[i], i));
        const PreparedGraph& prepared = placed.prepared;
        FewShotOptions options = fewShotDefaults(); // transfer, alignment, calibration; panel's epochs
        options.epochs = epochs;
        // From scratch a network has to be trained: 0 (the panel's default) means FewShotOptions{}'s steps.
        if (!base && epochs == 0) options.epochs = FewShotOptions{}.epochs;
        const int usedEpochs = options.epochs;
        options.crossValidate = labels.size() >= 10;
        options.folds = 3;
        options.progress = [self, &job](int epoch, double loss, double accuracy) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, epoch, loss, accuracy] {
                    if (self) Q_EMIT self->trainingProgress(epoch, loss, accuracy);
                },
                Qt::QueuedConnection);
            return !job.isCanceled(); // progress: fineTune reports the folds' and the final epochs
        };
        options.foldProgress = [self, &job](int fold, int epoch, double loss, double accuracy) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, fold, epoch, loss, accuracy] {
                    if (self) Q_EMIT self->foldProgress(fold, epoch, loss, accuracy);
                },
                Qt::QueuedConnection);
            return !job.isCanceled();
        };
        // Training sees only what the labelled nodes' outputs depend on (exact, and far cheaper on a
        // large image: 44 labels of a 4,756-atom image train on their neighbourhoods).
        const EgnnArchitecture architecture = base ? base->architecture() : EgnnArchitecture{};
        const EgnnInput trainingGraph =
            labelledSubgraph(prepared.input, architecture.layers, architecture.edgeReach);
        auto result = std::make_shared<FewShotResult>(
            atomlens::fineTune(base.get(), classes, {trainingGraph}, options, job));
        job.throwIfCanceled();
        auto predictions = std::make_shared<const AtomTable>(classifyNodes(prepared, result->model));
        return [=] {
            if (!self || m_doc->micrograph() != micrograph) return;
            m_candidate = std::make_shared<const EgnnModel>(std::move(result->model));
            m_candidatePredictions = predictions;
            m_candidateAccuracy = result->crossValidatedAccuracy >= 0 ? result->crossValidatedAccuracy
                                                                      : result->report.trainAccuracy;
            m_candidateLabels = result->labelCount;
            m_candidateEpochs = usedEpochs;
            m_candidateAtoms = atomSource;
            if (result->keptBase)
                Q_EMIT fineTuneFinished(true, tr("Kept the base model: it gets %1 of your %2 labels right, "
                                                 "fine-tuning only %3 on held-out labels")
                                                  .arg(result->baseAccuracy, 0, 'f', 3)
                                                  .arg(result->labelCount)
                                                  .arg(result->crossValidatedAccuracy, 0, 'f', 3));
            else
                Q_EMIT fineTuneFinished(true, tr("Fine-tuned on %1 labels: accuracy %2")
                                                  .arg(result->labelCount)
                                                  .arg(m_candidateAccuracy, 0, 'f', 3));
        };
    });
    // A cancelled or failed run says so (the previous candidate and model are untouched).
    if (started)
        connect(
            m_jobs, &JobRunner::finished, this,
            [this](bool ok, const QString& message) {
                if (ok) return;
                Q_EMIT fineTuneFinished(false, message.endsWith(tr("cancelled"))
                                                   ? tr("Fine-tuning cancelled: the previous model and its "
                                                        "results are kept.")
                                                   : message);
            },
            Qt::SingleShotConnection);
    return started;
#else
    (void)epochs;
    return false;
#endif
}

int FewShotTrainer::applyCandidate() {
    if (!m_candidate || !m_candidatePredictions) return -1;
    auto classified = [this] {
        const auto& c = m_doc->atoms().classIds();
        return int(std::count_if(c.begin(), c.end(), [](std::int32_t k) { return k >= 0; }));
    };
    const int before = classified();
    auto changed = edit::applyPredictions(*m_doc, *m_candidatePredictions, tr("Apply fine-tuned model"));
    const int n = int(changed.size());
    m_lastNewlyClassified = classified() - before;
    m_doc->setChangedIds(std::move(changed));
    m_models->setModel(m_candidate);
    m_doc->setModelName(tr("fine-tuned (unsaved)"));
    return n;
}

QString FewShotTrainer::saveCandidate(const QString& folder, const QString& name) {
    QString card;
    const QString error = writeCandidate(folder, name, &card);
    if (error.isEmpty()) m_doc->setModelName(card);
    return error;
}

QString FewShotTrainer::writeCandidate(const QString& folder, const QString& name, QString* cardPath) {
#ifdef ATOMLENS_WITH_NN
    if (!m_candidate) return tr("Nothing to save: fine-tune first.");
    try {
        FineTuneRecord record;
        record.name = name.toStdString();
        record.description = "fine-tuned in AtomLens on " + std::to_string(m_candidateLabels) +
                             " labels of " + m_doc->filePath().toStdString();
        record.command = "AtomLens GUI few-shot fine-tuning";
        record.data =
            std::to_string(m_candidateLabels) + " user labels on " + m_doc->filePath().toStdString();
        record.atoms = m_candidateAtoms; // the base model's atom source (graphene-si: the graphene analysis)
        record.epochs = m_candidateEpochs;
        record.labelCount = m_candidateLabels;
        record.accuracyOnLabels = m_candidateAccuracy;
        record.accuracyNote = "cross-validated when >= 10 labels";
        const QString path = QString::fromStdString(
            saveFineTunedModel(*m_candidate, m_candidate->graphSettings(), record, folder.toStdString()));
        if (cardPath) *cardPath = path;
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
#else
    (void)folder, (void)name, (void)cardPath;
    return tr("This build has no networks.");
#endif
}

bool FewShotTrainer::restoreCandidate(const QString& cardPath, bool applied) {
#ifdef ATOMLENS_WITH_NN
    if (!m_doc->hasImage()) return false;
    auto micrograph = m_doc->micrograph();
    const int frame = m_doc->currentFrame();
    auto atoms = std::make_shared<AtomTable>(activeAtoms(m_doc->atoms(), true));
    const std::string card = cardPath.toStdString();
    QPointer<FewShotTrainer> self(this);
    const bool started =
        m_jobs->start(tr("Restore fine-tuned model"), [=](JobContext& job) -> JobRunner::Apply {
            const ModelCard loaded = loadModelCard(card);
            auto model = std::make_shared<const EgnnModel>(EgnnModel::load(loaded));
            auto predictions = std::make_shared<const AtomTable>(
                classifyAtoms(micrograph->frame(frame), *atoms, *model, job));
            double accuracy = -1;
            for (const auto& m : loaded.metrics)
                if (m.name == "accuracy on the labels") accuracy = m.value;
            return [=] {
                if (!self || m_doc->micrograph() != micrograph) return;
                m_candidate = model;
                m_candidatePredictions = predictions;
                m_candidateAccuracy = accuracy;
                m_candidateEpochs = loaded.training.epochs;
                m_candidateLabels = m_doc->userLabels().size();
                if (applied) m_models->setModel(model);
                Q_EMIT fineTuneFinished(
                    true,
                    tr("Fine-tuned model restored from the project (accuracy %1)").arg(accuracy, 0, 'f', 3));
            };
        });
    return started;
#else
    (void)cardPath, (void)applied;
    return false;
#endif
}

} // namespace atomlens::gui
