#pragma once
#include <stdexcept>
#include <string>

namespace atomlens {

/// Bad input from the user's side: an unreadable, truncated or unsupported file, a wrong value.
/// what() is one line naming the file (when there is one) and the problem.
class InputError : public std::runtime_error {
public:
    explicit InputError(const std::string& message) : std::runtime_error(message) {}
    InputError(const std::string& file, const std::string& problem)
        : std::runtime_error(file.empty() ? problem : file + ": " + problem) {}
};

/// Raised by JobContext::throwIfCanceled when the user cancelled a running step.
class CanceledError : public std::runtime_error {
public:
    CanceledError() : std::runtime_error("canceled") {}
};

} // namespace atomlens
