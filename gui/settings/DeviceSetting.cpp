#include "gui/settings/DeviceSetting.h"

#ifdef ATOMLENS_WITH_NN
#include "core/nn/ComputeDevice.h"
#endif

#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

#include <exception>

namespace atomlens::gui {

namespace {
const QString kKey = QStringLiteral("device");

QString tr(const char* text) {
    return QCoreApplication::translate("DeviceSetting", text);
}

/// Applies a choice ("auto", "cpu", "cuda"); returns the reason it cannot be used, empty when applied.
QString apply(const QString& code) {
#ifdef ATOMLENS_WITH_NN
    try {
        setDeviceChoice(parseDeviceChoice(code.toStdString()));
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
#else
    return code == QLatin1String("cuda") ? tr("this AtomLens was built without LibTorch") : QString();
#endif
}
} // namespace

QString applySavedDeviceSetting() {
    const QString saved = QSettings().value(kKey, QStringLiteral("auto")).toString();
    const QString why = apply(saved);
    if (!why.isEmpty()) apply(QStringLiteral("auto"));
    return why;
}

void addDeviceMenu(QMenu* settings, QWidget* parent) {
    QMenu* menu = settings->addMenu(tr("Network &Device"));
    menu->setToolTip(tr("Where the FCN detector and the EGNN models run"));
    auto* group = new QActionGroup(menu);
    const QString current = QSettings().value(kKey, QStringLiteral("auto")).toString();
    const std::pair<QString, QString> choices[] = {
        {QStringLiteral("auto"), tr("&Automatic (GPU when available)")},
        {QStringLiteral("cpu"), tr("&CPU")},
        {QStringLiteral("cuda"), tr("CUDA &GPU")}};
    for (const auto& [code, label] : choices) {
        QAction* a = menu->addAction(label);
        a->setCheckable(true);
        a->setChecked(code == current);
        a->setData(code);
        group->addAction(a);
        QObject::connect(a, &QAction::triggered, parent, [code = code, group, parent] {
            const QString why = apply(code);
            if (why.isEmpty()) {
                QSettings().setValue(kKey, code);
                return;
            }
            const QString kept = QSettings().value(kKey, QStringLiteral("auto")).toString();
            for (QAction* other : group->actions()) other->setChecked(other->data().toString() == kept);
            QMessageBox::warning(parent, tr("Network device"), tr("Cannot use this device: %1").arg(why));
        });
    }
}

} // namespace atomlens::gui
