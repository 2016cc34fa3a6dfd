// Real sets for detection and lattice completeness: single Pt and Re atoms (3 px), MoS2 (4 px).
#include "bench/RealBench.h"

#include "core/detect/DetectionOverlay.h"
#include "core/detect/Detector.h"
#include "core/graph/IdealLattice.h"
#include "core/io/MicrographReader.h"
#include "core/job/ThreadPool.h"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace atomlens::bench {
namespace {

namespace fs = std::filesystem;

std::vector<Point2> pointsOf(const std::vector<double>& x, const std::vector<double>& y, std::size_t n) {
    std::vector<Point2> p(n);
    for (std::size_t i = 0; i < n; ++i) p[i] = {x[i], y[i]};
    return p;
}

/// Folder for diagnostic overlays ($ATOMLENS_BENCH_OVERLAYS), empty when not asked for.
fs::path overlayDir() {
    const char* dir = std::getenv("ATOMLENS_BENCH_OVERLAYS");
    if (!dir || !*dir) return {};
    std::error_code ec;
    fs::create_directories(dir, ec);
    return dir;
}

/// Overlay at twice the size: atoms green, empty sites cyan, labels without a node as crosses (Mo red,
/// S yellow, V or unclassed magenta), nodes at no label as blue circles.
void writeDiagnosticOverlay(const Image& image, const AtomTable& atoms, const std::vector<Point2>& emptySites,
                            const LabelledPoints& truth, const std::vector<char>& labelFound,
                            const std::vector<char>& nodeMatched, const fs::path& file) {
    std::vector<OverlayMark> marks;
    for (const auto& s : emptySites) marks.push_back({s.x, s.y, 2.5, 255, 255, 0, false});
    for (std::size_t t = 0; t < truth.points.size(); ++t) {
        if (labelFound[t]) continue;
        const std::string& c = truth.classes[t];
        OverlayMark m{truth.points[t].x, truth.points[t].y, 2.5, 255, 0, 255, true};
        if (c == "Mo") m.b = 0, m.g = 0, m.r = 255;
        if (c == "S") m.b = 0, m.g = 255, m.r = 255;
        marks.push_back(m);
    }
    const std::size_t n = atoms.size();
    for (std::size_t i = 0; i < nodeMatched.size(); ++i)
        if (!nodeMatched[i]) {
            const Point2 p = i < n ? Point2{atoms.xs()[i], atoms.ys()[i]} : emptySites[i - n];
            marks.push_back({p.x, p.y, 4.5, 255, 80, 0, false});
        }
    OverlayStyle style;
    style.upscale = 2;
    style.radius = 2;
    writeDetectionOverlay(image, atoms, file.string(), style, marks);
}

/// The default detector on frame 0 of a file (what `atomlens-cli detect IMAGE` does).
AtomTable detectDefault(const fs::path& file, double& seconds, const std::string& method = "",
                        DetectScales* scales = nullptr) {
    PooledJobContext job; // all cores (results do not depend on the thread count)
    const Micrograph m = readMicrograph(file.string());
    const auto t0 = std::chrono::steady_clock::now();
    DetectParams params;
    if (!method.empty()) params.method = method;
    // ATOMLENS_BENCH_MODEL=NAME: the default run as `detect --model NAME` (a trained or fine-tuned FCN).
    if (const char* model = std::getenv("ATOMLENS_BENCH_MODEL"); model && *model && method.empty())
        params.model = model;
    AtomTable atoms = detectAtoms(m.frame(0), params, job, scales);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return atoms;
}

std::vector<BenchResult> runSingleAtoms(const std::string& name, const fs::path& folder, bool quick,
                                        const std::string& note) {
    std::vector<BenchResult> out;
    auto images = labelledImages(folder);
    if (images.empty()) {
        std::fprintf(stderr, "  %s: SKIPPED, no labelled images in %s\n", name.c_str(),
                     folder.string().c_str());
        out.push_back({"real", name + ": skipped (no data)", 0, "", folder.string()});
        return out;
    }
    if (quick && images.size() > 2) images.resize(2);
    DetectionTally tally, classical, fcn, tuned, heldOut, classicalHeldOut;
    double seconds = 0, other = 0;
    std::string defaultDetector; // what method auto chose on these images
    // ATOMLENS_BENCH_NO_FORCED=1 skips the informative forced-method runs (faster while tuning).
    const bool informative = !std::getenv("ATOMLENS_BENCH_NO_FORCED");
    const bool withFcn = hasDetector("fcn") && informative;
    for (std::size_t index = 0; index < images.size(); ++index) {
        const auto& li = images[index];
        const LabelledPoints truth = readLabelledPoints(li.labels);
        // Informative: each method forced, to show what the default's choice gains or loses.
        for (const char* method : {"classical", "fcn"}) {
            if (!informative || (std::string(method) == "fcn" && !withFcn)) continue;
            const AtomTable forced = detectDefault(li.image, other, method);
            const auto pts = pointsOf(forced.xs(), forced.ys(), forced.size());
            const DetectionScore forcedScore =
                scoreMatching(matchPoints(pts, truth.points, 3.0), pts, truth.points);
            (std::string(method) == "fcn" ? fcn : classical).add(forcedScore);
            if (std::string(method) == "classical" && index % 2 == 1) classicalHeldOut.add(forcedScore);
        }
        DetectScales scales;
        const AtomTable atoms = detectDefault(li.image, seconds, "", &scales);
        // Which detector the default chose (the method, and the network when it ran one).
        const std::string reason = scales.reason;
        const auto quote = reason.find("network '");
        const std::string chosen =
            scales.method + (quote == std::string::npos
                                 ? ""
                                 : " " + reason.substr(quote + 9, reason.find('\'', quote + 9) - quote - 9));
        if (defaultDetector.find(chosen) == std::string::npos)
            defaultDetector += (defaultDetector.empty() ? "" : ", ") + chosen;
        const auto det = pointsOf(atoms.xs(), atoms.ys(), atoms.size());
        const PointMatching match = matchPoints(det, truth.points, 3.0);
        const auto score = scoreMatching(match, det, truth.points);
        tally.add(score);
        // Single-atom parameters are chosen on the even positions (0, 2, ...) of each set's sorted image
        // list; the odd positions are held out (similar unseen images are scored later).
        (index % 2 == 0 ? tuned : heldOut).add(score);
        if (const fs::path dir = overlayDir(); !dir.empty()) {
            std::vector<char> found(truth.points.size(), 0), matched(det.size(), 0);
            for (const auto& [d, t] : match.pairs) found[t] = 1, matched[d] = 1;
            writeDiagnosticOverlay(readMicrograph(li.image.string()).frame(0), atoms, {}, truth, found,
                                   matched, dir / (name + "-" + li.image.stem().string() + ".png"));
        }
        std::fprintf(stderr, "  %s %s%s: %zu labels, %zu detected, P %.3f R %.3f F1 %.3f\n", name.c_str(),
                     li.image.filename().string().c_str(), index % 2 ? " (held out)" : "",
                     truth.points.size(), atoms.size(), score.precision, score.recall, score.f1);
    }
    const std::string n = std::to_string(images.size()) + " images";
    out.push_back({"real", name + " precision (3 px)", tally.precision(), "", n});
    out.push_back({"real", name + " recall (3 px)", tally.recall(), "", n});
    out.push_back({"real", name + " F1 (3 px)", tally.f1(), "F1",
                   n + "; " + note + "; default detector " + defaultDetector});
    out.push_back(
        {"real", name + " F1, even positions (3 px)", tuned.f1(), "F1", "parameters are chosen on these"});
    out.push_back({"real", name + " F1, odd positions (3 px, held out)", heldOut.f1(), "F1",
                   "P " + std::to_string(heldOut.precision()).substr(0, 5) + " R " +
                       std::to_string(heldOut.recall()).substr(0, 5)});
    out.push_back({"real", name + " detection time per image", seconds / double(images.size()), "s",
                   "default detector"});
    if (informative)
        out.push_back(
            {"real", name + " F1 with method classical (3 px)", classical.f1(), "F1", "informative"});
    if (informative)
        out.push_back({"real", name + " F1 with method classical, odd positions (3 px, held out)",
                       classicalHeldOut.f1(), "F1", "informative"});
    if (withFcn) out.push_back({"real", name + " F1 with method fcn (3 px)", fcn.f1(), "F1", "informative"});
    return out;
}

std::vector<BenchResult> runMos2(const fs::path& dataDir, bool quick) {
    PooledJobContext job; // all cores (results do not depend on the thread count)
    const std::string name = "mos2-smov";
    std::vector<BenchResult> out;
    auto images = labelledImages(dataDir / "micrographs" / name);
    if (images.empty()) {
        std::fprintf(stderr, "  %s: SKIPPED, no labelled images\n", name.c_str());
        out.push_back({"real", name + ": skipped (no data)", 0, "", ""});
        return out;
    }
    if (quick && images.size() > 2) images.resize(2);
    const double tol = 4.0;
    DetectionTally atomsVsColumns, nodes, nodesOdd, nodesEven;
    std::size_t vOdd = 0, vOddFound = 0, vEven = 0, vEvenFound = 0;
    std::map<std::string, std::pair<std::size_t, std::size_t>> perClass; // class -> (with node, total)
    double seconds = 0;
    for (const auto& li : images) {
        const LabelledPoints truth = readLabelledPoints(li.labels);
        const Micrograph m = readMicrograph(li.image.string());
        const auto t0 = std::chrono::steady_clock::now();
        const AtomTable atoms = detectAtoms(m.frame(0), DetectParams{}, job);
        LatticeParams lattice;
        lattice.imageWidth = m.width(), lattice.imageHeight = m.height();
        const LatticeGraph graph = buildLatticeGraph(atoms, GraphParams{}, lattice);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        // Detection: atoms against the labelled columns (Mo, S); a detection on a V label is neither.
        const auto det = pointsOf(atoms.xs(), atoms.ys(), atoms.size());
        const auto byClass = scoreByClass(det, truth.points, truth.classes, tol, {"V"});
        atomsVsColumns.add(byClass.at("all"));
        // Completeness: every graph node (atoms and empty ideal sites) against every labelled site.
        const auto nodePts = pointsOf(graph.x, graph.y, graph.nodeCount());
        const PointMatching match = matchPoints(nodePts, truth.points, tol);
        const auto score = scoreMatching(match, nodePts, truth.points);
        nodes.add(score);
        // Thresholds of the lattice search were chosen on even-numbered images: odd ones are held out.
        const std::string stem = li.image.stem().string();
        const bool odd = !stem.empty() && std::isdigit(static_cast<unsigned char>(stem.back())) &&
                         (stem.back() - '0') % 2 == 1;
        (odd ? nodesOdd : nodesEven).add(score);
        std::vector<char> found(truth.points.size(), 0);
        std::vector<char> matched(nodePts.size(), 0);
        for (const auto& [d, t] : match.pairs) found[t] = 1, matched[d] = 1;
        if (const fs::path dir = overlayDir(); !dir.empty()) {
            const fs::path csv = dir / (name + "-" + li.image.stem().string() + "-nodes.csv");
            if (FILE* f = std::fopen(csv.string().c_str(), "w")) {
                std::fprintf(f, "x,y,empty,fit_failed,ideal_x,ideal_y,sublattice\n");
                for (std::size_t i = 0; i < nodePts.size(); ++i)
                    std::fprintf(f, "%.2f,%.2f,%d,%d,%.2f,%.2f,%d\n", nodePts[i].x, nodePts[i].y,
                                 int(i >= atoms.size()),
                                 int(i < atoms.size() && (atoms.flags()[i] & kFlagFitFailed)),
                                 i < graph.idealX.size() ? double(graph.idealX[i]) : nodePts[i].x,
                                 i < graph.idealY.size() ? double(graph.idealY[i]) : nodePts[i].y,
                                 i < graph.sublattice.size() ? int(graph.sublattice[i]) : -1);
                std::fclose(f);
            }
        }
        if (const fs::path dir = overlayDir(); !dir.empty())
            writeDiagnosticOverlay(
                m.frame(0), atoms,
                std::vector<Point2>(nodePts.begin() + std::ptrdiff_t(atoms.size()), nodePts.end()), truth,
                found, matched, dir / (name + "-" + li.image.stem().string() + ".png"));
        for (std::size_t t = 0; t < truth.points.size(); ++t) {
            auto& c = perClass[truth.classes[t]];
            c.first += std::size_t(found[t]);
            ++c.second;
            if (truth.classes[t] == "V") {
                (odd ? vOdd : vEven) += 1;
                (odd ? vOddFound : vEvenFound) += std::size_t(found[t]);
            }
        }
        std::fprintf(stderr, "  %s %s: %zu labels, %zu atoms + %zu empty sites, sites with a node %.3f\n",
                     name.c_str(), li.image.filename().string().c_str(), truth.points.size(), atoms.size(),
                     graph.nodeCount() - graph.atomCount, score.recall);
    }
    const std::string n = std::to_string(images.size()) + " images";
    out.push_back({"real", name + " detection precision (Mo+S, 4 px)", atomsVsColumns.precision(), "", n});
    out.push_back({"real", name + " detection recall (Mo+S, 4 px)", atomsVsColumns.recall(), "", n});
    out.push_back({"real", name + " detection F1 (Mo+S, 4 px)", atomsVsColumns.f1(), "F1", n});
    out.push_back(
        {"real", name + " labelled sites with a node (4 px)", nodes.recall(), "", "target >= 0.99"});
    out.push_back(
        {"real", name + " nodes at a labelled site (4 px)", nodes.precision(), "", "target >= 0.99"});
    out.push_back({"real", name + " sites with a node, odd-numbered images (held out)", nodesOdd.recall(), "",
                   "lattice-search thresholds chosen on even-numbered images"});
    out.push_back({"real", name + " nodes at a labelled site, odd-numbered images (held out)",
                   nodesOdd.precision(), "", ""});
    out.push_back({"real", name + " recall of class V, odd-numbered images (held out)",
                   vOdd ? double(vOddFound) / double(vOdd) : 0, "", std::to_string(vOdd) + " sites"});
    out.push_back(
        {"real", name + " sites with a node, even-numbered images (tuning)", nodesEven.recall(), "", ""});
    out.push_back({"real", name + " nodes at a labelled site, even-numbered images (tuning)",
                   nodesEven.precision(), "", ""});
    out.push_back({"real", name + " recall of class V, even-numbered images (tuning)",
                   vEven ? double(vEvenFound) / double(vEven) : 0, "", std::to_string(vEven) + " sites"});
    for (const auto& [cls, c] : perClass)
        out.push_back({"real", name + " recall of class " + cls,
                       c.second ? double(c.first) / double(c.second) : 0, "",
                       std::to_string(c.second) + " sites" + (cls == "V" ? "; target >= 0.97" : "")});
    out.push_back(
        {"real", name + " detection + graph time per image", seconds / double(images.size()), "s", ""});
    return out;
}

const bool registered = [] {
    registerRealSet(
        {"mos2-smov", "46 real MoS2 JPEGs, Mo/S/V hand labels: detection and lattice completeness", runMos2});
    registerRealSet({"pt-single-atoms", "single Pt atoms on carbon, hand labels (scatter ~2 px)",
                     [](const fs::path& d, bool quick) {
                         return runSingleAtoms("pt-single-atoms", d / "micrographs" / "pt-single-atoms",
                                               quick, "target >= 0.80");
                     }});
    registerRealSet(
        {"re-single-atoms", "single Re atoms on a support, hand labels", [](const fs::path& d, bool quick) {
             return runSingleAtoms("re-single-atoms", d / "micrographs" / "re-single-atoms", quick,
                                   "target >= 0.95");
         }});
    return true;
}();

} // namespace
} // namespace atomlens::bench
