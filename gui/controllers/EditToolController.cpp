#include "gui/controllers/EditToolController.h"

#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/panels/FewShotPanel.h"
#include "gui/view/AtomOverlayItem.h"
#include "gui/view/ImageView.h"

#include <QActionGroup>
#include <QToolBar>

#include <algorithm>
#include <tuple>

namespace atomlens::gui {

EditToolController::EditToolController(Document* document, ImageView* view, PanelSource fewShot,
                                       QObject* parent)
    : QObject(parent), m_doc(document), m_view(view), m_fewShot(std::move(fewShot)) {
    connect(m_view, &ImageView::clicked, this,
            [this](QPointF p, ImageView::Tool t) { handleClick(p, int(t)); });
    connect(m_view, &ImageView::dragged, this, &EditToolController::handleDrag);
    connect(m_view, &ImageView::lassoFinished, this, &EditToolController::handleLasso);
}

void EditToolController::fillToolBar(QToolBar* tools) {
    auto* group = new QActionGroup(tools);
    const std::tuple<ImageView::Tool, QString, QString, QKeySequence> toolList[] = {
        {ImageView::Tool::Navigate, tr("Pan"), tr("Drag to pan, wheel to zoom, click an atom to see it"),
         QKeySequence(Qt::Key_V)},
        {ImageView::Tool::AddAtom, tr("Add"), tr("Click to add an atom (refined to the column)"),
         QKeySequence(Qt::Key_Plus)},
        {ImageView::Tool::MoveAtom, tr("Move"), tr("Drag an atom to move it (refined again locally)"),
         QKeySequence(Qt::Key_M)},
        {ImageView::Tool::Label, tr("Label"), tr("Click atoms to give them the selected class"),
         QKeySequence(Qt::Key_L)},
        {ImageView::Tool::Lasso, tr("Lasso"), tr("Draw around atoms to give them all the selected class"),
         QKeySequence(Qt::Key_O)}};
    for (const auto& [tool, text, tip, key] : toolList) {
        QAction* a = tools->addAction(text);
        a->setCheckable(true);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        a->setChecked(tool == m_view->tool());
        a->setData(int(tool));
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, tool = tool, tip = tip] {
            m_view->setTool(tool);
            Q_EMIT status(tip, 0);
        });
    }
}

int EditToolController::labelClass() {
    int c = m_fewShot()->currentClass();
    if (c < 0) c = m_fewShot()->addClass(tr("class 1"));
    return c;
}

void EditToolController::handleClick(QPointF p, int tool) {
    if (!m_doc->hasImage()) return;
    const double reach = std::max(3.0, m_view->atomOverlay()->radius() * 2);
    const int row = m_view->atomOverlay()->nearestAtom(p, reach);
    const AtomTable& atoms = m_doc->atoms();
    switch (ImageView::Tool(tool)) {
    case ImageView::Tool::AddAtom:
        edit::addAtom(*m_doc, p);
        Q_EMIT status(tr("Atom added and refined; Ctrl+Z undoes."), 5000);
        break;
    case ImageView::Tool::Label:
        if (row >= 0 && std::size_t(row) < atoms.size()) {
            const int c = labelClass();
            edit::relabel(*m_doc, {atoms.ids()[std::size_t(row)]}, c);
            Q_EMIT status(tr("Labelled as %1 (%2 labels).")
                              .arg(m_doc->classNames().value(c))
                              .arg(m_doc->userLabels().size()),
                          5000);
        } else {
            // No node here (a dim column or a vacancy): the label places a site, refined onto a column
            // if one is there, else kept where the user clicked.
            const int c = labelClass();
            edit::addAtom(*m_doc, p, c, true);
            Q_EMIT status(tr("No atom here: a site labelled %1 was placed; Ctrl+Z undoes.")
                              .arg(m_doc->classNames().value(c)),
                          5000);
        }
        break;
    default:
        if (row >= 0 && std::size_t(row) < atoms.size()) {
            const Atom a = atoms.at(std::size_t(row));
            Q_EMIT status(tr("Atom %1 at (%2, %3) px: %4, confidence %5, sigma %6 px")
                              .arg(a.id)
                              .arg(a.x, 0, 'f', 2)
                              .arg(a.y, 0, 'f', 2)
                              .arg(a.classId >= 0 ? QString::fromStdString(atoms.className(a.classId))
                                                  : tr("unclassified"))
                              .arg(double(a.confidence), 0, 'f', 2)
                              .arg(double(a.sigma), 0, 'f', 2),
                          0);
        }
        break;
    }
}

void EditToolController::handleDrag(QPointF from, QPointF to) {
    const double reach = std::max(3.0, m_view->atomOverlay()->radius() * 2);
    const int row = m_view->atomOverlay()->nearestAtom(from, reach);
    if (row < 0 || std::size_t(row) >= m_doc->atoms().size()) return;
    edit::moveAtom(*m_doc, m_doc->atoms().ids()[std::size_t(row)], to);
    Q_EMIT status(tr("Atom moved and refined with its neighbours; Ctrl+Z undoes."), 5000);
}

void EditToolController::handleLasso(const QPolygonF& polygon) {
    const QRectF box = polygon.boundingRect();
    const AtomTable& atoms = m_doc->atoms();
    std::vector<std::uint32_t> ids;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const QPointF p(atoms.xs()[i], atoms.ys()[i]);
        if (box.contains(p) && polygon.containsPoint(p, Qt::OddEvenFill)) ids.push_back(atoms.ids()[i]);
    }
    if (ids.empty()) return;
    const int c = labelClass();
    edit::relabel(*m_doc, ids, c);
    Q_EMIT status(
        tr("%1 atoms labelled as %2; Ctrl+Z undoes.").arg(ids.size()).arg(m_doc->classNames().value(c)),
        5000);
}

} // namespace atomlens::gui
