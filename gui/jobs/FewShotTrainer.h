#pragma once
#include "core/data/FrameDocument.h"

#include <QObject>
#include <QString>

#include <memory>
#include <string>

namespace atomlens {
class EgnnModel;
}

namespace atomlens::gui {

class Document;
class JobRunner;
class SubModelController;

/// Few-shot fine-tuning from the user's labels on a worker, and the resulting candidate model:
/// apply it (its predictions, one undo step; it becomes the model in use), save it as a sub-model,
/// write it next to a project and restore it from one. A new micrograph forgets the candidate.
class FewShotTrainer : public QObject {
    Q_OBJECT
public:
    /// `jobs`: the runner of user-started jobs; `models`: the sub-model in use (the base of a
    /// fine-tuning, replaced by an applied candidate).
    FewShotTrainer(Document* document, JobRunner* jobs, SubModelController* models,
                   QObject* parent = nullptr);
    /// The runner of user-started jobs (the panel's progress and cancel).
    JobRunner* jobs() const { return m_jobs; }
    /// Fine-tunes from the user's labels (the current model, or a new one when none) on a worker;
    /// trainingProgress reports every epoch, fineTuneFinished the end. The result is a candidate.
    bool fineTune(int epochs);
    bool hasCandidate() const { return m_candidate != nullptr; }
    /// The fine-tuned model not yet saved (null: none).
    std::shared_ptr<const EgnnModel> candidate() const { return m_candidate; }
    double candidateAccuracy() const { return m_candidateAccuracy; }
    /// Applies the candidate's predictions (one undo step), highlights the atoms whose class changed
    /// and makes it the current model. Returns the number of changed atoms (-1 without candidate).
    int applyCandidate();
    /// How many atoms the last applyCandidate gave a class that had none (not counted as "changed").
    int lastNewlyClassified() const { return m_lastNewlyClassified; }
    /// Writes the candidate as a new sub-model (card + weights) into `folder` and makes it the model
    /// named in projects; error text on failure.
    QString saveCandidate(const QString& folder, const QString& name);
    /// Writes the candidate's card + weights into `folder` (for projects; the model name is kept);
    /// error text on failure, the card's path in `cardPath`.
    QString writeCandidate(const QString& folder, const QString& name, QString* cardPath);
    /// True when the candidate is also the model in use (it was applied).
    bool candidateApplied() const;
    /// Loads a fine-tuned model stored with a project as the candidate (and as the model in use when
    /// `applied`), predicting on a worker so that "Apply & compare" and "Save model" work again;
    /// fineTuneFinished reports the end.
    bool restoreCandidate(const QString& cardPath, bool applied);

Q_SIGNALS:
    void trainingProgress(int epoch, double loss, double accuracy);
    /// The same for every epoch of a cross-validation fold (fold from 0), before the final fit.
    void foldProgress(int fold, int epoch, double loss, double accuracy);
    void fineTuneFinished(bool ok, const QString& message);

private:
    Document* m_doc;
    JobRunner* m_jobs;
    SubModelController* m_models;
    std::shared_ptr<const EgnnModel> m_candidate;
    std::shared_ptr<const AtomTable> m_candidatePredictions;
    std::size_t m_candidateLabels = 0;
    int m_candidateEpochs = 0;
    std::string m_candidateAtoms; ///< the base model's atom source, recorded in the saved card
    int m_lastNewlyClassified = 0;
    double m_candidateAccuracy = -1;
};

} // namespace atomlens::gui
