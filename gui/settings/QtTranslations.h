#pragma once
#include <QString>

class QTranslator;

namespace atomlens::gui {

/// Loads Qt's own translations for a language code ("de", "zh_CN") into `translator`: qtbase_<code>.qm
/// from Qt's translations folder, so standard dialog buttons (OK, Cancel, Save, Discard), file dialogs
/// and context menus speak the same language as AtomLens. False when they are not installed (Debian
/// package qt6-translations-l10n); the GUI then keeps Qt's English for those.
bool loadQtTranslations(QTranslator& translator, const QString& code);

} // namespace atomlens::gui
