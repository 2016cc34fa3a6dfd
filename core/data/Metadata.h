#pragma once
#include <string>
#include <vector>

namespace atomlens {

/// An ordered tree of named text values: instrument settings, detector, time stamps, or a vendor
/// file's whole tag tree. Paths use '/' between levels ("Microscope/Voltage").
class MetadataNode {
public:
    const std::string& value() const { return m_value; }
    void setValue(std::string value) { m_value = std::move(value); }
    bool isLeaf() const { return m_children.empty(); }
    std::size_t childCount() const { return m_children.size(); }
    const std::string& childKey(std::size_t i) const { return m_keys[i]; }
    const MetadataNode& childAt(std::size_t i) const { return m_children[i]; }
    MetadataNode& childAt(std::size_t i) { return m_children[i]; }

    /// The direct child with this key, created (appended) if absent.
    MetadataNode& child(const std::string& key);
    /// Appends a child even when the key exists (vendor trees repeat keys, e.g. unnamed list items).
    MetadataNode& appendChild(const std::string& key);
    /// The node at a '/'-separated path, or nullptr.
    const MetadataNode* find(const std::string& path) const;
    /// Sets the value at a path, creating intermediate nodes.
    void set(const std::string& path, std::string value);
    /// The value at a path, or the fallback when absent.
    std::string get(const std::string& path, const std::string& fallback = "") const;
    /// Total number of nodes below this one (for tests and limits).
    std::size_t countNodes() const;

private:
    std::string m_value;
    std::vector<std::string> m_keys;
    std::vector<MetadataNode> m_children;
};

} // namespace atomlens
