#pragma once
#include "core/analysis/BatchRunner.h"
#include "core/analysis/SlurmBatch.h"

#include <QDialog>
#include <QString>
#include <QStringList>

#include <vector>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace atomlens::gui {

/// Submits the batch queue to a Slurm cluster (Batch > Submit to Slurm...), the GUI's face of
/// `atomlens-cli batch --slurm`: array size, partition, time limit, CPUs per task, GRES and further
/// sbatch options; Preview shows the two scripts (job array + merge job) without submitting; Submit
/// writes them under OUT/slurm and calls sbatch (the array, then the merge job afterok), showing the
/// job ids or sbatch's own error. Check Status re-reads the items' completion markers, so the queue
/// shows which items are done, failed (with the Slurm job) or still out. Submitting again sends only
/// the unfinished items. The tasks run the atomlens-cli installed next to this program.
class SlurmSubmitDialog : public QDialog {
    Q_OBJECT
public:
    SlurmSubmitDialog(std::vector<BatchItem> items, const QString& chainPath, const QString& outputFolder,
                      QWidget* parent = nullptr);

    /// The form's sbatch options (sbatch/squeue programs from $ATOMLENS_SBATCH/$ATOMLENS_SQUEUE).
    SlurmOptions options() const;
    void setOptions(const SlurmOptions& options);
    /// The atomlens-cli every task runs (absolute; the cluster's nodes must see the same path).
    QString cliPath() const { return m_cli; }
    void setCliPath(const QString& path) { m_cli = path; }

    /// Plans the submission and shows both scripts; returns them ("" with the error shown on failure).
    QString preview();
    /// Writes the scripts and submits; false with sbatch's message (or the planning error) shown.
    bool submit();
    QString arrayJob() const { return m_arrayJob; }
    QString mergeJob() const { return m_mergeJob; }
    /// Per item (queue order): "done", "failed" or "submitted", with the reason in `details`.
    QStringList itemStates(QStringList* details = nullptr) const;
    /// Check Status: re-reads the items' markers, updates the status line and emits statesRefreshed.
    void checkStatus();
    /// The text of the status line.
    QString statusText() const;

Q_SIGNALS:
    /// sbatch accepted both jobs.
    void submitted(const QString& arrayJob, const QString& mergeJob);
    /// Check Status ran: one state per queue item (see itemStates).
    void statesRefreshed(const QStringList& states, const QStringList& details);

private:
    SlurmPlan plan() const;
    void setStatus(const QString& text);

    std::vector<BatchItem> m_items;
    QString m_chain, m_output, m_cli;
    QString m_arrayJob, m_mergeJob;
    QSpinBox* m_arraySize;
    QLineEdit* m_partition;
    QLineEdit* m_time;
    QSpinBox* m_cpus;
    QLineEdit* m_gres;
    QLineEdit* m_extra;
    QPlainTextEdit* m_scripts;
    QLabel* m_status;
};

} // namespace atomlens::gui
