#pragma once
#include <QString>

#include <string>
#include <vector>

namespace atomlens::gui {

/// The engine's step and parameter texts (step names, categories, help, parameter labels, help and units)
/// in the language the GUI speaks. core has no Qt, so its English texts are listed for lupdate in
/// StepTexts.cpp (context "StepTexts") and looked up here; a text not in the list stays English.
QString stepText(const std::string& english);

/// Every text the list holds (a test checks that it covers every registered step).
std::vector<std::string> stepTextCatalogue();

} // namespace atomlens::gui
