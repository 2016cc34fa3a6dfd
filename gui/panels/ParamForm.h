#pragma once
#include "core/base/Parameters.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QFormLayout;

namespace atomlens::gui {

/// An editor form generated from a step's parameter specs: a spin box with unit and range for
/// numbers, a check box for flags, a combo box for choices (editable with suggestions for text such as
/// model names). Only values the user changed are returned, so the step's defaults stay in charge.
class ParamForm : public QWidget {
    Q_OBJECT
public:
    explicit ParamForm(QWidget* parent = nullptr);
    /// Rebuilds the form for these specs; `suggestions` fills text fields named "model".
    void setSpecs(const std::vector<ParamSpec>& specs, const QStringList& modelSuggestions = {});
    /// The values the user set (untouched fields are left out).
    ParamValues values() const;
    /// Sets one field's value as text (as if the user typed it); false for an unknown key.
    bool setValue(const QString& key, const QString& value);
    int fieldCount() const { return int(m_fields.size()); }
    /// What a field shows now, as text ("true"/"false" for flags); "" for an unknown key.
    QString shownValue(const QString& key) const;
    /// The specs the form was built from.
    std::vector<ParamSpec> specs() const;

Q_SIGNALS:
    void changed();

private:
    static void setEditorText(QWidget* editor, const QString& value);
    static QString editorText(const QWidget* editor);
    struct Field {
        ParamSpec spec;
        QWidget* editor = nullptr;
        bool touched = false;
    };
    QFormLayout* m_layout;
    std::vector<Field> m_fields;
};

} // namespace atomlens::gui
