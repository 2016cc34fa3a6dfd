#include "gui/batch/SlurmSubmitDialog.h"

#include "core/chain/TaskChain.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <cstdlib>

namespace atomlens::gui {
namespace {

QString defaultCliPath() {
    const QString next =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("atomlens-cli"));
    if (QFileInfo(next).isExecutable()) return next;
    const QString found = QStandardPaths::findExecutable(QStringLiteral("atomlens-cli"));
    return found.isEmpty() ? next : found;
}

std::string envOr(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

} // namespace

SlurmSubmitDialog::SlurmSubmitDialog(std::vector<BatchItem> items, const QString& chainPath,
                                     const QString& outputFolder, QWidget* parent)
    : QDialog(parent), m_items(std::move(items)), m_chain(chainPath), m_output(outputFolder),
      m_cli(defaultCliPath()) {
    setWindowTitle(tr("Submit to Slurm"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_arraySize = new QSpinBox(this);
    m_arraySize->setRange(1, 100000);
    m_arraySize->setValue(SlurmOptions{}.arraySize);
    m_arraySize->setToolTip(tr("Most array tasks; each runs a share of the unfinished items"));
    form->addRow(tr("Array tasks:"), m_arraySize);
    m_partition = new QLineEdit(this);
    m_partition->setPlaceholderText(tr("cluster default"));
    form->addRow(tr("Partition:"), m_partition);
    m_time = new QLineEdit(this);
    m_time->setPlaceholderText(tr("e.g. 01:00:00"));
    form->addRow(tr("Time limit per task:"), m_time);
    m_cpus = new QSpinBox(this);
    m_cpus->setRange(0, 1024);
    m_cpus->setSpecialValueText(tr("not given"));
    m_cpus->setToolTip(tr("Each task uses as many threads as it is given CPUs"));
    form->addRow(tr("CPUs per task:"), m_cpus);
    m_gres = new QLineEdit(this);
    m_gres->setPlaceholderText(tr("e.g. gpu:1"));
    form->addRow(tr("Generic resources (GRES):"), m_gres);
    m_extra = new QLineEdit(this);
    m_extra->setPlaceholderText(tr("further sbatch options, e.g. --account=lab"));
    form->addRow(tr("Other sbatch options:"), m_extra);
    layout->addLayout(form);
    m_scripts = new QPlainTextEdit(this);
    m_scripts->setReadOnly(true);
    m_scripts->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_scripts->setMinimumHeight(12 * m_scripts->fontMetrics().lineSpacing());
    layout->addWidget(m_scripts);
    m_status = new QLabel(
        tr("Items: %1. Output folder: %2").arg(m_items.size()).arg(QDir::toNativeSeparators(m_output)), this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto* buttons = new QHBoxLayout;
    auto* previewButton = new QPushButton(tr("Preview Scripts"), this);
    auto* submitButton = new QPushButton(tr("Submit"), this);
    submitButton->setToolTip(tr("Write the scripts under the output folder and submit them with sbatch"));
    auto* statusButton = new QPushButton(tr("Check Status"), this);
    statusButton->setToolTip(tr("Show which items are done, failed or still on the cluster"));
    auto* close = new QPushButton(tr("Close"), this);
    buttons->addWidget(previewButton);
    buttons->addStretch();
    buttons->addWidget(submitButton);
    buttons->addWidget(statusButton);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    connect(previewButton, &QPushButton::clicked, this, [this] { preview(); });
    connect(submitButton, &QPushButton::clicked, this, [this] { submit(); });
    connect(statusButton, &QPushButton::clicked, this, &SlurmSubmitDialog::checkStatus);
    connect(close, &QPushButton::clicked, this, &QDialog::hide);
}

SlurmOptions SlurmSubmitDialog::options() const {
    SlurmOptions o;
    o.arraySize = m_arraySize->value();
    o.partition = m_partition->text().trimmed().toStdString();
    o.time = m_time->text().trimmed().toStdString();
    o.cpusPerTask = m_cpus->value();
    o.gres = m_gres->text().trimmed().toStdString();
    for (const QString& arg : m_extra->text().split(QLatin1Char(' '), Qt::SkipEmptyParts))
        o.extraArgs.push_back(arg.toStdString());
    o.sbatch = envOr("ATOMLENS_SBATCH", "sbatch");
    o.squeue = envOr("ATOMLENS_SQUEUE", "squeue");
    return o;
}

void SlurmSubmitDialog::setOptions(const SlurmOptions& o) {
    m_arraySize->setValue(o.arraySize);
    m_partition->setText(QString::fromStdString(o.partition));
    m_time->setText(QString::fromStdString(o.time));
    m_cpus->setValue(o.cpusPerTask);
    m_gres->setText(QString::fromStdString(o.gres));
    QStringList extra;
    for (const auto& a : o.extraArgs) extra << QString::fromStdString(a);
    m_extra->setText(extra.join(QLatin1Char(' ')));
}

SlurmPlan SlurmSubmitDialog::plan() const {
    if (!QFileInfo(m_cli).isExecutable())
        throw std::invalid_argument(
            tr("atomlens-cli not found at %1: the cluster's tasks run it").arg(m_cli).toStdString());
    return planSlurmBatch(m_chain.toStdString(), m_items, m_output.toStdString(), options(),
                          m_cli.toStdString(), {"-o", QDir(m_output).absolutePath().toStdString()});
}

QString SlurmSubmitDialog::preview() {
    try {
        const SlurmPlan p = plan();
        if (p.pending.empty()) {
            setStatus(tr("Every item is done: nothing to submit."));
            m_scripts->clear();
            return {};
        }
        const QString text =
            QStringLiteral("# %1\n%2\n# %3\n%4")
                .arg(QString::fromStdString(p.arrayScriptPath), QString::fromStdString(p.arrayScript),
                     QString::fromStdString(p.mergeScriptPath), QString::fromStdString(p.mergeScript));
        m_scripts->setPlainText(text);
        setStatus(tr("%1 of %2 items would run in %3 array tasks (not submitted).")
                      .arg(p.pending.size())
                      .arg(m_items.size())
                      .arg(p.tasks));
        return text;
    } catch (const std::exception& e) {
        setStatus(QString::fromStdString(e.what()));
        return {};
    }
}

bool SlurmSubmitDialog::submit() {
    try {
        const SlurmPlan p = plan();
        if (p.pending.empty()) {
            setStatus(tr("Every item is done: nothing to submit."));
            return false;
        }
        QApplication::setOverrideCursor(Qt::WaitCursor);
        writeSlurmPlan(p);
        SlurmSubmission s;
        try {
            s = submitSlurmPlan(p, options(), false);
        } catch (...) {
            QApplication::restoreOverrideCursor();
            throw;
        }
        QApplication::restoreOverrideCursor();
        m_arrayJob = QString::fromStdString(s.arrayJob);
        m_mergeJob = QString::fromStdString(s.mergeJob);
        setStatus(tr("Submitted %1 items in %2 array tasks: array job %3, merge job %4 (writes batch.csv and "
                     "merged_atoms.csv when every task succeeded).")
                      .arg(p.pending.size())
                      .arg(p.tasks)
                      .arg(m_arrayJob, m_mergeJob));
        Q_EMIT submitted(m_arrayJob, m_mergeJob);
        return true;
    } catch (const std::exception& e) {
        setStatus(tr("Not submitted: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

QStringList SlurmSubmitDialog::itemStates(QStringList* details) const {
    QStringList states, reasons;
    try {
        const BatchRunner runner(TaskChain::load(m_chain.toStdString()), m_items, m_output.toStdString());
        const auto problems = slurmItemProblems(m_output.toStdString(), m_items, runner);
        for (const auto& item : m_items) {
            QString state = tr("done"), reason;
            const std::string prefix = item.name + ": ";
            for (const auto& p : problems)
                if (p.rfind(prefix, 0) == 0) {
                    reason = QString::fromStdString(p.substr(prefix.size()));
                    state =
                        p.find(": failed in Slurm job") != std::string::npos ? tr("failed") : tr("submitted");
                }
            states << state;
            reasons << reason;
        }
    } catch (const std::exception& e) {
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            states << tr("submitted");
            reasons << QString::fromStdString(e.what());
        }
    }
    if (details) *details = reasons;
    return states;
}

void SlurmSubmitDialog::checkStatus() {
    QStringList details;
    const QStringList states = itemStates(&details);
    setStatus(tr("%1 of %2 items done, %3 failed.")
                  .arg(states.count(tr("done")))
                  .arg(states.size())
                  .arg(states.count(tr("failed"))));
    Q_EMIT statesRefreshed(states, details);
}

QString SlurmSubmitDialog::statusText() const {
    return m_status->text();
}

void SlurmSubmitDialog::setStatus(const QString& text) {
    m_status->setText(text);
}

} // namespace atomlens::gui
