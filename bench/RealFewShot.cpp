// Real set "mos2-smov-fewshot": the few-shot journey on real MoS2. 5 labels per class (S, Mo, V) drawn
// from ONE image with a seed, fine-tuned from mos2-species (labels without a node get one), every OTHER
// image classified with the default detection + the model's graph, nodes matched to the hand labels
// within 4 px (Hungarian). Accuracy over all labelled sites (a site without a node is an error) and over
// sites with a node, per-class F1, expected calibration error, the time of the whole fine-tuning; the
// accuracy and vacancy F1 also over the even-numbered test images (where recipes are chosen) and the odd
// ones (held out). Diagnostics: ATOMLENS_BENCH_DUMP=FILE appends one row per labelled site with a node
// and run (train image index, seed, image, truth, prediction, P(V), empty ideal site, distance, x, y,
// node features; train 999 = the untuned model), ATOMLENS_BENCH_NODES=FILE every node of every image,
// ATOMLENS_BENCH_CONTRAST=w the sublattice-contrast weight w (FewShotOptions::sublatticeContrast).
#include "bench/RealBench.h"

#ifdef ATOMLENS_WITH_NN
#include "core/detect/Detector.h"
#include "core/io/MicrographReader.h"
#include "core/job/ThreadPool.h"
#include "core/nn/FewShot.h"
#include "core/nn/LabelPlacement.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>

