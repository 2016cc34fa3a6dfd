#include "gui/panels/ParamForm.h"

#include "gui/panels/StepTexts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace atomlens::gui {

ParamForm::ParamForm(QWidget* parent) : QWidget(parent), m_layout(new QFormLayout(this)) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

void ParamForm::setSpecs(const std::vector<ParamSpec>& specs, const QStringList& modelSuggestions) {
    while (m_layout->rowCount() > 0) m_layout->removeRow(0);
    m_fields.clear();
    for (const auto& spec : specs) {
        Field field;
        field.spec = spec;
        const std::size_t index = m_fields.size();
        auto touch = [this, index] {
            m_fields[index].touched = true;
            Q_EMIT changed();
        };
        const QString help = stepText(spec.help);
        switch (spec.type) {
        case ParamSpec::Type::Number: {
            auto* box = new QDoubleSpinBox(this);
            box->setDecimals(3);
            box->setRange(std::max(spec.minValue, -1e9), std::min(spec.maxValue, 1e9));
            if (!spec.unit.empty()) box->setSuffix(QStringLiteral(" ") + stepText(spec.unit));
            box->setSpecialValueText(spec.minValue == 0 || spec.minValue == -1 ? tr("auto") : QString());
            box->setValue(box->minimum());
            connect(box, &QDoubleSpinBox::valueChanged, this, touch);
            field.editor = box;
            break;
        }
        case ParamSpec::Type::Integer: {
            auto* box = new QSpinBox(this);
            box->setRange(int(std::max(spec.minValue, -1e9)), int(std::min(spec.maxValue, 1e9)));
            connect(box, &QSpinBox::valueChanged, this, touch);
            field.editor = box;
            break;
        }
        case ParamSpec::Type::Boolean: {
            auto* box = new QCheckBox(this);
            box->setTristate(false);
            connect(box, &QCheckBox::toggled, this, touch);
            field.editor = box;
            break;
        }
        case ParamSpec::Type::Choice:
        case ParamSpec::Type::Text: {
            auto* box = new QComboBox(this);
            box->setEditable(spec.type == ParamSpec::Type::Text);
            for (const auto& c : spec.choices) box->addItem(QString::fromStdString(c));
            if (spec.key == "model") box->addItems(modelSuggestions);
            box->setCurrentIndex(spec.type == ParamSpec::Type::Choice ? 0 : -1);
            connect(box, &QComboBox::currentTextChanged, this, touch);
            field.editor = box;
            break;
        }
        }
        // The engine's default is what the form shows until the user changes it (not "touched").
        if (!spec.defaultValue.empty()) {
            const QSignalBlocker block(field.editor);
            setEditorText(field.editor, QString::fromStdString(spec.defaultValue));
        }
        field.editor->setToolTip(help.isEmpty() ? stepText(spec.label) : help);
        QString label = stepText(spec.label);
        if (!spec.unit.empty() && spec.type != ParamSpec::Type::Number)
            label += QStringLiteral(" (%1)").arg(stepText(spec.unit));
        auto* caption = new QLabel(label, this);
        caption->setToolTip(field.editor->toolTip());
        m_layout->addRow(caption, field.editor);
        m_fields.push_back(field);
    }
}

ParamValues ParamForm::values() const {
    ParamValues v;
    for (const auto& f : m_fields) {
        if (!f.touched) continue;
        const std::string& key = f.spec.key;
        if (auto* d = qobject_cast<QDoubleSpinBox*>(f.editor))
            v.set(key, formatParam(d->value()));
        else if (auto* i = qobject_cast<QSpinBox*>(f.editor))
            v.set(key, std::to_string(i->value()));
        else if (auto* c = qobject_cast<QCheckBox*>(f.editor))
            v.set(key, c->isChecked() ? "true" : "false");
        else if (auto* b = qobject_cast<QComboBox*>(f.editor)) {
            if (!b->currentText().isEmpty()) v.set(key, b->currentText().toStdString());
        }
    }
    return v;
}

void ParamForm::setEditorText(QWidget* editor, const QString& value) {
    if (auto* d = qobject_cast<QDoubleSpinBox*>(editor))
        d->setValue(value.toDouble());
    else if (auto* i = qobject_cast<QSpinBox*>(editor))
        i->setValue(value.toInt());
    else if (auto* c = qobject_cast<QCheckBox*>(editor))
        c->setChecked(value == QLatin1String("true") || value == QLatin1String("1"));
    else if (auto* b = qobject_cast<QComboBox*>(editor))
        b->setCurrentText(value);
}

QString ParamForm::editorText(const QWidget* editor) {
    if (auto* d = qobject_cast<const QDoubleSpinBox*>(editor))
        return QString::fromStdString(formatParam(d->value()));
    if (auto* i = qobject_cast<const QSpinBox*>(editor)) return QString::number(i->value());
    if (auto* c = qobject_cast<const QCheckBox*>(editor))
        return c->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    if (auto* b = qobject_cast<const QComboBox*>(editor)) return b->currentText();
    return {};
}

bool ParamForm::setValue(const QString& key, const QString& value) {
    for (auto& f : m_fields) {
        if (f.spec.key != key.toStdString()) continue;
        setEditorText(f.editor, value);
        f.touched = true;
        return true;
    }
    return false;
}

QString ParamForm::shownValue(const QString& key) const {
    for (const auto& f : m_fields)
        if (f.spec.key == key.toStdString()) return editorText(f.editor);
    return {};
}

std::vector<ParamSpec> ParamForm::specs() const {
    std::vector<ParamSpec> out;
    for (const auto& f : m_fields) out.push_back(f.spec);
    return out;
}

} // namespace atomlens::gui
