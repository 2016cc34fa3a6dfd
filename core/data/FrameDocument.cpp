#include "core/data/FrameDocument.h"

#include <algorithm>
#include <unordered_map>

namespace atomlens {

void PredictionLayer::merge(const PredictionLayer& newer) {
    std::unordered_map<std::uint32_t, std::size_t> rowOf;
    for (std::size_t i = 0; i < ids.size(); ++i) rowOf[ids[i]] = i;
    AtomTable names; // class name mapping via AtomTable::classIndex
    names.setClassNames(classNames);
    for (std::size_t i = 0; i < newer.size(); ++i) {
        const auto c = newer.classIds[i];
        const std::int32_t mapped = c >= 0 && std::size_t(c) < newer.classNames.size()
                                        ? names.classIndex(newer.classNames[std::size_t(c)], true)
                                        : -1;
        if (const auto it = rowOf.find(newer.ids[i]); it != rowOf.end()) {
            classIds[it->second] = mapped;
            confidences[it->second] = newer.confidences[i];
        } else {
            rowOf[newer.ids[i]] = ids.size();
            ids.push_back(newer.ids[i]);
            classIds.push_back(mapped);
            confidences.push_back(newer.confidences[i]);
        }
    }
    classNames = names.classNames();
    revision = std::max(revision, newer.revision);
}

const PredictionLayer* FrameDocument::prediction(const std::string& model) const {
    for (const auto& p : predictions)
        if (p.model == model) return &p;
    return nullptr;
}

void FrameDocument::setPrediction(const PredictionLayer& layer) {
    const auto it = std::find_if(predictions.begin(), predictions.end(),
                                 [&](const PredictionLayer& p) { return p.model == layer.model; });
    if (it == predictions.end()) {
        predictions.push_back(layer);
        return;
    }
    PredictionLayer merged = std::move(*it);
    predictions.erase(it);
    merged.merge(layer);
    predictions.push_back(std::move(merged));
}

AtomTable composeShown(const AtomTable& atoms, const std::vector<PredictionLayer>& predictions) {
    AtomTable shown = atoms;
    if (predictions.empty()) return shown;
    std::vector<char> done(shown.size(), 0);
    // Newest layer first: the first layer that covers an atom decides.
    for (auto layer = predictions.rbegin(); layer != predictions.rend(); ++layer) {
        std::vector<std::int32_t> mapped;
        for (const auto& n : layer->classNames) mapped.push_back(shown.classIndex(n, true));
        for (std::size_t i = 0; i < layer->size(); ++i) {
            const auto row = shown.rowOf(layer->ids[i]);
            if (row < 0 || done[std::size_t(row)]) continue;
            done[std::size_t(row)] = 1;
            if (isUserDecision(shown.flags()[std::size_t(row)])) continue; // a label is never overwritten
            const auto c = layer->classIds[i];
            shown.setClass(std::size_t(row),
                           c >= 0 && std::size_t(c) < mapped.size() ? mapped[std::size_t(c)] : -1,
                           layer->confidences[i]);
        }
    }
    return shown;
}

Labels userLabelsOf(const AtomTable& atoms) {
    Labels labels;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const auto flags = atoms.flags()[i];
        if (!(flags & kFlagUserReviewed) || (flags & kFlagRejected) || atoms.classIds()[i] < 0) continue;
        labels.add({atoms.xs()[i], atoms.ys()[i], atoms.className(atoms.classIds()[i]),
                    std::int64_t(atoms.ids()[i])});
    }
    return labels;
}

} // namespace atomlens
