#pragma once
#include <QObject>
#include <QString>

namespace atomlens::gui {

class Document;
class ImageView;
class JobRunner;

/// Analysis > Find Dopants (Graphene): runs the graphene dopant analysis (core/analysis/GrapheneDopants:
/// honeycomb at the image's own bond length, dopants by brightness, 3-/4-fold coordination from the bond
/// graph with a confidence) on the frame shown, on a worker, and puts the result on the view's dopant
/// layer. The layer belongs to the frame and micrograph it was computed from: it is cleared when either
/// changes, and a result that arrives after the frame moved on is dropped.
class DopantFinder : public QObject {
    Q_OBJECT
public:
    DopantFinder(Document* document, ImageView* view, QObject* parent = nullptr);
    /// Starts the analysis; false when there is no image or the finder is busy.
    bool find();
    JobRunner* jobs() const { return m_jobs; }
    /// The last result's one-line summary ("4 dopants: 2 three-fold, 2 four-fold"), empty before one.
    QString summary() const { return m_summary; }

Q_SIGNALS:
    /// A result was put on the layer.
    void found(const QString& summary);

private:
    void clear();
    Document* m_doc;
    ImageView* m_view;
    JobRunner* m_jobs;
    QString m_summary;
};

} // namespace atomlens::gui
