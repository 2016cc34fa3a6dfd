#pragma once
#include <QObject>
#include <QString>

namespace atomlens::gui {

class Document;
class FewShotTrainer;
class JobRunner;
class SubModelController;

/// Analysis > Apply Model to All Frames: runs the sub-model in use (a classified or applied
/// fine-tuned model; else the fine-tuned candidate) over every frame of the open stack on a worker,
/// with progress and cancel (a cancelled run changes no frame). A frame without atoms is detected
/// first (it gets those atoms, as a new frame would). Each frame's predictions go into its prediction
/// layer of that model: never undoable, never over a label (the shown class stays the label).
class StackClassifier : public QObject {
    Q_OBJECT
public:
    StackClassifier(Document* document, JobRunner* jobs, SubModelController* models, FewShotTrainer* fewShot,
                    QObject* parent = nullptr);
    /// Starts the run; false (with finished) when there is no image, no model or a job is running.
    bool applyToAllFrames();

Q_SIGNALS:
    /// The run ended: how many frames got predictions, or why not.
    void finished(bool ok, const QString& message);

private:
    Document* m_doc;
    JobRunner* m_jobs;
    SubModelController* m_models;
    FewShotTrainer* m_fewShot;
};

} // namespace atomlens::gui
