#include "core/training/PipelineGraph.h"

#include "core/detect/DetectionMetrics.h"
#include "core/detect/Detector.h"
#include "core/graph/LatticeGraph.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace atomlens {
namespace {

Point2 ringCentroid(const LatticeGraph& g, std::size_t r) {
    Point2 c;
    const double n = double(g.ringSize(r));
    for (std::uint32_t k = g.ringOffsets[r]; k < g.ringOffsets[r + 1]; ++k)
        c.x += g.x[g.ringNodes[k]] / n, c.y += g.y[g.ringNodes[k]] / n;
    return c;
}

} // namespace

LabelledPipelineGraph labelPipelineGraph(const SubModelRecipe& recipe, const SimulationResult& sim,
                                         JobContext& job) {
    const Image& image = sim.micrograph.frame(0);
    const AtomTable atoms =
        recipe.detect ? recipe.detect(image, job) : detectAtoms(image, DetectParams{}, job);
    LabelledPipelineGraph out;
    out.prepared = prepareGraph(image, atoms, recipe.graphLevel, job);
    const LatticeGraph& graph = out.prepared.graph;
    EgnnInput& input = out.prepared.input;
    std::vector<const TruthColumn*> columns;
    for (const auto& t : sim.truth)
        if (t.frame == 0) columns.push_back(&t);
    if (out.failed()) {
        out.truthItems = out.unmatchedTruth = columns.size(); // nothing found: every column is missed
        return out;
    }
    const double tolerance = 0.3 * graph.bondLength;
    if (!recipe.graphLevel) {
        std::vector<Point2> nodes, truth;
        for (std::size_t i = 0; i < graph.nodeCount(); ++i) nodes.push_back({graph.x[i], graph.y[i]});
        for (const auto* t : columns) truth.push_back({t->x, t->y});
        const PointMatching m = matchPoints(nodes, truth, tolerance);
        for (const auto& [node, t] : m.pairs) input.labels[node] = recipe.label(*columns[t]);
        out.truthItems = truth.size();
        out.unmatchedTruth = m.unmatchedTruth.size(), out.unmatchedItems = m.unmatchedDetected.size();
        return out;
    }
    // Rings: the truth graph's rings (present columns only) against the detected graph's, by centroid.
    std::vector<double> tx, ty;
    for (const auto* t : columns)
        if (t->cls != "empty") tx.push_back(t->x), ty.push_back(t->y);
    const LatticeGraph truthGraph = buildGraph(tx, ty, tx.size());
    std::vector<Point2> found, truth;
    for (std::size_t r = 0; r < graph.ringCount(); ++r) found.push_back(ringCentroid(graph, r));
    for (std::size_t r = 0; r < truthGraph.ringCount(); ++r) truth.push_back(ringCentroid(truthGraph, r));
    const PointMatching m = matchPoints(found, truth, tolerance);
    for (const auto& [ring, t] : m.pairs) input.groupLabels[ring] = truthGraph.ringSize(t) == 6 ? 0 : 1;
    out.truthItems = truth.size();
    out.unmatchedTruth = m.unmatchedTruth.size(), out.unmatchedItems = m.unmatchedDetected.size();
    return out;
}

void augmentImaging(SimulationResult& sim, Random& rng) {
    const double gamma = rng.uniform(0.75, 1.35), gain = rng.uniform(0.5, 2.0), offset = rng.uniform(0, 500);
    const double blur = rng.uniform() < 0.5 ? rng.uniform(0.2, 0.8) : 0.0;
    const bool jpeg = rng.uniform() < 0.35;
    const int quality = 50 + int(rng.below(46));
    for (Image& frame : sim.micrograph.frames) {
        auto& v = frame.pixels();
        if (v.empty()) continue;
        float lo = v[0], hi = v[0];
        for (float p : v)
            if (std::isfinite(p)) lo = std::min(lo, p), hi = std::max(hi, p);
        const double range = std::max(1e-6, double(hi - lo));
        cv::Mat mat(frame.height(), frame.width(), CV_32F, v.data()); // shares the pixels
        for (float& p : v) p = std::isfinite(p) ? float(std::pow((p - lo) / range, gamma)) : 0.0f;
        if (blur > 0) cv::GaussianBlur(mat, mat, cv::Size(0, 0), blur, blur, cv::BORDER_REFLECT);
        if (jpeg) {
            cv::Mat bytes;
            mat.convertTo(bytes, CV_8U, 255.0);
            std::vector<unsigned char> encoded;
            cv::imencode(".jpg", bytes, encoded, {cv::IMWRITE_JPEG_QUALITY, quality});
            cv::imdecode(encoded, cv::IMREAD_GRAYSCALE).convertTo(mat, CV_32F, 1.0 / 255.0);
        }
        for (float& p : v) p = float(offset + gain * range * p);
    }
}

} // namespace atomlens
