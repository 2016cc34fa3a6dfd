#pragma once
#include "core/base/Parameters.h"
#include "core/data/FrameDocument.h"
#include "core/detect/Detector.h"

#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace atomlens {
class EgnnModel;
struct ChainState;
struct TaskChain;
} // namespace atomlens

namespace atomlens::gui {

class Document;
class GraphUpdater;
class JobRunner;

/// Runs the engine for a document: detection, single steps, whole task chains, sub-models and
/// few-shot fine-tuning on workers (JobRunner), applying results on the GUI thread as undoable edits.
/// Owns the GraphUpdater that keeps the lattice graph up to date in the background after edits and,
/// when a sub-model is in use, re-predicts around the edited places into a prediction layer. User
/// decisions are never overwritten.
class Analysis : public QObject {
    Q_OBJECT
public:
    explicit Analysis(Document* document, QObject* parent = nullptr);
    ~Analysis() override;
    /// The runner of user-started jobs (progress bar, cancel button).
    JobRunner* jobs() const { return m_jobs; }
    /// The runner of background graph updates (GraphUpdater).
    JobRunner* background() const;

    /// Detects atoms in the current frame; the result replaces the atoms (one undo step).
    bool detect(const DetectParams& params = {});
    /// Runs one registered step (StepRegistry id) on the current atoms.
    bool runStep(const QString& stepId, const ParamValues& values);
    /// Runs a whole task chain given as YAML text; `source` names it in errors.
    bool runChain(const QString& yamlText, const QString& source);
    /// Rebuilds the graph now-ish (debounced), optionally re-predicting around these positions.
    void scheduleGraph(const std::vector<QPointF>& dirty = {});

    /// Names of sub-models found in the model search paths (for forms and menus).
    static QStringList availableModels();
    /// True when this build can run sub-models (LibTorch linked).
    static bool hasNetworks();

    /// Classifies with a sub-model (name, card or folder) and applies its predictions (one undo step).
    bool classify(const QString& model);
    /// Fine-tunes from the user's labels (the current model, or a new one when none) on a worker;
    /// trainingProgress reports every epoch, fineTuneFinished the end. The result is a candidate.
    bool fineTune(int epochs);
    bool hasCandidate() const { return m_candidate != nullptr; }
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
    bool candidateApplied() const { return m_candidate && m_model == m_candidate; }
    /// Loads a fine-tuned model stored with a project as the candidate (and as the model in use when
    /// `applied`), predicting on a worker so that "Apply & compare" and "Save model" work again;
    /// fineTuneFinished reports the end.
    bool restoreCandidate(const QString& cardPath, bool applied);

Q_SIGNALS:
    void trainingProgress(int epoch, double loss, double accuracy);
    /// The same for every epoch of a cross-validation fold (fold from 0), before the final fit.
    void foldProgress(int fold, int epoch, double loss, double accuracy);
    void fineTuneFinished(bool ok, const QString& message);
    /// A chain or step finished; text summarises what it did (log lines and counts).
    void chainSummary(const QString& text);
    void graphUpdated();
    /// A background result was computed from atoms that changed meanwhile and was dropped (and rescheduled).
    void staleResultDropped();

private:
    void applyChainState(ChainState& state, const TaskChain& chain);
    Document* m_doc;
    JobRunner* m_jobs;
    GraphUpdater* m_graph;
    std::shared_ptr<const EgnnModel> m_model, m_candidate;
    std::shared_ptr<const AtomTable> m_candidatePredictions;
    std::size_t m_candidateLabels = 0;
    int m_candidateEpochs = 0;
    int m_lastNewlyClassified = 0;
    double m_candidateAccuracy = -1;
};

} // namespace atomlens::gui
