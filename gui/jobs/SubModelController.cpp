// The sub-model in use and Analysis > Classify With (split out of gui::Analysis).
#include "gui/jobs/SubModelController.h"

#include "core/base/Parameters.h"
#include "core/nn/ModelCard.h"
#include "gui/document/Document.h"
#include "gui/jobs/StepRunner.h"

#include <QDir>

#ifdef ATOMLENS_WITH_NN
#include "core/nn/Classification.h"
#include "core/nn/EgnnModel.h"
#include "core/nn/ModelDetection.h"
#include "core/nn/NetworkSteps.h"
#endif

namespace atomlens::gui {

SubModelController::SubModelController(Document* document, StepRunner* steps, QObject* parent)
    : QObject(parent), m_steps(steps) {
    connect(document, &Document::micrographChanged, this, [this] {
        m_model.reset();
        m_atomSource.clear();
    });
}

bool SubModelController::hasNetworks() {
#ifdef ATOMLENS_WITH_NN
    return true;
#else
    return false;
#endif
}

QStringList SubModelController::availableModels() {
    QStringList names;
    for (const auto& folder : modelSearchPaths()) {
        const QDir dir(QString::fromStdString(folder));
        for (const QString& f : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files)) {
            try {
                const ModelCard card = loadModelCard(dir.filePath(f).toStdString());
                if (card.kind == "egnn" && !names.contains(QString::fromStdString(card.name)))
                    names << QString::fromStdString(card.name);
            } catch (const std::exception&) {
                // a card still being written by training, or a broken one: not offered
            }
        }
    }
    return names;
}

bool SubModelController::classify(const QString& model) {
    if (!hasNetworks()) return false;
    ParamValues values;
    values.set("model", model.toStdString());
    values.set("assign_class", "true");
    const bool started = m_steps->runStep(QStringLiteral("classify"), values);
#ifdef ATOMLENS_WITH_NN
    if (started) {
        // Keep the model for re-prediction around later edits.
        try {
            const LoadedClassifier loaded = loadClassifier(model.toStdString()); // the step's (cached) model
            m_model = loaded.model;
            m_atomSource = atomSourceOf(loaded.card);
        } catch (const std::exception&) {
            m_model.reset(); // the job reports the error
            m_atomSource.clear();
        }
    }
#endif
    return started;
}

} // namespace atomlens::gui
