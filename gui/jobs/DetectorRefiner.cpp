#include "gui/jobs/DetectorRefiner.h"

#include "core/data/AtomTable.h"
#include "core/nn/FcnFinetune.h"
#include "core/nn/FcnModel.h"
#include "core/nn/ModelCard.h"
#include "gui/document/Document.h"
#include "gui/jobs/JobRunner.h"

#include <QDir>
#include <QFileInfo>

#include <memory>

namespace atomlens::gui {

DetectorRefiner::DetectorRefiner(Document* document, QObject* parent)
    : QObject(parent), m_doc(document), m_jobs(new JobRunner(this)) {}

bool DetectorRefiner::refine(const QString& folder, const QString& name, const FcnFinetuneParams& params,
                             QString* why) {
    const auto refuse = [&](const QString& text) {
        if (why) *why = text;
        return false;
    };
#ifndef ATOMLENS_WITH_NN
    (void)folder, (void)name, (void)params;
    return refuse(tr("This build has no networks."));
#else
    if (!m_doc->hasImage()) return refuse(tr("Open a micrograph first."));
    if (m_jobs->isBusy()) return refuse(tr("The detector is being refined already."));
    if (name.trimmed().isEmpty() || folder.isEmpty())
        return refuse(tr("Give the new detector a name and a folder."));
    // The user's atoms of the frame shown: measured or added columns, not empty ideal sites or rejections.
    const AtomTable& atoms = m_doc->atoms();
    FcnLabelledImage labelled;
    for (std::size_t i = 0; i < atoms.size(); ++i)
        if (!(atoms.flags()[i] & (kFlagEmptySite | kFlagRejected)))
            labelled.atoms.push_back({atoms.xs()[i], atoms.ys()[i]});
    if (labelled.atoms.size() < 5)
        return refuse(tr("Refining the detector needs at least 5 atoms on the frame (it has %1).")
                          .arg(labelled.atoms.size()));
    auto micrograph = m_doc->micrograph();
    const int frame = m_doc->currentFrame();
    labelled.image = micrograph->frame(frame);
    labelled.name = QFileInfo(m_doc->filePath()).fileName().toStdString();
    const std::string base = m_card.isEmpty() ? std::string("fcn-atoms") : m_card.toStdString();
    const std::string outBase = QDir(folder).filePath(name.trimmed()).toStdString();
    const std::size_t count = labelled.atoms.size();
    auto card = std::make_shared<QString>();
    auto summary = std::make_shared<QString>();
    const bool started = m_jobs->start(tr("Refine detector"), [=](JobContext& job) -> JobRunner::Apply {
        const ModelCard baseCard = loadModel(base);
        FcnModel model = FcnModel::load(baseCard);
        const FcnFinetuneReport report = finetuneFcn(model, {labelled}, params, job);
        const std::string written = saveFinetunedDetector(
            model, baseCard, params, report, {labelled.name}, outBase,
            "AtomLens GUI: Analysis > Refine Detector From My Atoms (" + std::to_string(count) + " atoms)",
            {});
        *card = QString::fromStdString(written);
        *summary = tr("%1 steps in %2 s on %3 atoms, loss %4 -> %5")
                       .arg(report.steps)
                       .arg(report.seconds, 0, 'f', 1)
                       .arg(count)
                       .arg(report.firstLoss, 0, 'f', 3)
                       .arg(report.lastLoss, 0, 'f', 3);
        return [] {};
    });
    if (!started) return refuse(tr("The detector is being refined already."));
    connect(
        m_jobs, &JobRunner::finished, this,
        [this, card, summary](bool ok, const QString& message) {
            if (ok && !card->isEmpty()) m_card = *card;
            Q_EMIT refined(ok && !card->isEmpty(), ok ? *card : QString(), ok ? *summary : message);
        },
        Qt::SingleShotConnection);
    return true;
#endif
}

} // namespace atomlens::gui
