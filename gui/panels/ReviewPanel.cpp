#include "gui/panels/ReviewPanel.h"

#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/view/ImageView.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace atomlens::gui {

ReviewPanel::ReviewPanel(Document* document, ImageView* view, QWidget* parent)
    : QWidget(parent), m_doc(document), m_view(view), m_rebuildTimer(new QTimer(this)) {
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_class = new QComboBox(this);
    m_class->setToolTip(tr("Only review atoms of this class"));
    m_minConf = new QDoubleSpinBox(this);
    m_maxConf = new QDoubleSpinBox(this);
    for (auto* s : {m_minConf, m_maxConf}) {
        s->setRange(0, 1);
        s->setSingleStep(0.05);
        s->setToolTip(tr("Only review predictions with a confidence in this range"));
    }
    m_maxConf->setValue(1);
    form->addRow(tr("Class"), m_class);
    form->addRow(tr("Confidence from"), m_minConf);
    form->addRow(tr("to"), m_maxConf);
    layout->addLayout(form);
    auto* buttons = new QHBoxLayout;
    auto button = [&](const QString& text, const QString& tip, void (ReviewPanel::*slot)()) {
        auto* b = new QPushButton(text, this);
        b->setToolTip(tip);
        b->setFocusPolicy(Qt::NoFocus);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
    };
    button(tr("Prev"), tr("Previous atom in the queue (P)"), &ReviewPanel::previous);
    button(tr("Next"), tr("Next atom in the queue (N)"), &ReviewPanel::next);
    button(tr("Accept"), tr("Accept the prediction (A)"), &ReviewPanel::acceptCurrent);
    button(tr("Reject"), tr("Not an atom (R)"), &ReviewPanel::rejectCurrent);
    layout->addLayout(buttons);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_list = new QListWidget(this);
    m_list->setToolTip(tr("The least certain detections first; click one to go there"));
    layout->addWidget(m_list, 1);
    auto* hint =
        new QLabel(tr("Keys: N/P next/previous, A accept, R reject, 1-9 relabel, Del delete."), this);
    hint->setWordWrap(true);
    layout->addWidget(hint);

    m_rebuildTimer->setSingleShot(true);
    m_rebuildTimer->setInterval(0);
    connect(m_rebuildTimer, &QTimer::timeout, this, &ReviewPanel::rebuild);
    connect(document, &Document::atomsChanged, m_rebuildTimer, qOverload<>(&QTimer::start));
    connect(document, &Document::atomsChanged, this, &ReviewPanel::fillClassFilter);
    auto refilter = [this] {
        m_filter.classId = m_class->currentData().toInt();
        m_filter.minConfidence = float(m_minConf->value());
        m_filter.maxConfidence = float(m_maxConf->value());
        rebuild();
    };
    connect(m_class, &QComboBox::activated, this, refilter);
    connect(m_minConf, &QDoubleSpinBox::valueChanged, this, refilter);
    connect(m_maxConf, &QDoubleSpinBox::valueChanged, this, refilter);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row == m_queue.index()) return;
        m_queue.setIndex(row);
        showCurrent();
    });
    fillClassFilter();
}

void ReviewPanel::fillClassFilter() {
    const QStringList names = m_doc->classNames();
    if (m_class->count() == names.size() + 2) return;
    const int keep = m_class->currentData().isValid() ? m_class->currentData().toInt() : -2;
    m_class->clear();
    m_class->addItem(tr("all classes"), -2);
    m_class->addItem(tr("unclassified"), -1);
    for (int i = 0; i < names.size(); ++i) m_class->addItem(names[i], i);
    m_class->setCurrentIndex(std::max(0, m_class->findData(keep)));
}

void ReviewPanel::setFilter(const ReviewFilter& filter) {
    m_filter = filter;
    rebuild();
}

