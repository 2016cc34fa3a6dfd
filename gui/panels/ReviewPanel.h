#pragma once
#include "gui/review/ReviewQueue.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QTimer;

namespace atomlens::gui {

class Document;
class ImageView;

/// Review of detections, least certain first: a filterable queue (class, confidence range) and the
/// keyboard actions of the Review menu (next/previous, accept, reject, relabel 1-9, delete). The view
/// follows the queue; decisions are undoable edits and mark the atoms as reviewed.
class ReviewPanel : public QWidget {
    Q_OBJECT
public:
    ReviewPanel(Document* document, ImageView* view, QWidget* parent = nullptr);
    const ReviewQueue& queue() const { return m_queue; }
    /// The atom under review (0 when none).
    std::uint32_t currentId() const { return m_queue.current(); }
    void setFilter(const ReviewFilter& filter);

public Q_SLOTS:
    void next();
    void previous();
    void acceptCurrent();
    void rejectCurrent();
    /// Gives the current atom class `index` (0-based position in the class list) and moves on.
    void relabelCurrent(int index);
    void deleteCurrent();
    /// Rebuilds the queue from the document now (normally deferred to the next event loop turn).
    void rebuild();

Q_SIGNALS:
    void currentChanged(std::uint32_t id);
    /// Why a key did nothing (no class with that number, nothing to review), for the status bar.
    void hint(const QString& text);

private:
    /// Marks the current atom; `follow` also scrolls the view to it (navigation, not a rebuild).
    void showCurrent(bool follow = true);
    void fillClassFilter();
    Document* m_doc;
    ImageView* m_view;
    ReviewQueue m_queue;
    ReviewFilter m_filter;
    QComboBox* m_class;
    QDoubleSpinBox *m_minConf, *m_maxConf;
    QLabel* m_status;
    QListWidget* m_list;
    QTimer* m_rebuildTimer;
};

} // namespace atomlens::gui
