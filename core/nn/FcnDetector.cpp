#include "core/nn/FcnDetector.h"

#include "core/detect/RefineGaussian.h"
#include "core/nn/FcnScenes.h"

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
    // Suppression of weaker peaks near stronger ones, via a coarse grid of accepted centres.
    const double cell = std::max(1.0, minDistance);
    const int gw = int(W / cell) + 2, gh = int(H / cell) + 2;
    std::vector<std::vector<std::pair<double, double>>> grid(std::size_t(gw) * std::size_t(gh));
    for (const auto& [v, px, py] : peaks) {
        double sx = 0, sy = 0, sw = 0;
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx) {
                const int u = px + dx, w = py + dy;
                if (u < 0 || w < 0 || u >= W || w >= H) continue;
                const double weight = std::max(0.0, double(prob.at(u, w)) - 0.5 * threshold);
                sx += weight * u, sy += weight * w, sw += weight;
            }
        const double x = sw > 0 ? sx / sw : px, y = sw > 0 ? sy / sw : py;
        const int gx = int(x / cell) + 1, gy = int(y / cell) + 1;
        bool near = false;
        for (int j = gy - 1; j <= gy + 1 && !near; ++j)
            for (int i = gx - 1; i <= gx + 1 && !near; ++i) {
                if (i < 0 || j < 0 || i >= gw || j >= gh) continue;
                for (const auto& [ax, ay] : grid[std::size_t(j) * std::size_t(gw) + std::size_t(i)])
                    if ((ax - x) * (ax - x) + (ay - y) * (ay - y) < minDistance * minDistance) near = true;
            }
        if (near) continue;
        grid[std::size_t(gy) * std::size_t(gw) + std::size_t(gx)].emplace_back(x, y);
        Atom a;
        a.x = x, a.y = y, a.confidence = v;
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
