#pragma once
#include <string>

namespace atomlens {

/// Converts Latin-1 text (as DigitalMicrograph writes units such as the micro sign) to UTF-8.
std::string latin1ToUtf8(const std::string& text);

} // namespace atomlens
