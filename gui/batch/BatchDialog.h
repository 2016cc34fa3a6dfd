#pragma once
#include "core/analysis/BatchRunner.h"

#include <QDialog>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace atomlens {
struct TaskChain;
}

namespace atomlens::gui {

class JobRunner;
class SlurmSubmitDialog;

/// The batch queue (Tools > Batch): the user adds files, folders or list files, picks a task chain
/// (bundled or a YAML file) and an output folder, and starts. BatchRunner does the work on a worker
/// thread; the queue shows every item's state (pending, running, done, failed, skipped because it is
/// already done, canceled), an overall progress bar, and the merged table when the run ends. Cancel
/// stops at the next check (the running item is abandoned before its completion marker is written,
/// so it is simply redone); starting again resumes, skipping finished items. Double-clicking an item
/// asks to open its micrograph (openRequested).
class BatchDialog : public QDialog {
    Q_OBJECT
public:
    explicit BatchDialog(QWidget* parent = nullptr);
    ~BatchDialog() override;

    /// Appends the items of files, folders or list files (collectBatchItems); false with a message in
    /// the status line when one cannot be read (the others are still added).
    bool addInputs(const QStringList& paths);
    void clearQueue();
    /// A task-chain YAML file (also added to the chain list when not bundled).
    void setChainPath(const QString& path);
    QString chainPath() const;
    void setOutputFolder(const QString& folder);
    QString outputFolder() const;

    /// Starts (or resumes) the batch; false with a message when busy, the queue is empty, or the chain
    /// or output folder is unusable.
    bool start();
    /// Asks the running batch to stop; safe to call from any thread (e.g. from itemReported).
    void cancel();
    bool isRunning() const;
    /// Blocks (processing events) until the batch has finished; for shutdown and tests.
    void waitForIdle();

    int itemCount() const { return int(m_items.size()); }
    /// State text of an item: "pending", "running", "done", "failed", "skipped (done)" or "canceled".
    QString itemState(int row) const;
    const BatchItem& item(int row) const { return m_items.at(std::size_t(row)); }
    /// OUT/merged_atoms.csv once a run has written it, else "".
    QString mergedTablePath() const { return m_merged; }
    /// The last run's summary.
    const BatchSummary& lastSummary() const { return m_summary; }
    /// Submit to Slurm...: the submission dialog for the queue, chain and output folder as they are now
    /// (shown unless `show` is false); nullptr with a message when the queue, chain or folder is not
    /// usable. The queue's states follow the dialog's submissions and status checks.
    SlurmSubmitDialog* openSlurmDialog(bool show = true);

Q_SIGNALS:
    /// From the worker thread, as soon as an item is reported (before the next item starts): connect
    /// with Qt::DirectConnection to react at once (e.g. cancel()).
    void itemReported(int row, const QString& state);
    /// On the GUI thread, after the queue row was updated.
    void itemFinished(int row, const QString& state);
    /// A run ended (done, canceled or failed); `message` says how.
    void finished(bool canceled, const QString& message);
    /// The user double-clicked an item: open this micrograph (frame of a stack).
    void openRequested(const QString& source, int frame);

private:
    void addFilesDialog();
    void addFolderDialog();
    void chooseChainFile();
    void chooseOutputFolder();
    void setRowState(int row, const QString& state);
    void markNextRunning();
    void setStatus(const QString& text);
    /// False with a message in the status line when the queue is empty, no output folder is set or the
    /// chain cannot be read; else the chain.
    bool readyToRun(TaskChain& chain);

    std::vector<BatchItem> m_items;
    QStringList m_states;
    BatchSummary m_summary;
    QString m_merged;
    JobRunner* m_jobs;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QTableWidget* m_table;
    QComboBox* m_chain;
    QLineEdit* m_output;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_start;
    QPushButton* m_cancelButton;
    QPushButton* m_slurmButton;
    SlurmSubmitDialog* m_slurm = nullptr;
};

} // namespace atomlens::gui
