// Issue 16 item 13: the generated Analysis forms, the Plots dock and the colour maps speak the GUI's
// language (they were English in German and Chinese).
#include <catch2/catch.hpp>

#include "tests/gui/MainWindowTestSupport.h"

#include "core/chain/StepRegistry.h"
#include "gui/controllers/DisplayController.h"
#include "gui/panels/AnalysisPanel.h"
#include "gui/panels/ParamForm.h"
#include "gui/panels/StepTexts.h"
#include "gui/plots/PlotPanel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <set>

using namespace atomlens;
using namespace atomlens::gui;
using atomlens::test::saveScreenshot;

namespace {

/// Every English text of the registered steps that a form or the step list shows.
std::set<std::string> registryTexts() {
    std::set<std::string> texts;
    auto add = [&](const std::string& s) {
        if (!s.empty()) texts.insert(s);
    };
    for (const Step* step : StepRegistry::instance().all()) {
        add(step->info().label), add(step->info().category), add(step->info().help);
        for (const ParamSpec& spec : step->info().params) add(spec.label), add(spec.help), add(spec.unit);
    }
    return texts;
}

} // namespace

TEST_CASE("step texts: the translation list covers every registered step's texts", "[gui][translations]") {
    const std::vector<std::string> listed = stepTextCatalogue();
    const std::set<std::string> catalogue(listed.begin(), listed.end());
    std::string missing;
    for (const std::string& s : registryTexts())
        if (!catalogue.count(s)) {
            std::string escaped;
            for (char c : s) escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
            missing += "    QT_TRANSLATE_NOOP(\"StepTexts\", \"" + escaped + "\"),\n";
        }
    if (!missing.empty()) std::fprintf(stderr, "add to gui/panels/StepTexts.cpp:\n%s", missing.c_str());
    CHECK(missing.empty());
}

namespace {

QStringList formCaptions(AnalysisPanel* panel) {
    QStringList captions;
    for (QLabel* label : panel->form()->findChildren<QLabel*>()) captions << label->text();
    return captions;
}

QStringList comboTexts(QComboBox* box) {
    QStringList texts;
    for (int i = 0; i < box->count(); ++i) texts << box->itemText(i);
    return texts;
}

} // namespace

TEST_CASE("German and Chinese: generated Analysis forms, step list, Plots dock and colour maps are "
          "translated",
          "[gui][translations]") {
    MainWindow w;
    w.setQuiet(true);
    w.show();
    REQUIRE(w.languages()->setLanguage(QStringLiteral("de")));
    QTest::qWait(50);
    AnalysisPanel* panel = w.analysisPanel();
    REQUIRE(panel->selectStep(QStringLiteral("detect")));
    const QStringList captions = formCaptions(panel);
    INFO(captions.join(QStringLiteral(" | ")).toStdString());
    CHECK(captions.contains(QStringLiteral("Subpixel-Verfeinerung"))); // "Sub-pixel refinement"
    CHECK(captions.contains(QStringLiteral("Säulenabstand")));         // "Column spacing"
    CHECK_FALSE(captions.contains(QStringLiteral("Sub-pixel refinement")));
    bool unitTranslated = false; // "noise sd" on the threshold
    for (QDoubleSpinBox* box : panel->form()->findChildren<QDoubleSpinBox*>())
        unitTranslated |= box->suffix() == QStringLiteral(" Rausch-SD");
    CHECK(unitTranslated);
    auto* steps = panel->findChild<QComboBox*>();
    REQUIRE(steps);
    CHECK(comboTexts(steps).contains(QStringLiteral("Atome finden (Erkennen)")));
    const auto help = panel->findChildren<QLabel*>();
    bool helpTranslated = false;
    for (QLabel* l : help) helpTranslated |= l->text().startsWith(QStringLiteral("Findet Atomsäulen"));
    CHECK(helpTranslated);
    // The Plots dock.
    QStringList tabs;
    for (int i = 0; i < w.plotPanel()->count(); ++i) tabs << w.plotPanel()->tabText(i);
    INFO(tabs.join(QStringLiteral(" | ")).toStdString());
    CHECK(tabs.contains(QStringLiteral("Bindungslängen")));
    // Colour maps: shown translated, stored by key.
    QComboBox* maps = nullptr;
    for (QComboBox* box : w.findChildren<QComboBox*>())
        if (box->findData(QStringLiteral("viridis")) >= 0) maps = box;
    REQUIRE(maps);
    CHECK(comboTexts(maps).contains(QStringLiteral("Grau")));
    maps->setCurrentIndex(maps->findData(QStringLiteral("fire")));
    CHECK(maps->currentText() == QStringLiteral("Feuer"));
    CHECK(w.display()->display().colourMap == QStringLiteral("fire"));
    for (QDockWidget* dock : w.findChildren<QDockWidget*>())
        if (dock->isAncestorOf(panel)) dock->raise();
    QTest::qWait(50);
    saveScreenshot(&w, QStringLiteral("gui-german-analysis-form"));

    REQUIRE(w.languages()->setLanguage(QStringLiteral("zh_CN")));
    QTest::qWait(50);
    REQUIRE(w.analysisPanel()->selectStep(QStringLiteral("detect")));
    CHECK(formCaptions(w.analysisPanel()).contains(QStringLiteral("亚像素精修")));
    REQUIRE(w.languages()->setLanguage(QStringLiteral("en")));
    REQUIRE(w.analysisPanel()->selectStep(QStringLiteral("detect")));
    CHECK(formCaptions(w.analysisPanel()).contains(QStringLiteral("Sub-pixel refinement")));
}
