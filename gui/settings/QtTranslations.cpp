#include "gui/settings/QtTranslations.h"

#include <QLibraryInfo>
#include <QTranslator>

namespace atomlens::gui {

bool loadQtTranslations(QTranslator& translator, const QString& code) {
    return translator.load(QStringLiteral("qtbase_") + code,
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath));
}

} // namespace atomlens::gui
