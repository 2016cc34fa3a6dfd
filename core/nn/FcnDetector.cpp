#include "core/nn/FcnDetector.h"

#include "core/data/PointIndex.h"
#include "core/detect/RefineGaussian.h"
#include "core/nn/FcnInput.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace atomlens {

const std::vector<ParamField<FcnDetectParams>>& FcnDetectParams::fields() {
    using P = FcnDetectParams;
    static const std::vector<ParamField<P>> f = {
        textField<P>("model", "Model", &P::model, "shipped model name, model card or model folder"),
        numberField<P>("threshold", "Probability threshold", "", 0.01, 0.99, &P::threshold,
                       "peaks of the atom probability map below this are ignored"),
        numberField<P>("min_distance", "Minimum distance", "px", 0.5, 100, &P::minDistance,
                       "weaker peaks closer than this to a stronger one are dropped"),
        integerField<P>("tile_size", "Tile size", 0, 8192, &P::tileSize,
                        "inference tile side (0 = whole image)"),
        flagField<P>("refine", "Gaussian refinement", &P::refine,
                     "sub-pixel 2-D Gaussian fit of each centre"),
    };
    return f;
}

AtomTable atomsFromProbability(const Image& prob, double threshold, double minDistance) {
    const int W = prob.width(), H = prob.height();
    std::vector<std::tuple<float, int, int>> peaks;
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            const float v = prob.at(x, y);
            if (v < threshold) continue;
            bool isMax = true;
            for (int dy = -1; dy <= 1 && isMax; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int u = x + dx, w = y + dy;
                    if ((dx || dy) && u >= 0 && w >= 0 && u < W && w < H) {
                        const float n = prob.at(u, w);
                        // Plateaus: the first pixel in scan order wins.
                        if (n > v || (n == v && (dy < 0 || (dy == 0 && dx < 0)))) isMax = false;
                    }
                }
            if (isMax) peaks.emplace_back(v, x, y);
        }
    std::sort(peaks.begin(), peaks.end(),
              [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
    AtomTable atoms;
    atoms.reserve(peaks.size());
    // Weighted centres of all peaks, then suppression of weaker peaks near stronger accepted ones.
    std::vector<Point2> centres(peaks.size());
    for (std::size_t k = 0; k < peaks.size(); ++k) {
        const auto& [v, px, py] = peaks[k];
        double sx = 0, sy = 0, sw = 0;
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx) {
                const int u = px + dx, w = py + dy;
                if (u < 0 || w < 0 || u >= W || w >= H) continue;
                const double weight = std::max(0.0, double(prob.at(u, w)) - 0.5 * threshold);
                sx += weight * u, sy += weight * w, sw += weight;
            }
        centres[k] = {sw > 0 ? sx / sw : px, sw > 0 ? sy / sw : py};
    }
    const PointIndex index(centres);
    std::vector<char> accepted(peaks.size(), 0);
    std::vector<std::pair<std::uint32_t, double>> hits;
    for (std::size_t k = 0; k < peaks.size(); ++k) {
        const double x = centres[k].x, y = centres[k].y;
        index.within(x, y, minDistance, hits, false);
        bool near = false;
        for (const auto& [j, d] : hits) {
            const double ax = centres[j].x, ay = centres[j].y;
            near |= accepted[j] && (ax - x) * (ax - x) + (ay - y) * (ay - y) < minDistance * minDistance;
        }
        if (near) continue;
        accepted[k] = 1;
        Atom a;
        a.x = x, a.y = y, a.confidence = std::get<0>(peaks[k]);
        atoms.add(a);
    }
    return atoms;
}

AtomTable detectAtomsFcn(const Image& image, const FcnModel& model, const FcnDetectParams& params,
                         JobContext& job) {
    FcnTiling tiling;
    tiling.tileSize = params.tileSize;
    const std::vector<Image> maps = model.probabilities(normaliseForFcn(image), tiling, job);
    AtomTable atoms = atomsFromProbability(maps.front(), params.threshold, params.minDistance);
    if (params.refine && !atoms.empty()) {
        const AtomTable centres = atoms;
        refineAtoms(image, atoms, RefineParams{}, job);
        // A fit that wandered off (into a neighbour or the background) keeps the network's centre.
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            const double dx = atoms.xs()[i] - centres.xs()[i], dy = atoms.ys()[i] - centres.ys()[i];
            if ((atoms.flags()[i] & kFlagFitFailed) ||
                dx * dx + dy * dy > params.minDistance * params.minDistance)
                atoms.setPosition(i, centres.xs()[i], centres.ys()[i]);
            atoms.setClass(i, -1, centres.confidences()[i]);
        }
    }
    atoms.setClassNames({"atom"});
    return atoms;
}

AtomTable detectAtomsFcn(const Image& image, const FcnDetectParams& params, JobContext& job) {
    const FcnModel model = FcnModel::load(loadModel(params.model));
    return detectAtomsFcn(image, model, params, job);
}

std::vector<Point2> atomPositions(const AtomTable& atoms) {
    std::vector<Point2> out(atoms.size());
    for (std::size_t i = 0; i < atoms.size(); ++i) out[i] = {atoms.xs()[i], atoms.ys()[i]};
    return out;
}

} // namespace atomlens
