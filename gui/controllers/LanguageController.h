#pragma once
#include <QObject>
#include <QString>
#include <QTranslator>

class QMenu;

namespace atomlens::gui {

/// Settings > Language: installs AtomLens's and Qt's translators for English, German or Simplified
/// Chinese, remembers the choice in the settings and says when the UI has to be rebuilt.
class LanguageController : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    /// Switches the user-interface language ("en", "de", "zh_CN"); false when unknown.
    bool setLanguage(const QString& code);
    QString language() const { return m_language; }
    /// Fills Settings > Language (the current one checked); a choice switches once the menu is done.
    void fillMenu(QMenu* menu);

Q_SIGNALS:
    /// The translators changed: menus, tool bars and docks are to be rebuilt.
    void languageChanged(const QString& code);

private:
    QTranslator m_translator;
    QTranslator m_qtTranslator; ///< Qt's own strings (dialog buttons) in the same language
    QString m_language = QStringLiteral("en");
};

} // namespace atomlens::gui
