#include "core/detect/SingleAtomChoice.h"

#include <mutex>

namespace atomlens {
namespace {

std::mutex& choiceMutex() {
    static std::mutex m;
    return m;
}
SingleAtomModel& registered() {
    static SingleAtomModel model;
    return model;
}

} // namespace

void registerSingleAtomModel(SingleAtomModel model) {
    std::lock_guard<std::mutex> lock(choiceMutex());
    registered() = std::move(model);
}

SingleAtomModel singleAtomModel() {
    std::lock_guard<std::mutex> lock(choiceMutex());
    return registered();
}

} // namespace atomlens
