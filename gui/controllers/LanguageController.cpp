#include "gui/controllers/LanguageController.h"

#include "gui/settings/QtTranslations.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>

#include <utility>

namespace atomlens::gui {

bool LanguageController::setLanguage(const QString& code) {
    if (code == m_language) return true;
    QApplication::removeTranslator(&m_translator);
    QApplication::removeTranslator(&m_qtTranslator);
    if (code != QLatin1String("en")) {
        if (!m_translator.load(QStringLiteral(":/i18n/atomlens_%1.qm").arg(code))) return false;
        // Qt's own strings (dialog buttons, file dialogs) too, when Qt's translations are installed.
        if (loadQtTranslations(m_qtTranslator, code)) QApplication::installTranslator(&m_qtTranslator);
        QApplication::installTranslator(&m_translator); // sends LanguageChange
    }
    m_language = code;
    QSettings().setValue(QStringLiteral("language"), code);
    Q_EMIT languageChanged(code);
    return true;
}

void LanguageController::fillMenu(QMenu* menu) {
    auto* group = new QActionGroup(menu);
    const std::pair<QString, QString> languages[] = {
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
        {QStringLiteral("zh_CN"), QStringLiteral("\u7b80\u4f53\u4e2d\u6587")}};
    for (const auto& [code, name] : languages) {
        // Deferred: this action's menu is still handling the click, and the switch rebuilds (deletes)
        // every menu; running it from the event loop afterwards keeps the menu alive until it is done.
        QAction* a = menu->addAction(name, this, [this, code = code] {
            QMetaObject::invokeMethod(
                this, [this, code] { setLanguage(code); }, Qt::QueuedConnection);
        });
        a->setCheckable(true);
        a->setChecked(code == m_language);
        group->addAction(a);
    }
}

} // namespace atomlens::gui
