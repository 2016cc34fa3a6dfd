#include "gui/batch/BatchDialog.h"

#include "core/chain/TaskChain.h"
#include "gui/batch/SlurmSubmitDialog.h"
#include "gui/jobs/JobRunner.h"
#include "gui/panels/AnalysisPanel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMetaObject>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace atomlens::gui {
namespace {

enum Column { NameColumn, StateColumn, AtomsColumn, SecondsColumn, SourceColumn, ColumnCount };

/// The worker's context for BatchRunner: the JobRunner's context plus the dialog's own cancel flag
/// (settable from any thread, so a cancel can land between two items).
struct BatchJobContext : JobContext {
    JobContext& inner;
    std::shared_ptr<std::atomic<bool>> flag;
    BatchJobContext(JobContext& j, std::shared_ptr<std::atomic<bool>> f) : inner(j), flag(std::move(f)) {}
    bool isCanceled() const override { return flag->load() || inner.isCanceled(); }
    void setProgress(std::int64_t done, std::int64_t total, const std::string& message) override {
        inner.setProgress(done, total, message);
    }
    void log(LogLevel level, const std::string& message) override { inner.log(level, message); }
    ThreadPool* threadPool() const override { return inner.threadPool(); } // the GUI's one pool
};

QString stateText(BatchItemStatus status) {
    switch (status) {
    case BatchItemStatus::Skipped:
        return BatchDialog::tr("skipped (done)");
    case BatchItemStatus::Done:
        return BatchDialog::tr("done");
    case BatchItemStatus::Failed:
        return BatchDialog::tr("failed");
    case BatchItemStatus::Canceled:
        return BatchDialog::tr("canceled");
    }
    return {};
}

} // namespace

