#pragma once
#include <QObject>
#include <QPointF>
#include <QPolygonF>
#include <QString>

#include <functional>

class QToolBar;

namespace atomlens::gui {

class Document;
class FewShotPanel;
class ImageView;

/// What the view's edit tools do, as undoable edits: a click adds an atom, labels the nearest atom
/// (or places a labelled site where there is none) or, with the Pan tool, describes it; the Move tool
/// drags an atom (refined again); the Lasso labels every atom inside. Labels get the few-shot panel's
/// current class (a first class is made when there is none).
class EditToolController : public QObject {
    Q_OBJECT
public:
    /// The few-shot panel of the moment (it is rebuilt with the UI).
    using PanelSource = std::function<FewShotPanel*()>;
    /// Connects to the view's clicked, dragged and lassoFinished signals.
    EditToolController(Document* document, ImageView* view, PanelSource fewShot, QObject* parent = nullptr);
    /// A click with a tool (ImageView::Tool): select (navigate), add an atom, or label the nearest atom.
    void handleClick(QPointF position, int tool);
    /// Move tool: moves the atom nearest `from` to `to` (then re-refines locally).
    void handleDrag(QPointF from, QPointF to);
    /// Lasso: gives every atom inside the polygon the few-shot panel's current class.
    void handleLasso(const QPolygonF& polygon);
    /// Fills the Tools tool bar: one checkable action per tool (Pan, Add, Move, Label, Lasso) with its
    /// key; choosing one sets the view's tool and says what it does.
    void fillToolBar(QToolBar* bar);

Q_SIGNALS:
    void status(const QString& text, int timeoutMs);

private:
    int labelClass();
    Document* m_doc;
    ImageView* m_view;
    PanelSource m_fewShot;
};

} // namespace atomlens::gui
