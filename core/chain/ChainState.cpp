#include "core/chain/ChainState.h"

#include <cmath>
#include <limits>

namespace atomlens {

AtomResultColumn& ChainState::column(const std::string& name) {
    for (auto& c : columns)
        if (c.name == name) {
            c.values.resize(atoms.size());
            c.confidences.resize(atoms.size(), std::numeric_limits<float>::quiet_NaN());
            return c;
        }
    columns.push_back({name, std::vector<std::string>(atoms.size()),
                       std::vector<float>(atoms.size(), std::numeric_limits<float>::quiet_NaN())});
    return columns.back();
}

const AtomResultColumn* ChainState::findColumn(const std::string& name) const {
    for (const auto& c : columns)
        if (c.name == name) return &c;
    return nullptr;
}

} // namespace atomlens
