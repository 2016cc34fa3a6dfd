#include "gui/panels/FewShotPanel.h"

#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/SubModelController.h"
#include "gui/panels/TrainingPlot.h"
#include "gui/view/AtomOverlayItem.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace atomlens::gui {

FewShotPanel::FewShotPanel(Document* document, FewShotTrainer* analysis, QWidget* parent)
    : QWidget(parent), m_doc(document), m_analysis(analysis) {
    auto* layout = new QVBoxLayout(this);
    auto* hint =
        new QLabel(tr("Choose a class, then click atoms (Label tool) or draw around many (Lasso tool). "
                      "Double-click a class to rename it."),
                   this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_classes = new QListWidget(this);
    m_classes->setToolTip(tr("The class that labelling gives; number keys 1-9 pick the same classes"));
    m_classes->setMaximumHeight(140);
    layout->addWidget(m_classes);
    auto* classButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add class"), this);
    auto* remove = new QPushButton(tr("Remove class"), this);
    add->setToolTip(tr("Add a class name"));
    remove->setToolTip(tr("Remove the selected class (its atoms become unclassified)"));
    classButtons->addWidget(add);
    classButtons->addWidget(remove);
    layout->addLayout(classButtons);
    connect(add, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("Add Class"), tr("Class name:"), QLineEdit::Normal,
                                  tr("class %1").arg(m_classes->count() + 1), &ok);
        if (ok && !name.trimmed().isEmpty()) setCurrentClass(addClass(name.trimmed()));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_classes->currentRow();
        if (row < 0) return;
        auto names = m_doc->atoms().classNames();
        names.erase(names.begin() + row);
        edit::setClassNames(*m_doc, names);
    });
    connect(m_classes, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const int row = m_classes->row(item);
        auto names = m_doc->atoms().classNames();
        if (row < 0 || row >= int(names.size()) || item->text().trimmed().isEmpty()) return;
        if (names[std::size_t(row)] == item->text().trimmed().toStdString()) return;
        names[std::size_t(row)] = item->text().trimmed().toStdString();
        edit::setClassNames(*m_doc, names);
    });

    auto* trainRow = new QHBoxLayout;
    trainRow->addWidget(new QLabel(tr("Epochs"), this));
    m_epochs = new QSpinBox(this);
    // 0 = the benchmarked default recipe (fewShotDefaults, as `atomlens-cli finetune`): head transfer,
    // feature alignment and calibration with no optimiser step from a model; from scratch (no model) the
    // trainer takes FewShotOptions{}'s steps instead.
    m_epochs->setRange(0, 2000);
    m_epochs->setValue(0);
    m_epochs->setSpecialValueText(tr("0 (default)"));
    m_epochs->setToolTip(
        tr("Optimiser steps over the labelled graph. 0 (default): from a model, transfer its "
           "answers to your classes and align features without training (best on real "
           "images); from scratch, 120 steps"));
    trainRow->addWidget(m_epochs);
    auto* tune = new QPushButton(tr("Fine-tune"), this);
    tune->setToolTip(
        tr("Train a sub-model on your labels in the background (the current model, if any, is the start)"));
    trainRow->addWidget(tune);
    layout->addLayout(trainRow);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop fine-tuning; the previous model and its results stay"));
    m_cancel->setEnabled(false);
    trainRow->addWidget(m_cancel);
    connect(tune, &QPushButton::clicked, this, &FewShotPanel::startFineTune);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_tuning) m_analysis->jobs()->cancel();
    });
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_progress->setTextVisible(true);
    layout->addWidget(m_progress);
    connect(m_analysis->jobs(), &JobRunner::progress, this,
            [this](qint64 done, qint64 total, const QString& message) {
                if (!m_tuning || total <= 0) return;
                m_progress->setRange(0, int(total));
                m_progress->setValue(int(done));
                m_progress->setFormat(QStringLiteral("%1 (%p%)").arg(message));
            });
    m_plot = new TrainingPlot(this);
    layout->addWidget(m_plot);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* resultButtons = new QHBoxLayout;
    m_apply = new QPushButton(tr("Apply && compare"), this);
    m_apply->setToolTip(
        tr("Use the new model's predictions; atoms whose class changed are ringed in magenta"));
    m_save = new QPushButton(tr("Save model..."), this);
    m_save->setToolTip(tr("Save the fine-tuned model as a new sub-model (card + weights)"));
    m_apply->setEnabled(false);
    m_save->setEnabled(false);
    resultButtons->addWidget(m_apply);
    resultButtons->addWidget(m_save);
    layout->addLayout(resultButtons);
    layout->addStretch(1);
    connect(m_apply, &QPushButton::clicked, this, &FewShotPanel::applyResult);
    connect(m_save, &QPushButton::clicked, this, &FewShotPanel::saveResult);
    // Points of a run that is over (queued before it ended) must not land on the restored curves.
    connect(analysis, &FewShotTrainer::trainingProgress, this,
            [this](int epoch, double loss, double accuracy) {
                if (m_tuning) m_plot->addPoint(epoch, loss, accuracy);
            });
    connect(analysis, &FewShotTrainer::foldProgress, this,
            [this](int fold, int epoch, double loss, double accuracy) {
                if (m_tuning) m_plot->addFoldPoint(fold, epoch, loss, accuracy);
            });
    connect(analysis, &FewShotTrainer::fineTuneFinished, this, [this](bool ok, const QString& message) {
        const bool wasTuning = m_tuning;
        m_tuning = false;
        m_cancel->setEnabled(false);
        m_progress->setVisible(false);
        m_status->setText(message);
        // A failed or cancelled run changes nothing: the previous candidate (and its curves) stay.
        if (!ok && wasTuning) m_plot->setPoints(m_previousPlot);
        if (ok) m_previousPlot = m_plot->points();
        m_apply->setEnabled(m_analysis->hasCandidate());
        m_save->setEnabled(m_analysis->hasCandidate());
    });
    connect(document, &Document::atomsChanged, this, &FewShotPanel::refreshClasses);
    if (!SubModelController::hasNetworks()) {
        tune->setEnabled(false);
        m_status->setText(
            tr("This build has no networks (LibTorch): labelling works, fine-tuning does not."));
    }
    refreshClasses();
}

