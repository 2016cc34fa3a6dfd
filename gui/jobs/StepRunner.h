#pragma once
#include "core/base/Parameters.h"
#include "core/detect/Detector.h"

#include <QObject>
#include <QString>

namespace atomlens {
struct ChainState;
struct TaskChain;
} // namespace atomlens

namespace atomlens::gui {

class Document;
class GraphUpdater;
class JobRunner;

/// Runs the engine's steps for a document on a worker (the user-job runner): detection, one
/// registered step, a whole task chain. Results are applied on the GUI thread as undoable edits (new
/// positions) or as predictions (classes); the lattice graph is then rebuilt by the GraphUpdater.
/// A result for a micrograph that was replaced meanwhile is dropped.
class StepRunner : public QObject {
    Q_OBJECT
public:
    /// `jobs`: the runner of user-started jobs; `graph`: rebuilds the graph after a result.
    StepRunner(Document* document, JobRunner* jobs, GraphUpdater* graph, QObject* parent = nullptr);
    /// The runner of user-started jobs (progress bar, cancel button).
    JobRunner* jobs() const { return m_jobs; }
    /// Detects atoms in the current frame with the detector in use (the "detect" step); the result
    /// replaces the atoms (one undo step).
    bool detect();
    /// The same with these settings.
    bool detect(const DetectParams& params);
    /// The detector settings detect() uses: the defaults, or e.g. a refined FCN (method "fcn", model =
    /// its card) after Analysis > Refine Detector From My Atoms.
    void setDetector(const DetectParams& params) { m_detector = params; }
    const DetectParams& detector() const { return m_detector; }
    /// Runs one registered step (StepRegistry id) on the current atoms.
    bool runStep(const QString& stepId, const ParamValues& values);
    /// Runs a whole task chain given as YAML text; `source` names it in errors (throws InputError).
    bool runChain(const QString& yamlText, const QString& source);

Q_SIGNALS:
    /// A chain or step finished; text summarises what it did (log lines and counts).
    void chainSummary(const QString& text);

private:
    /// Applies a finished chain's state: new positions replace the atoms (keeping the user's), classes
    /// become predictions, the graph is taken or rebuilt.
    void applyChainState(ChainState& state, const TaskChain& chain);
    Document* m_doc;
    JobRunner* m_jobs;
    GraphUpdater* m_graph;
    DetectParams m_detector;
};

} // namespace atomlens::gui
