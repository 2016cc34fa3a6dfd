#pragma once
#include "core/data/AtomTable.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atomlens {

/// One thing the user said: "the atom at (x, y) is of this class". Kept apart from predictions so a
/// model run never erases a human decision.
struct Label {
    double x = 0, y = 0; ///< pixels, where the user clicked (or the atom's position)
    std::string className;
    std::int64_t atomId = -1; ///< the atom it was attached to, -1 until resolved
};

/// The user's labels for one image.
class Labels {
public:
    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    const Label& at(std::size_t i) const { return m_items.at(i); }
    const std::vector<Label>& items() const { return m_items; }
    /// Adds a label; a label already attached to the same atom is replaced (the newest decision wins).
    void add(const Label& label);
    void removeAt(std::size_t i);
    void clear() { m_items.clear(); }
    /// Distinct class names in order of first appearance.
    std::vector<std::string> classNames() const;
    /// Count of labels per class name, in classNames() order.
    std::vector<std::size_t> countsPerClass() const;

    /// Attaches every label to the nearest atom within `tolerance` pixels (brute force over the table:
    /// label sets are small). Throws InputError naming the label's position when no atom is near it,
    /// or when two labels with different classes land on the same atom.
    void resolve(const AtomTable& atoms, double tolerance, const std::string& sourceName = "labels");

private:
    std::vector<Label> m_items;
};

} // namespace atomlens
