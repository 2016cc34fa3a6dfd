#include "gui/panels/AnalysisPanel.h"

#include "core/chain/StepRegistry.h"
#include "core/data/DataPaths.h"
#include "gui/document/Document.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StepRunner.h"
#include "gui/jobs/SubModelController.h"
#include "gui/panels/ParamForm.h"
#include "gui/panels/StepTexts.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace atomlens::gui {

QStringList bundledChains() {
    QStringList out;
    // Installed (<prefix>/share/atomlens/chains), build tree or XDG data folders: core/data/DataPaths.h.
    for (const std::string& dir : dataSearchPaths("chains")) {
        const QDir d(QString::fromStdString(dir));
        for (const QString& f : d.entryList({QStringLiteral("*.yaml")}, QDir::Files))
            out << d.absoluteFilePath(f);
        if (!out.isEmpty()) break;
    }
    return out;
}

AnalysisPanel::AnalysisPanel(Document* document, StepRunner* analysis, QWidget* parent)
    : QWidget(parent), m_doc(document), m_analysis(analysis) {
    auto* layout = new QVBoxLayout(this);
    auto* detect = new QPushButton(tr("Detect atoms"), this);
    detect->setToolTip(tr("Find the atom columns in the current frame (no settings needed)"));
    connect(detect, &QPushButton::clicked, this, [this] {
        if (!m_analysis->detect()) reportError(tr("Open an image first, or wait for the running job."));
    });
    layout->addWidget(detect);

    auto* stepBox = new QGroupBox(tr("Step"), this);
    auto* stepLayout = new QVBoxLayout(stepBox);
    m_step = new QComboBox(stepBox);
    m_step->setToolTip(tr("An analysis step; its settings appear below"));
    for (const auto* s : StepRegistry::instance().all())
        m_step->addItem(
            QStringLiteral("%1 (%2)").arg(stepText(s->info().label), stepText(s->info().category)),
            QString::fromStdString(s->info().id));
    stepLayout->addWidget(m_step);
    m_stepHelp = new QLabel(stepBox);
    m_stepHelp->setWordWrap(true);
    stepLayout->addWidget(m_stepHelp);
    m_form = new ParamForm(stepBox);
    stepLayout->addWidget(m_form);
    auto* runStep = new QPushButton(tr("Run step"), stepBox);
    runStep->setToolTip(tr("Run the selected step with these settings on the current atoms"));
    connect(runStep, &QPushButton::clicked, this, &AnalysisPanel::runSelectedStep);
    stepLayout->addWidget(runStep);
    layout->addWidget(stepBox);
    connect(m_step, &QComboBox::currentIndexChanged, this, &AnalysisPanel::showStep);

    auto* chainBox = new QGroupBox(tr("Task chain"), this);
    auto* chainLayout = new QHBoxLayout(chainBox);
    m_chain = new QComboBox(chainBox);
    m_chain->setToolTip(tr("A task chain (YAML): detection, graph, sub-models and counting rules in order"));
    for (const QString& path : bundledChains()) m_chain->addItem(QFileInfo(path).completeBaseName(), path);
    m_chain->addItem(tr("Open chain file..."), QString());
    chainLayout->addWidget(m_chain, 1);
    auto* runChain = new QPushButton(tr("Run chain"), chainBox);
    runChain->setToolTip(tr("Run every step of the chain on the current frame"));
    connect(runChain, &QPushButton::clicked, this, &AnalysisPanel::runSelectedChain);
    chainLayout->addWidget(runChain);
    layout->addWidget(chainBox);

    auto* progressLayout = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("idle"));
    m_progress->setValue(0);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_cancel->setToolTip(tr("Stop the running job (Esc)"));
    progressLayout->addWidget(m_progress, 1);
    progressLayout->addWidget(m_cancel);
    layout->addLayout(progressLayout);
    m_summary = new QPlainTextEdit(this);
    m_summary->setReadOnly(true);
    m_summary->setPlaceholderText(tr("What the last run did appears here."));
    layout->addWidget(m_summary, 1);

    JobRunner* jobs = analysis->jobs();
    connect(m_cancel, &QPushButton::clicked, jobs, &JobRunner::cancel);
    connect(jobs, &JobRunner::started, this, [this](const QString& title) {
        m_progress->setRange(0, 0);
        m_progress->setFormat(title);
        m_cancel->setEnabled(true);
    });
    connect(jobs, &JobRunner::progress, this, [this](qint64 done, qint64 total, const QString& message) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(1000 * done / total));
        }
        m_progress->setFormat(message.isEmpty() ? QStringLiteral("%p%") : message + QStringLiteral(" %p%"));
    });
    connect(jobs, &JobRunner::finished, this, [this](bool ok, const QString& message) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(ok ? 1000 : 0);
        m_progress->setFormat(message);
        m_cancel->setEnabled(false);
    });
    connect(analysis, &StepRunner::chainSummary, m_summary, &QPlainTextEdit::setPlainText);
    showStep();
}

bool AnalysisPanel::selectStep(const QString& id) {
    const int i = m_step->findData(id);
    if (i < 0) return false;
    m_step->setCurrentIndex(i);
    return true;
}

void AnalysisPanel::showStep() {
    const auto* step = StepRegistry::instance().find(m_step->currentData().toString().toStdString());
    if (!step) return;
    m_stepHelp->setText(stepText(step->info().help));
    m_form->setSpecs(step->info().params, SubModelController::availableModels());
}

bool AnalysisPanel::runSelectedStep() {
    try {
        if (m_analysis->runStep(m_step->currentData().toString(), m_form->values())) return true;
        reportError(tr("Open an image first, or wait for the running job."));
    } catch (const std::exception& e) {
        reportError(QString::fromStdString(e.what()));
    }
    return false;
}

bool AnalysisPanel::runSelectedChain() {
    QString path = m_chain->currentData().toString();
    if (path.isEmpty()) {
        path = QFileDialog::getOpenFileName(this, tr("Open Task Chain"), QString(),
                                            tr("Task chains (*.yaml *.yml)"));
        if (path.isEmpty()) return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        reportError(tr("%1: cannot be read").arg(path));
        return false;
    }
    try {
        if (m_analysis->runChain(QString::fromUtf8(file.readAll()), path)) return true;
        reportError(tr("Open an image first, or wait for the running job."));
    } catch (const std::exception& e) {
        reportError(QString::fromStdString(e.what()));
    }
    return false;
}

void AnalysisPanel::reportError(const QString& message) {
    m_summary->setPlainText(message);
    m_progress->setFormat(message);
}

} // namespace atomlens::gui
