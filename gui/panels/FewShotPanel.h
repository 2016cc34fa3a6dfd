#pragma once
#include "gui/panels/TrainingPlot.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace atomlens::gui {

class FewShotTrainer;
class Document;

/// Few-shot annotation: an editable class list (the class to paint with is the selected one), then
/// "Fine-tune" in the background with a live loss/accuracy plot; the result can be applied (atoms
/// whose class changed are highlighted against the previous model) and saved as a new sub-model.
class FewShotPanel : public QWidget {
    Q_OBJECT
public:
    FewShotPanel(Document* document, FewShotTrainer* analysis, QWidget* parent = nullptr);
    /// The class that label clicks and lassos give (-1 when the list is empty).
    int currentClass() const;
    void setCurrentClass(int index);
    /// Adds a class name (undoable); returns its index.
    int addClass(const QString& name);
    TrainingPlot* plot() const { return m_plot; }
    QSpinBox* epochs() const { return m_epochs; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* saveButton() const { return m_save; }
    QProgressBar* progressBar() const { return m_progress; }
    QString statusText() const;

public Q_SLOTS:
    void startFineTune();
    void applyResult();
    void saveResult();

private:
    void refreshClasses();
    Document* m_doc;
    FewShotTrainer* m_analysis;
    QListWidget* m_classes;
    QSpinBox* m_epochs;
    TrainingPlot* m_plot;
    QLabel* m_status;
    QPushButton *m_apply, *m_save, *m_cancel;
    QProgressBar* m_progress;
    bool m_tuning = false;
    TrainingPlot::Points m_previousPlot; ///< the last finished run's curves (back on Cancel)
};

} // namespace atomlens::gui
