#pragma once
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace atomlens::gui {

class StepRunner;
class Document;
class ParamForm;

/// Runs detection, one step (its form generated from the step's parameter specs) or a whole task
/// chain, with a progress bar and a cancel button; the summary of the last run is shown below.
class AnalysisPanel : public QWidget {
    Q_OBJECT
public:
    AnalysisPanel(Document* document, StepRunner* analysis, QWidget* parent = nullptr);
    ParamForm* form() const { return m_form; }
    /// Selects a step by id (its form is regenerated); false when unknown.
    bool selectStep(const QString& id);
    /// Runs the selected step with the form's values.
    bool runSelectedStep();
    /// Runs the chain chosen in the chain box (a bundled chain or a file).
    bool runSelectedChain();

private:
    void showStep();
    void reportError(const QString& message);
    Document* m_doc;
    StepRunner* m_analysis;
    QComboBox* m_step;
    ParamForm* m_form;
    QLabel* m_stepHelp;
    QComboBox* m_chain;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QPlainTextEdit* m_summary;
};

/// The task chains bundled with AtomLens (resources/chains), by display name -> path.
QStringList bundledChains();

} // namespace atomlens::gui
