#include "core/data/Metadata.h"

namespace atomlens {

MetadataNode& MetadataNode::child(const std::string& key) {
    for (std::size_t i = 0; i < m_keys.size(); ++i)
        if (m_keys[i] == key) return m_children[i];
    return appendChild(key);
}

MetadataNode& MetadataNode::appendChild(const std::string& key) {
    m_keys.push_back(key);
    m_children.emplace_back();
    return m_children.back();
}

const MetadataNode* MetadataNode::find(const std::string& path) const {
    const MetadataNode* node = this;
    std::size_t start = 0;
    while (node && start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string key =
            path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        const MetadataNode* next = nullptr;
        for (std::size_t i = 0; i < node->m_keys.size(); ++i)
            if (node->m_keys[i] == key) {
                next = &node->m_children[i];
                break;
            }
        node = next;
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return node;
}

void MetadataNode::set(const std::string& path, std::string value) {
    MetadataNode* node = this;
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = path.find('/', start);
        node =
            &node->child(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    node->m_value = std::move(value);
}

std::string MetadataNode::get(const std::string& path, const std::string& fallback) const {
    const MetadataNode* node = find(path);
    return node ? node->m_value : fallback;
}

std::size_t MetadataNode::countNodes() const {
    std::size_t n = m_children.size();
    for (const auto& c : m_children) n += c.countNodes();
    return n;
}

} // namespace atomlens
