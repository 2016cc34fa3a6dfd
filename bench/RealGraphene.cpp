// Real set "graphene-si": 58 real graphene crops centred on one Si (Si1C3_NNN = 3-fold, Si1C4_NNN =
// 4-fold) with the Si and its C neighbours labelled. Per crop the default pipeline (detectAtoms, the
// graphene dopant analysis, and the graphene-si model where LibTorch is linked); reported for the crops
// with even NNN (where parameters were chosen), odd NNN (held out) and all.
#include "bench/RealBench.h"

#include "core/analysis/GrapheneDopants.h"
#include "core/base/Random.h"
#include "core/detect/BandPass.h"
#include "core/detect/DetectionOverlay.h"
#include "core/detect/Detector.h"
#include "core/io/MicrographReader.h"
#include "core/job/ThreadPool.h"
#include "core/simulate/Simulator.h"
#ifdef ATOMLENS_WITH_NN
#include "core/nn/Classification.h"
#include "core/nn/FewShot.h"
#include "core/nn/ModelCard.h"
#endif

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

namespace atomlens::bench {
namespace {

namespace fs = std::filesystem;

struct Tally {
    std::size_t crops = 0, siFound = 0, right3 = 0, total3 = 0, right4 = 0, total4 = 0;
    std::size_t cLabels = 0, cFound = 0;
    std::size_t modelCompared = 0, modelAgrees = 0, modelRight = 0;
};

/// Diagnostic overlay ($ATOMLENS_BENCH_OVERLAYS/graphene-<stem>.png: +-3.5 bonds around the labelled Si,
/// enlarged to about 400 px, smoothed by $ATOMLENS_BENCH_OVERLAY_SMOOTH bonds when set): nodes green, the
/// found dopant's bonded neighbours blue circles, the labelled Si a red cross, labelled C yellow crosses
/// (magenta when no node is within 3 px).
void writeGrapheneOverlay(const Image& image, const GrapheneAnalysis& a, const GrapheneDopant* found,
                          const Point2& si, const std::vector<Point2>& carbons, const std::string& stem) {
    const char* dir = std::getenv("ATOMLENS_BENCH_OVERLAYS");
    if (!dir || !*dir) return;
    std::error_code ec;
    fs::create_directories(dir, ec);
    // A window of +-3.5 bonds around the labelled Si, drawn about 400 px wide.
    const int half = int(std::ceil(3.5 * std::max(a.bondLength, 4.0)));
    const int x0 = std::clamp(int(si.x) - half, 0, image.width() - 1),
              y0 = std::clamp(int(si.y) - half, 0, image.height() - 1);
    const int x1 = std::clamp(int(si.x) + half, 0, image.width() - 1),
              y1 = std::clamp(int(si.y) + half, 0, image.height() - 1);
    Image window(x1 - x0 + 1, y1 - y0 + 1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) window.at(x - x0, y - y0) = image.at(x, y);
    if (const char* s = std::getenv("ATOMLENS_BENCH_OVERLAY_SMOOTH"); s && *s) // sigma in bonds
        window = gaussianBlur(window, std::atof(s) * a.bondLength);
    AtomTable atoms = a.atoms;
    for (std::size_t i = 0; i < atoms.size(); ++i)
        atoms.setPosition(i, atoms.xs()[i] - x0, atoms.ys()[i] - y0);
    std::vector<OverlayMark> marks;
    if (found)
        for (std::size_t j : found->bonded) marks.push_back({atoms.xs()[j], atoms.ys()[j], 3.5, 255, 80, 0});
    marks.push_back({si.x - x0, si.y - y0, 2.5, 0, 0, 255, true});
    for (const auto& c : carbons) {
        double best = 1e9;
        for (std::size_t i = 0; i < a.atoms.size(); ++i)
            best = std::min(best, std::hypot(a.atoms.xs()[i] - c.x, a.atoms.ys()[i] - c.y));
        OverlayMark mark{c.x - x0, c.y - y0, 2.5, 0, 255, 255, true}; // yellow
        if (best > 3.0) mark.g = 0, mark.b = 255;                     // magenta
        marks.push_back(mark);
    }
    OverlayStyle style;
    style.upscale = std::max(2.0, 400.0 / window.width()), style.radius = 1.5;
    writeDetectionOverlay(window, atoms, (fs::path(dir) / ("graphene-" + stem + ".png")).string(), style,
                          marks);
}

/// The crop's number (NNN of Si1C3_NNN) and its true coordination (3 or 4); 0 when the name differs.
int coordinationOf(const std::string& stem, int& number) {
    if (stem.size() < 7 || stem.compare(0, 4, "Si1C") != 0 || (stem[4] != '3' && stem[4] != '4')) return 0;
    number = std::atoi(stem.c_str() + 6);
    return stem[4] - '0';
}

void report(std::vector<BenchResult>& out, const std::string& part, const Tally& t) {
    const auto frac = [](std::size_t a, std::size_t b) { return b ? double(a) / double(b) : 0.0; };
    const std::string n = std::to_string(t.crops) + " crops";
    const std::string p = "graphene-si " + part + ": ";
    out.push_back({"real", p + "Si found (3 px)", frac(t.siFound, t.crops), "", n + "; target >= 0.98"});
    out.push_back(
        {"real", p + "3-fold right", frac(t.right3, t.total3), "", std::to_string(t.total3) + " Si3"});
    out.push_back(
        {"real", p + "4-fold right", frac(t.right4, t.total4), "", std::to_string(t.total4) + " Si4"});
    out.push_back({"real", p + "coordination right (both classes)",
                   frac(t.right3 + t.right4, t.total3 + t.total4), "", "target >= 0.95"});
    out.push_back({"real", p + "labelled C neighbours with a node (3 px)", frac(t.cFound, t.cLabels), "",
                   std::to_string(t.cLabels) + " labels; target >= 0.98"});
    if (t.modelCompared) {
        out.push_back({"real", p + "graphene-si model agrees with the graph rule",
                       frac(t.modelAgrees, t.modelCompared), "",
                       std::to_string(t.modelCompared) + " dopants found"});
        out.push_back({"real", p + "graphene-si model coordination right",
                       frac(t.modelRight, t.total3 + t.total4), "", ""});
    }
}

/// Per-class counts of dopant classifications against simulated truth.
struct ClassCounts {
    std::map<std::string, std::size_t> tp, fp, fn;
    double f1(const std::string& c) const {
        const auto get = [](const std::map<std::string, std::size_t>& m, const std::string& k) {
            const auto it = m.find(k);
            return it == m.end() ? 0.0 : double(it->second);
        };
        const double t = get(tp, c), p = t + get(fp, c), r = t + get(fn, c);
        return p > 0 && r > 0 && t > 0 ? 2 * t / (p + r) : 0.0;
    }
};

/// Scores predicted dopants (position, class) against the truth Si of frame 0, both at least 1.5 bonds
/// inside the image; a prediction within 0.4 bonds of a truth Si is matched to it.
void scoreDopants(ClassCounts& counts, const std::vector<Point2>& pos, const std::vector<std::string>& cls,
                  const std::vector<TruthColumn>& truth, double bond, int w, int h) {
    const auto inside = [&](double x, double y) {
        const double m = 1.5 * bond;
        return x >= m && y >= m && x <= w - 1 - m && y <= h - 1 - m;
    };
    std::vector<const TruthColumn*> si;
    for (const auto& t : truth)
        if (t.frame == 0 && (t.cls == "Si3" || t.cls == "Si4") && inside(t.x, t.y)) si.push_back(&t);
    std::vector<char> used(si.size(), 0);
    for (std::size_t k = 0; k < pos.size(); ++k) {
        if (!inside(pos[k].x, pos[k].y)) continue;
        std::size_t best = si.size();
        for (std::size_t j = 0; j < si.size(); ++j)
            if (!used[j] && std::hypot(si[j]->x - pos[k].x, si[j]->y - pos[k].y) < 0.4 * bond &&
                (best == si.size() || std::hypot(si[j]->x - pos[k].x, si[j]->y - pos[k].y) <
                                          std::hypot(si[best]->x - pos[k].x, si[best]->y - pos[k].y)))
                best = j;
        if (best < si.size()) {
            used[best] = 1;
            if (si[best]->cls == cls[k]) {
                ++counts.tp[cls[k]];
                continue;
            }
            ++counts.fn[si[best]->cls];
        }
        ++counts.fp[cls[k]];
    }
    for (std::size_t j = 0; j < si.size(); ++j)
        if (!used[j]) ++counts.fn[si[j]->cls];
}

/// The same analysis on simulated graphene like the real crops (held-out seeds 90000+): 256 px, 0.075-0.16
/// A/px, 3e5-3e6 e/A^2, relaxed Si neighbours, amorphous carbon on half of the images.
void runSimulated(std::vector<BenchResult>& out, bool quick) {
    const int images = quick ? 2 : 24;
    ClassCounts rule, net;
    std::size_t neighbours = 0, near15 = 0, near25 = 0;
#ifdef ATOMLENS_WITH_NN
    std::optional<EgnnModel> model;
    try {
        model.emplace(EgnnModel::load(loadModel("graphene-si")));
    } catch (const std::exception&) {
    }
#endif
    for (int i = 0; i < images; ++i) {
        Random rng(90000 + std::uint64_t(i));
        SimulationParams p;
        p.preset = "graphene-si", p.width = p.height = 256, p.seed = 90000 + std::uint64_t(i);
        p.pixelSize = rng.uniform(0.075, 0.16), p.dose = std::pow(10.0, rng.uniform(5.5, 6.5));
        p.siThreeFold = 3 + int(rng.below(6)), p.siFourFold = 3 + int(rng.below(6));
        p.siRelaxed = true, p.contamination = rng.uniform() < 0.5 ? rng.uniform(0.0, 0.3) : 0.0;
        const SimulationResult sim = simulate(p);
        const Image& image = sim.micrograph.frame(0);
        const GrapheneAnalysis a = analyseGrapheneImage(image);
        const double bond = 1.42 / sim.pixelSize;
        std::vector<Point2> pos;
        std::vector<std::string> cls;
        for (const auto& d : a.dopants) pos.push_back({d.x, d.y}), cls.push_back(d.cls);
        scoreDopants(rule, pos, cls, sim.truth, bond, image.width(), image.height());
        // The truth C neighbours (within 1.5 bonds) of each Si 2 bonds inside: a node within 0.15 bonds
        // (3 px at 19 px per bond, the real set's tolerance) and within 0.25 bonds.
        for (const auto& t : sim.truth) {
            const double m2 = 2 * bond;
            if (t.frame != 0 || (t.cls != "Si3" && t.cls != "Si4") || t.x < m2 || t.y < m2 ||
                t.x > image.width() - 1 - m2 || t.y > image.height() - 1 - m2)
                continue;
            for (const auto& c : sim.truth) {
                if (c.frame != 0 || c.cls != "C" || std::hypot(c.x - t.x, c.y - t.y) > 1.5 * bond) continue;
                double best = 1e9;
                for (std::size_t k = 0; k < a.atoms.size(); ++k)
                    best = std::min(best, std::hypot(a.atoms.xs()[k] - c.x, a.atoms.ys()[k] - c.y));
                ++neighbours, near15 += best <= 0.15 * bond, near25 += best <= 0.25 * bond;
            }
        }
#ifdef ATOMLENS_WITH_NN
        if (model) {
            AtomTable plain = a.atoms;
            for (std::size_t k = 0; k < plain.size(); ++k) plain.setClass(k, -1, 0);
            const PreparedGraph prepared = prepareGraph(image, plain, model->architecture().graphLevel);
            const AtomTable nodes = classifyNodes(prepared, *model);
            std::vector<Point2> mp;
            std::vector<std::string> mc;
            for (std::size_t k = 0; k < nodes.size(); ++k) {
                const std::string c = nodes.classIds()[k] >= 0 ? nodes.className(nodes.classIds()[k]) : "";
                if (c == "Si3" || c == "Si4") mp.push_back({nodes.xs()[k], nodes.ys()[k]}), mc.push_back(c);
            }
            scoreDopants(net, mp, mc, sim.truth, bond, image.width(), image.height());
        }
#endif
    }
    const std::string n = std::to_string(images) + " simulated images (seeds 90000+)";
    const auto counts = [](const ClassCounts& k, const std::string& c) {
        const auto get = [](const std::map<std::string, std::size_t>& m, const std::string& key) {
            const auto it = m.find(key);
            return it == m.end() ? std::size_t(0) : it->second;
        };
        return "TP " + std::to_string(get(k.tp, c)) + " FP " + std::to_string(get(k.fp, c)) + " FN " +
               std::to_string(get(k.fn, c));
    };
    out.push_back({"real", "graphene-si simulated: truth C neighbours of a Si with a node within 0.15 bonds",
                   neighbours ? double(near15) / double(neighbours) : 0.0, "",
                   std::to_string(neighbours) + " neighbours; within 0.25 bonds " +
                       std::to_string(neighbours ? double(near25) / double(neighbours) : 0.0)});
    for (const char* c : {"Si3", "Si4"})
        out.push_back({"real", std::string("graphene-si simulated: graph rule F1 ") + c, rule.f1(c), "F1",
                       n + "; " + counts(rule, c) + "; target >= 0.95"});
#ifdef ATOMLENS_WITH_NN
    if (model)
        for (const char* c : {"Si3", "Si4"})
            out.push_back({"real", std::string("graphene-si simulated: model F1 ") + c, net.f1(c), "F1",
                           n + "; " + counts(net, c) + "; target >= 0.95"});
#endif
}

#ifdef ATOMLENS_WITH_NN
/// One real crop ready for few-shot fine-tuning: its prepared graph with the user-like labels.
struct FewShotCrop {
    std::string stem, truth;
    std::size_t dopantRow = 0;
    PreparedGraph prepared;
};

/// Few-shot fine-tuning on real crops: the first 5 crops (by name) of each class give the labels (the Si
/// and its labelled C neighbours), the model is fine-tuned from the shipped one, and the coordination of
/// the Si in every other crop is scored, before and after.
void fewShot(std::vector<BenchResult>& out, const EgnnModel& base, const std::vector<FewShotCrop>& crops) {
    PooledJobContext job; // all cores (results do not depend on the thread count)
    std::vector<EgnnInput> labelled;
    std::map<std::string, int> taken;
    std::vector<const FewShotCrop*> test;
    std::string used;
    for (const auto& c : crops) {
        if (taken[c.truth] < 5) {
            ++taken[c.truth];
            labelled.push_back(c.prepared.input);
            used += (used.empty() ? "" : " ") + c.stem;
        } else {
            test.push_back(&c);
        }
    }
    if (taken["Si3"] < 5 || taken["Si4"] < 5 || test.empty()) return;
    // What `atomlens-cli finetune` and the GUI do (fewShotDefaults: one step, feature alignment, image
    // priors, calibration); this bench used FewShotOptions{} (120 steps) before, which no user path runs.
    const FewShotOptions o = fewShotDefaults();
    const FewShotResult r = fineTune(&base, base.classes(), labelled, o, job);
    std::size_t before = 0, after = 0;
    std::map<std::string, std::pair<std::size_t, std::size_t>> perClass; // truth -> (right after, total)
    for (const auto* c : test) {
        const auto cls = [&](const EgnnModel& m) {
            const AtomTable nodes = classifyNodes(c->prepared, m);
            return nodes.className(nodes.classIds()[c->dopantRow]);
        };
        before += cls(base) == c->truth;
        const bool right = cls(r.model) == c->truth;
        after += right;
        perClass[c->truth].first += right, ++perClass[c->truth].second;
    }
    const std::string n = std::to_string(test.size()) + " other crops; labels from " + used;
    out.push_back({"real", "graphene-si few-shot: model coordination right before",
                   double(before) / double(test.size()), "", n});
    out.push_back({"real", "graphene-si few-shot: model coordination right after 5+5 labelled crops",
                   double(after) / double(test.size()), "",
                   "Si3 " + std::to_string(perClass["Si3"].first) + "/" +
                       std::to_string(perClass["Si3"].second) + ", Si4 " +
                       std::to_string(perClass["Si4"].first) + "/" + std::to_string(perClass["Si4"].second) +
                       "; " + std::to_string(r.trainSeconds) + " s; " +
                       (r.keptBase ? "base model kept" : "fine-tuned model used") + " (folds " +
                       std::to_string(r.crossValidatedAccuracy).substr(0, 5) + ", base " +
                       std::to_string(r.baseAccuracy).substr(0, 5) + " on the labelled items)"});
}
#endif

/// ATOMLENS_BENCH_GRAPHENE_PARTS (e.g. "real"): real crops always, plus "fewshot" and "simulated" when
/// named; unset = all.
bool wantPart(const char* part) {
    const char* env = std::getenv("ATOMLENS_BENCH_GRAPHENE_PARTS");
    return !env || std::string(env).find(part) != std::string::npos;
}

std::vector<BenchResult> runGraphene(const fs::path& dataDir, bool quick) {
    const std::string name = "graphene-si";
    std::vector<BenchResult> out;
    auto images = labelledImages(dataDir / "micrographs" / name);
    if (images.empty()) {
        std::fprintf(stderr, "  %s: SKIPPED, no labelled images\n", name.c_str());
        out.push_back({"real", name + ": skipped (no data)", 0, "", ""});
        return out;
    }
    if (quick && images.size() > 4) images.erase(images.begin() + 2, images.end() - 2);
#ifdef ATOMLENS_WITH_NN
    std::optional<EgnnModel> model;
    try {
        model.emplace(EgnnModel::load(loadModel("graphene-si")));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "  %s: graphene-si model not loaded (%s)\n", name.c_str(), e.what());
    }
#endif
    std::map<std::string, Tally> parts;
    const double tol = 3.0;
#ifdef ATOMLENS_WITH_NN
    std::vector<FewShotCrop> crops;
#endif
    for (const auto& li : images) {
        int number = 0;
        const int truth = coordinationOf(li.image.stem().string(), number);
        if (!truth) continue;
        const LabelledPoints labels = readLabelledPoints(li.labels);
        const Micrograph m = readMicrograph(li.image.string());
        const GrapheneAnalysis a = analyseGrapheneImage(m.frame(0));
        Point2 si{-1e9, -1e9};
        std::vector<Point2> carbons;
        for (std::size_t k = 0; k < labels.points.size(); ++k)
            (labels.classes[k] == "Si" ? si : carbons.emplace_back()) = labels.points[k];
        const GrapheneDopant* found = nullptr;
        for (const auto& d : a.dopants)
            if (std::hypot(d.x - si.x, d.y - si.y) <= tol &&
                (!found || std::hypot(d.x - si.x, d.y - si.y) < std::hypot(found->x - si.x, found->y - si.y)))
                found = &d;
        std::size_t cFound = 0;
        std::string dists;
        for (const auto& c : carbons) {
            double best = 1e9;
            for (std::size_t i = 0; i < a.atoms.size(); ++i)
                best = std::min(best, std::hypot(a.atoms.xs()[i] - c.x, a.atoms.ys()[i] - c.y));
            cFound += best <= tol;
            char buf[32];
            std::snprintf(buf, sizeof buf, " %.2f", std::hypot(c.x - si.x, c.y - si.y) / a.bondLength);
            dists += buf;
        }
        writeGrapheneOverlay(m.frame(0), a, found, si, carbons, li.image.stem().string());
        if (const char* dump = std::getenv("ATOMLENS_BENCH_GRAPHENE_DUMP"); dump && *dump) {
            // $ATOMLENS_BENCH_GRAPHENE_DUMP: one line per labelled C appended (crop, bond px, labelled Si x
            // y, found Si x y, label x y, nearest node x y, its flags), for diagnostics.
            if (FILE* f = std::fopen(dump, "a")) {
                for (const auto& c : carbons) {
                    std::size_t bi = 0;
                    double best = 1e9;
                    for (std::size_t i = 0; i < a.atoms.size(); ++i)
                        if (std::hypot(a.atoms.xs()[i] - c.x, a.atoms.ys()[i] - c.y) < best)
                            best = std::hypot(a.atoms.xs()[i] - c.x, a.atoms.ys()[i] - c.y), bi = i;
                    std::fprintf(f, "%s %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f %u\n",
                                 li.image.stem().string().c_str(), a.bondLength, si.x, si.y,
                                 found ? found->x : -1.0, found ? found->y : -1.0, c.x, c.y,
                                 a.atoms.size() ? a.atoms.xs()[bi] : -1.0,
                                 a.atoms.size() ? a.atoms.ys()[bi] : -1.0,
                                 a.atoms.size() ? unsigned(a.atoms.flags()[bi]) : 0u);
                }
                std::fclose(f);
            }
        }
        const std::string want = "Si" + std::to_string(truth);
        std::string modelClass;
#ifdef ATOMLENS_WITH_NN
        if (model && found) {
            AtomTable plain = a.atoms;
            for (std::size_t i = 0; i < plain.size(); ++i) plain.setClass(i, -1, 0);
            const PreparedGraph prepared = prepareGraph(m.frame(0), plain, model->architecture().graphLevel);
            const AtomTable nodes = classifyNodes(prepared, *model);
            modelClass = nodes.className(nodes.classIds()[found->row]);
            FewShotCrop crop;
            crop.stem = li.image.stem().string(), crop.truth = want, crop.dopantRow = found->row;
            crop.prepared = prepared;
            // Labels a user would click: the Si and its labelled C neighbours (nodes within 3 px).
            std::fill(crop.prepared.input.labels.begin(), crop.prepared.input.labels.end(), -1);
            crop.prepared.input.labels[found->row] = truth == 3 ? 1 : 2;
            for (const auto& c : carbons)
                for (std::size_t i = 0; i < plain.size(); ++i)
                    if (std::hypot(plain.xs()[i] - c.x, plain.ys()[i] - c.y) <= tol)
                        crop.prepared.input.labels[i] = 0;
            crops.push_back(std::move(crop));
        }
#endif
        for (const std::string& part :
             {std::string(number % 2 ? "held-out (odd NNN)" : "dev (even NNN)"), std::string("all")}) {
            Tally& t = parts[part];
            ++t.crops;
            t.siFound += found != nullptr;
            (truth == 3 ? t.total3 : t.total4) += 1;
            if (found && found->cls == want) (truth == 3 ? t.right3 : t.right4) += 1;
            t.cLabels += carbons.size(), t.cFound += cFound;
            if (found && !modelClass.empty()) {
                ++t.modelCompared;
                t.modelAgrees += modelClass == found->cls;
                t.modelRight += modelClass == want;
            }
        }
        std::string rings;
        if (found)
            for (int s : found->ringSizes) rings += std::to_string(s) + " ";
        std::fprintf(stderr,
                     "  %s %s: bond %.1f px, %zu nodes (%zu completed), %zu dopants; Si %s (%s, %d bonds, "
                     "mean %.2f, conf %.2f, contrast %.1f, rings %s) model %s; C %zu/%zu, labelled Si-C%s\n",
                     name.c_str(), li.image.stem().string().c_str(), a.bondLength, a.atoms.size(), a.added,
                     a.dopants.size(), found ? "found" : "MISSED", found ? found->cls.c_str() : "-",
                     found ? found->coordination : 0, found ? found->meanBond : 0.0,
                     found ? found->confidence : 0.0f, found ? found->contrast : 0.0, rings.c_str(),
                     modelClass.empty() ? "-" : modelClass.c_str(), cFound, carbons.size(), dists.c_str());
    }
    for (const auto& [part, t] : parts) report(out, part, t);
#ifdef ATOMLENS_WITH_NN
    if (model && !quick && wantPart("fewshot")) fewShot(out, *model, crops);
#endif
    if (wantPart("simulated")) runSimulated(out, quick);
    return out;
}

const bool registered = [] {
    registerRealSet(
        {"graphene-si",
         "58 real graphene crops centred on one Si (3-/4-fold), Si + C neighbours labelled: Si found, "
         "coordination, C neighbours with a node, model agreement",
         runGraphene});
    return true;
}();

} // namespace
} // namespace atomlens::bench