namespace atomlens::bench {
namespace {

namespace fs = std::filesystem;
const std::vector<std::string> kClasses = {"Mo", "S", "V"};
constexpr double kTolerance = 4.0;

/// One image with its hand labels and its classification-ready graph (default detection).
struct SiteImage {
    LabelledImage files;
    LabelledPoints truth;
    std::vector<int> truthClass; ///< index into kClasses, -1 for anything else
    PreparedGraph prepared;
    std::vector<int> nodeOfSite; ///< per labelled site the matched node, -1 = no node within 4 px
};

int classIndex(const std::string& name) {
    const auto it = std::find(kClasses.begin(), kClasses.end(), name);
    return it == kClasses.end() ? -1 : int(it - kClasses.begin());
}

SiteImage loadImage(const LabelledImage& files, const GraphSettings& settings) {
    PooledJobContext job; // all cores (results do not depend on the thread count)
    SiteImage s;
    s.files = files;
    s.truth = readLabelledPoints(files.labels);
    for (const auto& c : s.truth.classes) s.truthClass.push_back(classIndex(c));
    const Micrograph m = readMicrograph(files.image.string());
    const AtomTable atoms = detectAtoms(m.frame(0), DetectParams{}, job);
    s.prepared = prepareGraph(m.frame(0), atoms, false, job, settings);
    std::vector<Point2> nodes;
    for (std::size_t i = 0; i < s.prepared.graph.nodeCount(); ++i)
        nodes.push_back({s.prepared.graph.x[i], s.prepared.graph.y[i]});
    s.nodeOfSite.assign(s.truth.points.size(), -1);
    for (const auto& [node, site] : matchPoints(nodes, s.truth.points, kTolerance).pairs)
        s.nodeOfSite[site] = int(node);
    if (const char* path = std::getenv("ATOMLENS_BENCH_NODES")) {
        // Diagnostics: every node with its features and matched truth class (-1 = none).
        std::vector<int> truthOfNode(nodes.size(), -1);
        for (std::size_t t = 0; t < s.nodeOfSite.size(); ++t)
            if (s.nodeOfSite[t] >= 0) truthOfNode[std::size_t(s.nodeOfSite[t])] = s.truthClass[t];
        if (FILE* f = std::fopen(path, "a")) {
            const auto& in = s.prepared.input;
            for (std::size_t n = 0; n < nodes.size(); ++n) {
                std::fprintf(f, "%s,%zu,%.2f,%.2f,%d,%d,%.3f", files.image.filename().string().c_str(), n,
                             nodes[n].x, nodes[n].y, s.prepared.graph.isEmptySite(n) ? 1 : 0, truthOfNode[n],
                             s.prepared.graph.bondLength);
                for (int k = 0; k < in.featureCount; ++k)
                    std::fprintf(f, ",%.4f",
                                 double(in.features[n * std::size_t(in.featureCount) + std::size_t(k)]));
                std::fprintf(f, "\n");
            }
            std::fclose(f);
        }
    }
    return s;
}

/// Confusion over labelled sites (row truth, column predicted; column 3 = no node) and calibration data.
struct Tally {
    double counts[3][4] = {};
    CalibrationSet calibration{3, {}, {}};
    void add(const SiteImage& s, const EgnnPrediction& p, const std::vector<int>& classMap) {
        for (std::size_t t = 0; t < s.truthClass.size(); ++t) {
            const int truth = s.truthClass[t];
            if (truth < 0) continue;
            const int node = s.nodeOfSite[t];
            if (node < 0) {
                counts[truth][3] += 1;
                continue;
            }
            const float* row = &p.probabilities[std::size_t(node) * std::size_t(p.classCount)];
            std::vector<float> q(3, 0.0f); // model classes folded onto Mo/S/V
            for (int c = 0; c < p.classCount; ++c)
                if (classMap[std::size_t(c)] >= 0) q[std::size_t(classMap[std::size_t(c)])] += row[c];
            const int best = int(std::max_element(q.begin(), q.end()) - q.begin());
            counts[truth][best] += 1;
            calibration.probabilities.insert(calibration.probabilities.end(), q.begin(), q.end());
            calibration.labels.push_back(truth);
        }
    }
    void print(const char* what) const {
        std::fprintf(stderr, "    %s confusion (rows truth Mo/S/V; columns predicted Mo/S/V/no node):", what);
        for (int t = 0; t < 3; ++t)
            std::fprintf(stderr, " [%g %g %g %g]", counts[t][0], counts[t][1], counts[t][2], counts[t][3]);
        std::fprintf(stderr, "\n");
    }
    double sites(bool withNodeOnly) const {
        double n = 0;
        for (int t = 0; t < 3; ++t)
            for (int c = 0; c < (withNodeOnly ? 3 : 4); ++c) n += counts[t][c];
        return n;
    }
    double accuracy(bool withNodeOnly) const {
        double right = 0;
        for (int t = 0; t < 3; ++t) right += counts[t][t];
        return right / std::max(1.0, sites(withNodeOnly));
    }
    double f1(int c) const {
        double tp = counts[c][c], fp = 0, fn = 0;
        for (int k = 0; k < 4; ++k) fn += k != c ? counts[c][k] : 0;
        for (int t = 0; t < 3; ++t) fp += t != c ? counts[t][c] : 0;
        return tp > 0 ? 2 * tp / (2 * tp + fp + fn) : 0;
    }
};

/// `perClass` labels of each class drawn with `seed` from one image's hand labels.
Labels drawLabels(const SiteImage& s, int perClass, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Labels labels;
    for (int c = 0; c < 3; ++c) {
        std::vector<std::size_t> sites;
        for (std::size_t t = 0; t < s.truthClass.size(); ++t)
            if (s.truthClass[t] == c) sites.push_back(t);
        std::shuffle(sites.begin(), sites.end(), rng);
        for (std::size_t k = 0; k < sites.size() && k < std::size_t(perClass); ++k)
            labels.add(
                {s.truth.points[sites[k]].x, s.truth.points[sites[k]].y, kClasses[std::size_t(c)], -1});
    }
    return labels;
}

/// ATOMLENS_BENCH_DUMP=FILE appends one CSV row per labelled site with a node (diagnostics): the run,
/// image, truth, prediction, P(V), whether the node is an empty ideal site, the node's distance to the
/// site and its features.
void dumpSites(const SiteImage& s, const EgnnPrediction& p, std::size_t train, std::uint64_t seed) {
    const char* path = std::getenv("ATOMLENS_BENCH_DUMP");
    if (!path) return;
    FILE* f = std::fopen(path, "a");
    if (!f) return;
    const auto& g = s.prepared.graph;
    const auto& in = s.prepared.input;
    for (std::size_t t = 0; t < s.truthClass.size(); ++t) {
        const int node = s.nodeOfSite[t];
        if (s.truthClass[t] < 0 || node < 0) continue;
        const auto n = std::size_t(node);
        const float* row = &p.probabilities[n * std::size_t(p.classCount)];
        double pV = row[p.classCount - 1];
        if (p.classCount == 4) pV += row[2]; // mos2-species: S1 + empty
        std::fprintf(f, "%zu,%llu,%s,%d,%d,%.4f,%d,%.2f,%.1f,%.1f", train,
                     static_cast<unsigned long long>(seed), s.files.image.filename().string().c_str(),
                     s.truthClass[t], p.best(n), pV, g.isEmptySite(n) ? 1 : 0,
                     std::hypot(g.x[n] - s.truth.points[t].x, g.y[n] - s.truth.points[t].y), g.x[n], g.y[n]);
        for (int k = 0; k < in.featureCount; ++k)
            std::fprintf(f, ",%.4f", double(in.features[n * std::size_t(in.featureCount) + std::size_t(k)]));
        std::fprintf(f, "\n");
    }
    std::fclose(f);
}

/// Even-numbered image names (04.jpg) are where recipes were chosen; odd ones are held out.
bool evenNumbered(const SiteImage& s) {
    return std::atoi(s.files.image.stem().string().c_str()) % 2 == 0;
}

struct RunResult {
    Tally tally, even, odd;
    double seconds = 0, cvAccuracy = 0, temperature = 1;
    std::size_t used = 0, added = 0, labels = 0;
};

/// Fine-tunes on labels of image `train` (detection + placement + cross-validated fine-tuning timed)
/// and classifies the images in `test`.
RunResult runOnce(const EgnnModel& base, const std::vector<SiteImage>& images, std::size_t train,
                  const std::vector<std::size_t>& test, std::uint64_t seed) {
    PooledJobContext job; // all cores (results do not depend on the thread count)
    RunResult r;
    const Labels labels = drawLabels(images[train], 5, seed);
    const auto t0 = std::chrono::steady_clock::now();
    const Micrograph m = readMicrograph(images[train].files.image.string());
    const AtomTable atoms = detectAtoms(m.frame(0), DetectParams{}, job);
    const PlacedLabels placed =
        placeLabels(m.frame(0), atoms, labels, kClasses, false, base.graphSettings(), job);
    if (std::getenv("ATOMLENS_BENCH_VERBOSE"))
        for (std::size_t i = 0; i < placed.placements.size(); ++i)
            std::fprintf(stderr, "    %s\n", describePlacement(placed.placements[i], i).c_str());
    FewShotOptions options = fewShotDefaults(); // what `atomlens-cli finetune` does
    options.seed = seed;
    // Diagnostics: ATOMLENS_BENCH_CONTRAST=w measures another sublattice-contrast weight.
    if (const char* contrast = std::getenv("ATOMLENS_BENCH_CONTRAST"))
        options.sublatticeContrast = std::atof(contrast);
    const FewShotResult tuned = fineTune(&base, kClasses, {placed.prepared.input}, options, job);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.cvAccuracy = tuned.crossValidatedAccuracy, r.temperature = tuned.temperature;
    r.used = placed.usedCount(), r.added = placed.addedCount(), r.labels = labels.size();
    for (std::size_t i : test) {
        const EgnnPrediction p = tuned.model.predict(images[i].prepared.input);
        r.tally.add(images[i], p, {0, 1, 2});
        (evenNumbered(images[i]) ? r.even : r.odd).add(images[i], p, {0, 1, 2});
        dumpSites(images[i], p, train, seed);
    }
    return r;
}

std::string spread(const std::vector<double>& v) {
    double lo = v[0], hi = v[0], mean = 0;
    for (double x : v) lo = std::min(lo, x), hi = std::max(hi, x), mean += x / double(v.size());
    char s[96];
    std::snprintf(s, sizeof s, "mean of %zu runs; min %.3f, max %.3f", v.size(), lo, hi);
    return s;
}

std::vector<BenchResult> runFewShot(const fs::path& dataDir, bool quick) {
    const std::string name = "mos2-smov-fewshot";
    std::vector<BenchResult> out;
    const auto files = labelledImages(dataDir / "micrographs" / "mos2-smov");
    if (files.size() < 3) {
        std::fprintf(stderr, "  %s: SKIPPED, no labelled images\n", name.c_str());
        out.push_back({"real", name + ": skipped (no data)", 0, "", ""});
        return out;
    }
    const EgnnModel base = EgnnModel::load(loadModel("mos2-species"));
    const std::vector<std::uint64_t> seeds =
        quick ? std::vector<std::uint64_t>{1} : std::vector<std::uint64_t>{1, 2, 3};
    std::vector<SiteImage> images;
    std::size_t count = quick ? std::min<std::size_t>(4, files.size()) : files.size();
    for (std::size_t i = 0; i < count; ++i) images.push_back(loadImage(files[i], base.graphSettings()));
    std::fprintf(stderr, "  %s: %zu images prepared\n", name.c_str(), images.size());
    // Training images: the first and the middle one by name (never chosen by their results).
    const std::vector<std::size_t> trainImages =
        quick ? std::vector<std::size_t>{0} : std::vector<std::size_t>{0, images.size() / 2};

    // Reference: the shipped model untuned (S2 -> S, S1 and empty -> V) on every image.
    Tally untuned;
    std::vector<int> speciesMap;
    for (const auto& c : base.classes()) speciesMap.push_back(c == "Mo" ? 0 : c == "S2" ? 1 : 2);
    for (const auto& s : images) {
        Tally one;
        one.add(s, base.predict(s.prepared.input), speciesMap);
        untuned.add(s, base.predict(s.prepared.input), speciesMap);
        dumpSites(s, base.predict(s.prepared.input), 999, 0);
        if (std::getenv("ATOMLENS_BENCH_VERBOSE")) {
            std::fprintf(stderr, "%s ", s.files.image.filename().string().c_str());
            one.print("untuned");
        }
    }
    untuned.print("untuned");

    std::vector<double> accEven, accOdd, f1VEven, f1VOdd;
    std::vector<double> accAll, accNode, f1Mo, f1S, f1V, ece, eceRaw, seconds;
    for (std::size_t train : trainImages)
        for (std::uint64_t seed : seeds) {
            std::vector<std::size_t> test;
            for (std::size_t i = 0; i < images.size(); ++i)
                if (i != train) test.push_back(i);
            const RunResult r = runOnce(base, images, train, test, seed);
            const double e = expectedCalibrationError(r.tally.calibration, 1);
            // The model's own probabilities: p^(1/T) rescaled by 1/(1/T).
            const double raw = expectedCalibrationError(r.tally.calibration, 1 / r.temperature);
            std::fprintf(stderr,
                         "  %s: labels from %s seed %llu: %zu of %zu labels used (%zu nodes added), "
                         "finetune %.2f s, cv %.3f, T %.2f; %zu images: accuracy all sites %.3f, with a node "
                         "%.3f, F1 Mo %.3f S %.3f V %.3f, ECE %.3f (uncalibrated %.3f)\n",
                         name.c_str(), images[train].files.image.filename().string().c_str(),
                         static_cast<unsigned long long>(seed), r.used, r.labels, r.added, r.seconds,
                         r.cvAccuracy, r.temperature, test.size(), r.tally.accuracy(false),
                         r.tally.accuracy(true), r.tally.f1(0), r.tally.f1(1), r.tally.f1(2), e, raw);
            r.tally.print("fine-tuned");
            std::fprintf(stderr,
                         "    even-numbered test images: accuracy all sites %.4f, F1 V %.3f; odd (held out): "
                         "%.4f, F1 V %.3f\n",
                         r.even.accuracy(false), r.even.f1(2), r.odd.accuracy(false), r.odd.f1(2));
            accEven.push_back(r.even.accuracy(false)), accOdd.push_back(r.odd.accuracy(false));
            f1VEven.push_back(r.even.f1(2)), f1VOdd.push_back(r.odd.f1(2));
            accAll.push_back(r.tally.accuracy(false)), accNode.push_back(r.tally.accuracy(true));
            f1Mo.push_back(r.tally.f1(0)), f1S.push_back(r.tally.f1(1)), f1V.push_back(r.tally.f1(2));
            ece.push_back(e), eceRaw.push_back(raw), seconds.push_back(r.seconds);
        }
    const auto mean = [](const std::vector<double>& v) {
        double m = 0;
        for (double x : v) m += x / double(v.size());
        return m;
    };
    const std::string n = std::to_string(images.size() - 1) + " other images; " + spread(accAll);
    out.push_back({"real", name + " untuned mos2-species accuracy (all sites)", untuned.accuracy(false), "",
                   std::to_string(images.size()) + " images, S2->S, S1/empty->V"});
    out.push_back({"real", name + " untuned mos2-species accuracy (sites with a node)",
                   untuned.accuracy(true), "", ""});
    out.push_back({"real", name + " untuned mos2-species F1 V", untuned.f1(2), "F1", ""});
    out.push_back(
        {"real", name + " accuracy over all labelled sites", mean(accAll), "", n + "; target >= 0.98"});
    out.push_back({"real", name + " accuracy over sites with a node", mean(accNode), "", spread(accNode)});
    out.push_back({"real", name + " F1 Mo", mean(f1Mo), "F1", spread(f1Mo)});
    out.push_back({"real", name + " F1 S", mean(f1S), "F1", spread(f1S)});
    out.push_back({"real", name + " F1 V (vacancy)", mean(f1V), "F1", spread(f1V) + "; target >= 0.85"});
    out.push_back({"real", name + " accuracy over all labelled sites, even-numbered images", mean(accEven),
                   "", spread(accEven) + "; where recipes were chosen"});
    out.push_back({"real", name + " accuracy over all labelled sites, odd-numbered images", mean(accOdd), "",
                   spread(accOdd) + "; held out"});
    out.push_back({"real", name + " F1 V, even-numbered images", mean(f1VEven), "F1", spread(f1VEven)});
    out.push_back(
        {"real", name + " F1 V, odd-numbered images", mean(f1VOdd), "F1", spread(f1VOdd) + "; held out"});
    out.push_back({"real", name + " expected calibration error (calibrated)", mean(ece), "",
                   spread(ece) + "; sites with a node, 10 bins"});
    out.push_back({"real", name + " expected calibration error (uncalibrated, T = 1)", mean(eceRaw), "",
                   spread(eceRaw)});
    out.push_back({"real", name + " whole fine-tuning (detect, graph, labels, CV, fit)", mean(seconds), "s",
                   spread(seconds) + "; target < 10 s on 2 cores"});
    return out;
}

const bool registered = [] {
    registerRealSet({"mos2-smov-fewshot",
                     "5 labels per class from one real MoS2 image, fine-tuned from mos2-species, all other "
                     "images classified (4 px)",
                     runFewShot});
    return true;
}();

} // namespace
} // namespace atomlens::bench
#endif