void FewShotPanel::refreshClasses() {
    const QStringList names = m_doc->classNames();
    bool same = m_classes->count() == names.size();
    for (int i = 0; same && i < names.size(); ++i) same = m_classes->item(i)->text() == names[i];
    if (same) return;
    const int keep = m_classes->currentRow();
    const QSignalBlocker block(m_classes);
    m_classes->clear();
    for (int i = 0; i < names.size(); ++i) {
        auto* item = new QListWidgetItem(QStringLiteral("%1").arg(names[i]), m_classes);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        item->setForeground(AtomOverlayItem::classColour(i));
        item->setToolTip(tr("Key %1").arg(i + 1));
    }
    m_classes->setCurrentRow(std::clamp(keep, 0, int(names.size()) - 1));
}

int FewShotPanel::currentClass() const {
    return m_classes->currentRow();
}

void FewShotPanel::setCurrentClass(int index) {
    m_classes->setCurrentRow(index);
}

int FewShotPanel::addClass(const QString& name) {
    auto names = m_doc->atoms().classNames();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name.toStdString()) return int(i);
    names.push_back(name.toStdString());
    edit::setClassNames(*m_doc, names);
    refreshClasses();
    return int(names.size()) - 1;
}

void FewShotPanel::startFineTune() {
    if (m_tuning) return;
    m_previousPlot = m_plot->points();
    m_plot->clear();
    m_tuning = true;
    if (!m_analysis->fineTune(m_epochs->value())) {
        m_tuning = false;
        m_plot->setPoints(m_previousPlot);
        if (m_analysis->jobs()->isBusy())
            m_status->setText(tr("Another job is running (%1): wait for it or cancel it.")
                                  .arg(m_analysis->jobs()->title()));
        return;
    }
    m_apply->setEnabled(false);
    m_save->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("preparing the graph"));
    m_progress->setVisible(true);
    m_status->setText(tr("Fine-tuning on %1 labels...").arg(m_doc->userLabels().size()));
}

QString FewShotPanel::statusText() const {
    return m_status->text();
}

void FewShotPanel::applyResult() {
    const int changed = m_analysis->applyCandidate();
    if (changed >= 0)
        m_status->setText(tr("Applied: %1 atoms classified for the first time, %2 changed class (ringed in "
                             "magenta).")
                              .arg(m_analysis->lastNewlyClassified())
                              .arg(changed));
}

void FewShotPanel::saveResult() {
    const QString folder = QFileDialog::getSaveFileName(this, tr("Save Sub-model As"), tr("my-model"));
    if (folder.isEmpty()) return;
    const QString error = m_analysis->saveCandidate(folder, QFileInfo(folder).fileName());
    m_status->setText(error.isEmpty() ? tr("Saved %1").arg(folder) : error);
}

} // namespace atomlens::gui