BatchDialog::BatchDialog(QWidget* parent)
    : QDialog(parent), m_jobs(new JobRunner(this)), m_cancel(std::make_shared<std::atomic<bool>>(false)) {
    setWindowTitle(tr("Batch"));
    auto* layout = new QVBoxLayout(this);
    auto* inputs = new QHBoxLayout;
    auto* addFiles = new QPushButton(tr("Add Files..."), this);
    addFiles->setToolTip(tr("Add micrographs or list files (one path per line); a stack adds every frame"));
    auto* addFolder = new QPushButton(tr("Add Folder..."), this);
    addFolder->setToolTip(tr("Add every micrograph in a folder (not recursive)"));
    auto* clear = new QPushButton(tr("Clear"), this);
    inputs->addWidget(addFiles);
    inputs->addWidget(addFolder);
    inputs->addWidget(clear);
    inputs->addStretch();
    layout->addLayout(inputs);
    connect(addFiles, &QPushButton::clicked, this, &BatchDialog::addFilesDialog);
    connect(addFolder, &QPushButton::clicked, this, &BatchDialog::addFolderDialog);
    connect(clear, &QPushButton::clicked, this, &BatchDialog::clearQueue);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Item"), tr("State"), tr("Atoms"), tr("Seconds"), tr("Source")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setToolTip(tr("Double-click an item to open its micrograph"));
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (row >= 0 && row < itemCount())
            Q_EMIT openRequested(QString::fromStdString(m_items[std::size_t(row)].source),
                                 m_items[std::size_t(row)].frame);
    });

    auto* form = new QFormLayout;
    auto* chainRow = new QHBoxLayout;
    m_chain = new QComboBox(this);
    for (const QString& path : bundledChains()) m_chain->addItem(QFileInfo(path).completeBaseName(), path);
    m_chain->setToolTip(tr("Task chain run on every item"));
    auto* chainFile = new QPushButton(tr("Other..."), this);
    chainRow->addWidget(m_chain, 1);
    chainRow->addWidget(chainFile);
    connect(chainFile, &QPushButton::clicked, this, &BatchDialog::chooseChainFile);
    form->addRow(tr("Task chain:"), chainRow);
    auto* outputRow = new QHBoxLayout;
    m_output = new QLineEdit(this);
    m_output->setPlaceholderText(tr("Folder for one sub-folder per item and the merged tables"));
    auto* browse = new QPushButton(tr("Browse..."), this);
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, &BatchDialog::chooseOutputFolder);
    form->addRow(tr("Output folder:"), outputRow);
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    m_status = new QLabel(tr("Add micrographs, pick a chain and an output folder, then Start."), this);
    m_status->setWordWrap(true);
    m_status->setMinimumHeight(3 * m_status->fontMetrics().lineSpacing()); // room for the merged table path
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto* buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start"), this);
    m_start->setToolTip(tr("Run the chain on every item; finished items of an earlier run are skipped"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setToolTip(tr("Stop after the running item is abandoned; Start again resumes"));
    m_cancelButton->setEnabled(false);
    auto* close = new QPushButton(tr("Close"), this);
    m_slurmButton = new QPushButton(tr("Submit to Slurm..."), this);
    m_slurmButton->setToolTip(
        tr("Run the queue on a Slurm cluster as a job array (atomlens-cli batch --slurm)"));
    buttons->addWidget(m_slurmButton);
    buttons->addStretch();
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    connect(m_start, &QPushButton::clicked, this, [this] { start(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &BatchDialog::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::hide);
    connect(m_slurmButton, &QPushButton::clicked, this, [this] { openSlurmDialog(); });

    connect(m_jobs, &JobRunner::progress, this, [this](qint64 done, qint64 total, const QString& message) {
        m_progress->setRange(0, int(std::max<qint64>(1, total)));
        m_progress->setValue(int(done));
        setStatus(message);
    });
    resize(760, 480);
}

BatchDialog::~BatchDialog() {
    m_cancel->store(true);
    delete m_jobs; // stops and waits for the worker while this dialog is still whole
}

bool BatchDialog::addInputs(const QStringList& paths) {
    bool ok = true;
    for (const QString& path : paths) {
        try {
            const auto items = collectBatchItems({path.toStdString()});
            for (const auto& it : items) {
                m_items.push_back(it);
                m_states << tr("pending");
                const int row = m_table->rowCount();
                m_table->insertRow(row);
                m_table->setItem(row, NameColumn, new QTableWidgetItem(QString::fromStdString(it.name)));
                m_table->setItem(row, StateColumn, new QTableWidgetItem(m_states.back()));
                m_table->setItem(row, AtomsColumn, new QTableWidgetItem);
                m_table->setItem(row, SecondsColumn, new QTableWidgetItem);
                m_table->setItem(row, SourceColumn, new QTableWidgetItem(QString::fromStdString(it.source)));
            }
        } catch (const std::exception& e) {
            setStatus(QString::fromStdString(e.what()));
            ok = false;
        }
    }
    // Names must stay unique across separately added inputs: re-collect over all sources.
    std::vector<std::string> sources;
    for (const auto& it : m_items)
        if (sources.empty() || sources.back() != it.source) sources.push_back(it.source);
    try {
        const auto all = collectBatchItems(sources);
        if (all.size() == m_items.size())
            for (std::size_t i = 0; i < all.size(); ++i) {
                m_items[i].name = all[i].name;
                m_table->item(int(i), NameColumn)->setText(QString::fromStdString(all[i].name));
            }
    } catch (const std::exception&) {
    }
    if (ok) setStatus(tr("%n item(s) in the queue.", nullptr, itemCount()));
    return ok;
}

void BatchDialog::clearQueue() {
    if (isRunning()) return;
    m_items.clear();
    m_states.clear();
    m_table->setRowCount(0);
    m_progress->setValue(0);
}

void BatchDialog::setChainPath(const QString& path) {
    int index = m_chain->findData(path);
    if (index < 0) {
        m_chain->addItem(QFileInfo(path).completeBaseName(), path);
        index = m_chain->count() - 1;
    }
    m_chain->setCurrentIndex(index);
}

QString BatchDialog::chainPath() const {
    return m_chain->currentData().toString();
}

void BatchDialog::setOutputFolder(const QString& folder) {
    m_output->setText(folder);
}

QString BatchDialog::outputFolder() const {
    return m_output->text().trimmed();
}

bool BatchDialog::isRunning() const {
    return m_jobs->isBusy();
}

void BatchDialog::waitForIdle() {
    m_jobs->waitForIdle();
}

QString BatchDialog::itemState(int row) const {
    return m_states.value(row);
}

void BatchDialog::cancel() {
    m_cancel->store(true);
    QMetaObject::invokeMethod(m_jobs, &JobRunner::cancel, Qt::QueuedConnection);
}

void BatchDialog::setStatus(const QString& text) {
    m_status->setText(text);
}

void BatchDialog::setRowState(int row, const QString& state) {
    if (row < 0 || row >= itemCount()) return;
    m_states[row] = state;
    m_table->item(row, StateColumn)->setText(state);
}

void BatchDialog::markNextRunning() {
    for (int r = 0; r < itemCount(); ++r)
        if (m_states[r] == tr("pending")) {
            if (!m_cancel->load()) setRowState(r, tr("running"));
            return;
        }
}

bool BatchDialog::readyToRun(TaskChain& chain) {
    if (m_items.empty()) {
        setStatus(tr("The queue is empty: add files or a folder first."));
        return false;
    }
    if (outputFolder().isEmpty()) {
        setStatus(tr("Choose an output folder first."));
        return false;
    }
    try {
        chain = TaskChain::load(chainPath().toStdString());
    } catch (const std::exception& e) {
        setStatus(QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

bool BatchDialog::start() {
    if (isRunning()) return false;
    TaskChain chain;
    if (!readyToRun(chain)) return false;
    for (int r = 0; r < itemCount(); ++r) {
        setRowState(r, tr("pending"));
        m_table->item(r, AtomsColumn)->setText({});
        m_table->item(r, SecondsColumn)->setText({});
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_merged.clear();
    auto runner = std::make_shared<BatchRunner>(std::move(chain), m_items, outputFolder().toStdString());
    QPointer<BatchDialog> self(this);
    runner->setItemCallback([self, this](const BatchItemReport& r) { // worker thread
        const QString state = stateText(r.status);
        const int row = int(r.index);
        Q_EMIT itemReported(row, state);
        const QString atoms = r.status == BatchItemStatus::Done ? QString::number(r.atoms) : QString();
        const QString seconds =
            r.status == BatchItemStatus::Done ? QString::number(r.seconds, 'f', 2) : QString();
        const QString message = QString::fromStdString(r.message);
        QMetaObject::invokeMethod(
            self.data(),
            [self, row, state, atoms, seconds, message] {
                if (!self) return;
                self->setRowState(row, state);
                self->m_table->item(row, AtomsColumn)->setText(atoms);
                self->m_table->item(row, SecondsColumn)->setText(seconds);
                if (!message.isEmpty()) self->m_table->item(row, StateColumn)->setToolTip(message);
                self->markNextRunning();
                Q_EMIT self->itemFinished(row, state);
            },
            Qt::QueuedConnection);
    });
    auto cancelFlag = m_cancel;
    const bool started =
        m_jobs->start(tr("Batch"), [runner, cancelFlag, self](JobContext& job) -> JobRunner::Apply {
            BatchJobContext context(job, cancelFlag);
            const BatchSummary summary = runner->run(context);
            return [self, summary] {
                if (self) self->m_summary = summary;
            };
        });
    if (!started) return false;
    markNextRunning();
    m_start->setEnabled(false);
    m_cancelButton->setEnabled(true);
    setStatus(tr("Running..."));
    connect(
        m_jobs, &JobRunner::finished, this,
        [this](bool ok, const QString& message) {
            m_start->setEnabled(true);
            m_cancelButton->setEnabled(false);
            const bool canceled = m_cancel->load() || !ok;
            for (int r = 0; r < itemCount(); ++r)
                if (m_states[r] == tr("running") || m_states[r] == tr("pending"))
                    setRowState(r, canceled ? tr("canceled") : m_states[r]);
            const QString merged = QDir(outputFolder()).filePath(QStringLiteral("merged_atoms.csv"));
            if (QFileInfo::exists(merged)) m_merged = merged;
            const QString text =
                ok && !m_summary.canceled
                    ? tr("Finished: %1 done, %2 skipped (already done), %3 failed. Merged table: %4")
                          .arg(m_summary.done)
                          .arg(m_summary.skipped)
                          .arg(m_summary.failed)
                          .arg(QDir::toNativeSeparators(m_merged))
                    : (ok ? tr("Canceled: %1 done, %2 skipped; Start resumes. Merged table: %3")
                                .arg(m_summary.done)
                                .arg(m_summary.skipped)
                                .arg(QDir::toNativeSeparators(m_merged))
                          : message);
            if (ok) {
                m_progress->setRange(0, std::max(1, itemCount()));
                m_progress->setValue(int(m_summary.done + m_summary.skipped + m_summary.failed));
            }
            setStatus(text);
            Q_EMIT finished(canceled || m_summary.canceled, text);
        },
        Qt::SingleShotConnection);
    return true;
}

void BatchDialog::addFilesDialog() {
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add Micrographs or Lists"));
    if (!files.isEmpty()) addInputs(files);
}

void BatchDialog::addFolderDialog() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add Folder"));
    if (!folder.isEmpty()) addInputs({folder});
}

void BatchDialog::chooseChainFile() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Task Chain"), QString(), tr("Task chains (*.yaml *.yml)"));
    if (!path.isEmpty()) setChainPath(path);
}

void BatchDialog::chooseOutputFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Output Folder"), outputFolder());
    if (!folder.isEmpty()) setOutputFolder(folder);
}

SlurmSubmitDialog* BatchDialog::openSlurmDialog(bool show) {
    if (isRunning()) {
        setStatus(tr("A local run is going on: cancel it or wait before submitting to Slurm."));
        return nullptr;
    }
    if (TaskChain chain; !readyToRun(chain)) return nullptr;
    SlurmOptions previous;
    QString cli;
    if (m_slurm) {
        previous = m_slurm->options(), cli = m_slurm->cliPath();
        m_slurm->deleteLater();
    }
    m_slurm = new SlurmSubmitDialog(m_items, chainPath(), outputFolder(), this);
    m_slurm->setOptions(previous);
    if (!cli.isEmpty()) m_slurm->setCliPath(cli);
    connect(m_slurm, &SlurmSubmitDialog::submitted, this, [this](const QString& array, const QString&) {
        QStringList details;
        const QStringList states = m_slurm->itemStates(&details);
        for (int r = 0; r < itemCount() && r < states.size(); ++r) {
            setRowState(r, states[r] == tr("done") ? tr("skipped (done)") : tr("submitted"));
            m_table->item(r, StateColumn)->setToolTip(tr("Slurm array job %1").arg(array));
        }
        setStatus(m_slurm->statusText());
    });
    connect(m_slurm, &SlurmSubmitDialog::statesRefreshed, this,
            [this](const QStringList& states, const QStringList& details) {
                for (int r = 0; r < itemCount() && r < states.size(); ++r) {
                    setRowState(r, states[r]);
                    m_table->item(r, StateColumn)->setToolTip(details.value(r));
                }
                const QString merged = QDir(outputFolder()).filePath(QStringLiteral("merged_atoms.csv"));
                if (QFileInfo::exists(merged)) m_merged = merged;
                setStatus(m_slurm->statusText());
            });
    if (show) m_slurm->show();
    return m_slurm;
}

} // namespace atomlens::gui
