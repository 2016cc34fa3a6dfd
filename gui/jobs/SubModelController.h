#pragma once
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <string>

namespace atomlens {
class EgnnModel;
}

namespace atomlens::gui {

class Document;
class StepRunner;

/// The sub-model in use for a document: Analysis > Classify With runs the classify step with a named
/// model (through the StepRunner) and keeps the model for the background re-prediction around later
/// edits (GraphUpdater); a new micrograph forgets it. Lists the models found in the search paths.
class SubModelController : public QObject {
    Q_OBJECT
public:
    SubModelController(Document* document, StepRunner* steps, QObject* parent = nullptr);
    /// Names of sub-models found in the model search paths (for forms and menus).
    static QStringList availableModels();
    /// True when this build can run sub-models (LibTorch linked).
    static bool hasNetworks();
    /// Classifies with a sub-model (name, card or folder) and applies its predictions (one undo step).
    bool classify(const QString& model);
    /// The sub-model in use (null: none), e.g. for GraphUpdater's re-prediction.
    std::shared_ptr<const EgnnModel> model() const { return m_model; }
    /// Makes `model` the one in use (an applied fine-tuned candidate: it keeps its base's atom source).
    void setModel(std::shared_ptr<const EgnnModel> model) { m_model = std::move(model); }
    /// Where the model in use takes its atoms from (its card's inputs.atoms through atomSourceOf:
    /// "graphene" or "" for the default detector), so a model fine-tuned from it records the same.
    std::string atomSource() const { return m_atomSource; }

private:
    StepRunner* m_steps;
    std::shared_ptr<const EgnnModel> m_model;
    std::string m_atomSource;
};

} // namespace atomlens::gui