void ReviewPanel::rebuild() {
    m_rebuildTimer->stop();
    m_queue.rebuild(m_doc->atoms(), m_filter);
    const QSignalBlocker block(m_list);
    m_list->clear();
    const auto& atoms = m_doc->atoms();
    const std::size_t shown = std::min<std::size_t>(m_queue.size(), 300); // a list of 10^5 rows helps no one
    for (std::size_t k = 0; k < shown; ++k) {
        const auto row = atoms.rowOf(m_queue.ids()[k]);
        if (row < 0) continue;
        const auto c = atoms.classIds()[std::size_t(row)];
        const bool reviewed = atoms.flags()[std::size_t(row)] & (kFlagUserReviewed | kFlagRejected);
        m_list->addItem(QStringLiteral("%1 #%2  %3  %4")
                            .arg(reviewed ? QStringLiteral("\u2713") : QStringLiteral("  "))
                            .arg(m_queue.ids()[k])
                            .arg(c >= 0 ? QString::fromStdString(atoms.className(c)) : tr("unclassified"))
                            .arg(c >= 0
                                     ? QString::number(double(atoms.confidences()[std::size_t(row)]), 'f', 2)
                                     : QString()));
    }
    // A rebuild (new detection, a tab switch, edits) marks the current atom but leaves the view where
    // the user put it; only navigation moves it.
    showCurrent(false);
}

void ReviewPanel::showCurrent(bool follow) {
    const auto id = m_queue.current();
    m_status->setText(tr("%1 atoms to review").arg(m_queue.size()));
    const auto row = m_doc->atoms().rowOf(id);
    if (id == 0 || row < 0) {
        m_view->setMarker({}, false);
        return;
    }
    const QPointF p(m_doc->atoms().xs()[std::size_t(row)], m_doc->atoms().ys()[std::size_t(row)]);
    if (m_doc->atoms().flags()[std::size_t(row)] & kFlagAtEdge)
        m_status->setText(tr("%1 atoms to review. This one is cut by the image edge: its class is less "
                             "certain than its confidence says.")
                              .arg(m_queue.size()));
    m_view->setMarker(p, true);
    if (follow && !m_view->visibleRegion().adjusted(20, 20, -20, -20).contains(p)) m_view->centreOn(p);
    if (m_queue.index() < m_list->count()) {
        const QSignalBlocker block(m_list);
        m_list->setCurrentRow(m_queue.index());
    }
    Q_EMIT currentChanged(id);
}

void ReviewPanel::next() {
    m_queue.next(m_doc->atoms());
    showCurrent();
}

void ReviewPanel::previous() {
    m_queue.previous(m_doc->atoms());
    showCurrent();
}

void ReviewPanel::acceptCurrent() {
    if (const auto id = m_queue.current()) {
        edit::accept(*m_doc, {id});
        next();
    }
}

void ReviewPanel::rejectCurrent() {
    if (const auto id = m_queue.current()) {
        edit::reject(*m_doc, {id});
        next();
    }
}

void ReviewPanel::relabelCurrent(int index) {
    const auto id = m_queue.current();
    const int classes = int(m_doc->classNames().size());
    if (index < 0 || index >= classes) {
        const QString text =
            classes == 0 ? tr("Key %1 relabels as class %1, but there are no classes yet: add them in the "
                              "Few-shot tab (Add class) or classify with a model.")
                               .arg(index + 1)
                         : tr("Key %1 does nothing: there are only %2 classes (keys 1-%2).")
                               .arg(index + 1)
                               .arg(classes);
        m_status->setText(text);
        Q_EMIT hint(text);
        return;
    }
    if (!id) {
        Q_EMIT hint(tr("Nothing to relabel: the review queue is empty (see its filters)."));
        return;
    }
    edit::relabel(*m_doc, {id}, index);
    next();
}

void ReviewPanel::deleteCurrent() {
    if (const auto id = m_queue.current()) {
        m_queue.next(m_doc->atoms());
        edit::deleteAtoms(*m_doc, {id});
    }
}

} // namespace atomlens::gui
