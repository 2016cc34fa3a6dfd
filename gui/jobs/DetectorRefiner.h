#pragma once
#include "core/nn/FcnFinetune.h"

#include <QObject>
#include <QString>

namespace atomlens::gui {

class Document;
class JobRunner;

/// Analysis > Refine Detector From My Atoms: few-shot fine-tuning of the FCN atom finder on the frame
/// shown, with the document's atoms as the labels: every detection the user kept, moved or added is an
/// atom, and whatever is not in the table (deleted or rejected detections, background) teaches "no
/// atom". It runs on a worker (progress, cancel) from the last detector refined in this session (else
/// the shipped fcn-atoms), writes the result as a new model (card + weights, the same writer as
/// `atomlens-cli train-detector --finetune`) into the folder given, and reports the card, so the frame
/// (and others) can be detected again with it (DetectParams method "fcn", model = the card).
class DetectorRefiner : public QObject {
    Q_OBJECT
public:
    explicit DetectorRefiner(Document* document, QObject* parent = nullptr);
    JobRunner* jobs() const { return m_jobs; }
    /// Starts fine-tuning (the recipe of `train-detector --finetune`, or `params`) into
    /// `folder`/`name`.yaml + .pt; false with a reason in `why` when there is no image, too few atoms (at
    /// least 5) or a job is running.
    bool refine(const QString& folder, const QString& name, const FcnFinetuneParams& params = {},
                QString* why = nullptr);
    /// The card of the last refined detector ("" before one).
    QString modelCard() const { return m_card; }
    /// Forgets the refined detector: the next refinement starts from the shipped one again.
    void reset() { m_card.clear(); }

Q_SIGNALS:
    /// Fine-tuning ended: ok with the new card and a summary ("150 steps in 12 s, loss 0.41 -> 0.22"), or
    /// not ok with the error (or "canceled").
    void refined(bool ok, const QString& cardPath, const QString& message);

private:
    Document* m_doc;
    JobRunner* m_jobs;
    QString m_card;
};

} // namespace atomlens::gui
