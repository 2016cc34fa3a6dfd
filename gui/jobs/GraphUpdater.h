#pragma once
#include "core/data/FrameDocument.h"

#include <QObject>
#include <QPointF>

#include <functional>
#include <memory>
#include <string>
#include <vector>

class QTimer;

namespace atomlens {
class EgnnModel;
}

namespace atomlens::gui {

class Document;
class JobRunner;

/// Keeps the lattice graph of the shown frame up to date in the background (debounced) after edits and,
/// while a sub-model is in use, re-predicts the atoms around the edited places into the document's
/// prediction layer of that model: never over a label, never undoable; a result computed from atoms
/// that changed meanwhile is dropped and computed again.
class GraphUpdater : public QObject {
    Q_OBJECT
public:
    /// The sub-model in use (null: graph only).
    using ModelSource = std::function<std::shared_ptr<const EgnnModel>()>;
    /// `userJobs`: the runner of user-started jobs; the update waits while one runs.
    GraphUpdater(Document* document, JobRunner* userJobs, ModelSource model, QObject* parent = nullptr);
    /// The runner of the background updates.
    JobRunner* jobs() const { return m_runner; }
    /// Rebuilds the graph now-ish, re-predicting around these positions (none or (-1,-1): everywhere,
    /// graph only).
    void schedule(const std::vector<QPointF>& dirty = {});

Q_SIGNALS:
    void graphUpdated();
    /// A result was computed from atoms that changed meanwhile and was dropped (and rescheduled).
    void staleResultDropped();

private:
    void start();
    Document* m_doc;
    JobRunner* m_userJobs;
    JobRunner* m_runner;
    QTimer* m_timer;
    ModelSource m_model;
    std::vector<QPointF> m_dirty;
};

/// The prediction layer of a background re-prediction: the predicted atoms within reach (2.5 bond
/// lengths) of the edited positions, computed by `model` from `revision` of the atoms.
PredictionLayer predictionAround(const AtomTable& predicted, const std::vector<QPointF>& dirty,
                                 double bondLength, const std::string& model, std::uint64_t revision);

} // namespace atomlens::gui
