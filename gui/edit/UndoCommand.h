#pragma once
#include <QUndoCommand>

#include <functional>
#include <utility>
#include <vector>

namespace atomlens::gui {

/// One reversible piece of an edit: how to redo and how to undo it (kdenlive style). Both functions
/// hold only the difference they need (ids and old/new values), never a copy of the whole table.
struct Change {
    std::function<void()> redo;
    std::function<void()> undo;
};

/// A QUndoCommand made of changes that were already applied when it is pushed: the first redo() (the
/// one QUndoStack::push makes) does nothing; later ones replay the changes in order, undo() reverts
/// them in reverse order.
class ChangeCommand : public QUndoCommand {
public:
    ChangeCommand(const QString& text, std::vector<Change> changes) : m_changes(std::move(changes)) {
        setText(text);
    }
    void redo() override {
        if (m_applied) {
            m_applied = false; // already done by the code that built the command
            return;
        }
        for (auto& c : m_changes) c.redo();
    }
    void undo() override {
        for (auto it = m_changes.rbegin(); it != m_changes.rend(); ++it) it->undo();
    }

private:
    std::vector<Change> m_changes;
    bool m_applied = true;
};

} // namespace atomlens::gui
