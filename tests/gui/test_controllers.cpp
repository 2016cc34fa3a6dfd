// The GUI controllers on their own, without a MainWindow: each wired only to a Document and the
// controllers it needs, checked against the engine (detectAtoms), a saved-and-reopened project, and
// the translations of their own strings.
#include "tests/gui/GuiTestSupport.h"

#include <catch2/catch.hpp>

#include "core/io/MicrographReader.h"
#include "gui/controllers/ExportController.h"
#include "gui/controllers/ImageLoader.h"
#include "gui/controllers/JobMessages.h"
#include "gui/controllers/LanguageController.h"
#include "gui/controllers/PlotsController.h"
#include "gui/controllers/ProjectController.h"
#include "gui/controllers/RecentFiles.h"
#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/jobs/AtomMerge.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/GraphUpdater.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StackClassifier.h"
#include "gui/jobs/StepRunner.h"
#include "gui/jobs/SubModelController.h"
#include "gui/view/ImageView.h"

#ifdef ATOMLENS_WITH_NN
#include "core/nn/Classification.h"
#include "core/nn/EgnnModel.h"
#include "core/nn/ModelCard.h"
#include "core/nn/NetworkSteps.h"
#endif

#include <QFileInfo>
#include <QUndoStack>

#include <algorithm>
#include <memory>
#include <numeric>
#include <set>
#include <stdexcept>

using namespace atomlens;
using namespace atomlens::gui;
using test::sourceFile;
using test::waitFor;
using test::waitUntil;

namespace {

/// The engine side of the window: a document with its runners, steps, sub-models and projects.
struct Engine {
    Document doc;
    JobRunner jobs;
    SubModelController* models = nullptr;
    GraphUpdater graph{&doc, &jobs, [this] { return models ? models->model() : nullptr; }};
    StepRunner steps{&doc, &jobs, &graph};
    SubModelController subModels{&doc, &steps};
    FewShotTrainer trainer{&doc, &jobs, &subModels};
    RecentFiles recent;
    ImageLoader loader{&doc};
    ProjectController projects{&doc, &loader, &recent, &trainer, &graph, nullptr};
    Engine() {
        models = &subModels;
        projects.setQuiet(true);
    }
    bool idle() const { return !jobs.isBusy() && !graph.jobs()->isBusy(); }
};

QString sample() {
    return sourceFile("resources/samples/mos2-sample.tif");
}

} // namespace

TEST_CASE("StepRunner: detect on the bundled sample gives the engine's atoms, one undo step, then a graph",
          "[gui][controllers]") {
    Engine e;
    const auto micrograph = std::make_shared<const Micrograph>(readMicrograph(sample().toStdString()));
    e.doc.setMicrograph(micrograph);
    REQUIRE(e.steps.detect());
    REQUIRE(waitUntil([&] { return e.idle() && e.doc.atoms().size() > 0 && e.doc.graph(); }));
    // The reference: the engine's detector on the same frame with the same (default) parameters.
    const AtomTable reference = detectAtoms(micrograph->frame(0), DetectParams{}, nullJobContext());
    REQUIRE(reference.size() > 100);
    const AtomTable& shown = e.doc.atoms();
    REQUIRE(shown.size() == reference.size());
    for (std::size_t i = 0; i < shown.size(); ++i) {
        CHECK(shown.xs()[i] == Approx(reference.xs()[i]).margin(1e-4));
        CHECK(shown.ys()[i] == Approx(reference.ys()[i]).margin(1e-4));
    }
    CHECK(e.doc.graph()->nodeCount() >= shown.size() / 2);
    CHECK(e.doc.undoStack()->count() == 1);
    e.doc.undoStack()->undo();
    CHECK(e.doc.atoms().empty());
}

TEST_CASE("ProjectController: save and reopen round-trips atoms, labels and calibration, and tracks "
          "modified state",
          "[gui][controllers][project]") {
    test::TempDir dir;
    const QString path = QString::fromStdString(dir.file("roundtrip.atomlens"));
    std::size_t atomCount = 0;
    std::vector<std::uint32_t> labelled;
    {
        Engine e;
        QSignalSpy loaded(&e.loader, &ImageLoader::loaded);
        e.loader.load(sample());
        REQUIRE(waitFor(loaded));
        CHECK(loaded.at(0).at(1).toBool() == false); // an image, not a project
        CHECK_FALSE(e.projects.isModified());
        REQUIRE(e.steps.detect());
        REQUIRE(waitUntil([&] { return e.idle() && e.doc.atoms().size() > 100; }));
        CHECK(e.projects.isModified()); // the detection is an edit (the window's detect-on-open is not)
        atomCount = e.doc.atoms().size();
        edit::setClassNames(e.doc, {"Mo", "S2"});
        labelled = {e.doc.atoms().ids()[3], e.doc.atoms().ids()[40]};
        edit::relabel(e.doc, {labelled[0]}, 0);
        edit::relabel(e.doc, {labelled[1]}, 1);
        Calibration c = e.doc.calibration();
        c.pixelSizeX = c.pixelSizeY = 0.0321;
        c.unit = "nm";
        e.doc.setCalibration(c);
        QSignalSpy title(&e.projects, &ProjectController::titleChanged);
        REQUIRE(e.projects.saveTo(path));
        CHECK(title.count() >= 1);
        CHECK_FALSE(e.projects.isModified());
        CHECK(e.projects.projectPath() == path);
        CHECK(e.recent.paths().value(0) == QFileInfo(path).absoluteFilePath());
        e.projects.markModified(); // what a new pixel size does
        CHECK(e.projects.isModified());
    }
    Engine other;
    QSignalSpy opened(&other.projects, &ProjectController::projectOpened);
    other.projects.open(path);
    REQUIRE(waitFor(opened));
    REQUIRE(waitUntil([&] { return other.idle(); }));
    CHECK(other.doc.atoms().size() == atomCount);
    const Labels labels = other.doc.userLabels();
    REQUIRE(labels.size() == 2);
    CHECK(other.doc.classNames() == QStringList{QStringLiteral("Mo"), QStringLiteral("S2")});
    CHECK(other.doc.calibration().pixelSizeX == Approx(0.0321));
    CHECK(other.projects.projectPath() == path);
    CHECK_FALSE(other.projects.isModified());
    CHECK(waitUntil([&] { return other.doc.graph() != nullptr; })); // rebuilt after the restore
}

TEST_CASE("ImageLoader: a file that cannot be read is reported by name and changes nothing",
          "[gui][controllers][bad-input]") {
    Document doc;
    ImageLoader loader(&doc);
    QSignalSpy failed(&loader, &ImageLoader::failed);
    QSignalSpy loaded(&loader, &ImageLoader::loaded);
    loader.load(QStringLiteral("/nonexistent/missing.dm4"));
    REQUIRE(waitFor(failed));
    CHECK(failed.at(0).at(0).toString().contains(QStringLiteral("missing.dm4")));
    CHECK(loaded.isEmpty());
    CHECK_FALSE(doc.hasImage());
}

TEST_CASE("RecentFiles: newest first, each once, at most ten", "[gui][controllers]") {
    RecentFiles recent;
    QSignalSpy changed(&recent, &RecentFiles::changed);
    for (int i = 0; i < 12; ++i) recent.add(QStringLiteral("/data/image-%1.tif").arg(i));
    recent.add(QStringLiteral("/data/image-5.tif"));
    recent.add(QString()); // ignored
    const QStringList paths = recent.paths();
    REQUIRE(paths.size() == 10);
    CHECK(paths.first() == QStringLiteral("/data/image-5.tif"));
    CHECK(paths.at(1) == QStringLiteral("/data/image-11.tif"));
    CHECK(paths.count(QStringLiteral("/data/image-5.tif")) == 1);
    CHECK_FALSE(paths.contains(QStringLiteral("/data/image-1.tif"))); // pushed out
    CHECK(changed.count() == 13);
}

TEST_CASE("ExportController: a pixel size needs an image, a positive size and a length unit",
          "[gui][controllers][bad-input]") {
    Document doc;
    ImageView view;
    ExportController exports(&doc, &view, nullptr);
    QSignalSpy changed(&exports, &ExportController::pixelSizeChanged);
    CHECK_FALSE(exports.setPixelSize(0.02, QStringLiteral("nm"))); // no image yet
    doc.setMicrograph(test::simulatedMicrograph("perovskite", 96));
    CHECK_FALSE(exports.setPixelSize(-1, QStringLiteral("nm")));
    CHECK_FALSE(exports.setPixelSize(0.02, QStringLiteral("apples")));
    CHECK(changed.isEmpty());
    REQUIRE(exports.setPixelSize(0.25, QStringLiteral("\u00c5")));
    CHECK(changed.count() == 1);
    CHECK(doc.calibration().pixelSizeX == Approx(0.25));
}

TEST_CASE("JobMessages: a user job's warning reaches the log and is repeated when it ends, a failure is "
          "reported",
          "[gui][controllers]") {
    Document doc;
    JobRunner jobs;
    JobMessages messages(&doc, &jobs);
    QSignalSpy status(&messages, &JobMessages::status);
    QSignalSpy failed(&messages, &JobMessages::jobFailed);
    QSignalSpy finished(&jobs, &JobRunner::finished);
    REQUIRE(jobs.start(QStringLiteral("Warn"), [](JobContext& job) -> JobRunner::Apply {
        job.log(JobContext::LogLevel::Warning, "no lattice found");
        return [] {};
    }));
    REQUIRE(waitFor(finished));
    REQUIRE(waitUntil([&] { return !jobs.isBusy(); }));
    bool logged = false;
    for (const LogEntry& e : messages.entries())
        logged = logged || (e.level == LogEntry::Warning && e.text == QStringLiteral("no lattice found"));
    CHECK(logged);
    REQUIRE_FALSE(status.isEmpty());
    CHECK(status.last().at(0).toString().contains(QStringLiteral("Warning: no lattice found")));
    CHECK(failed.isEmpty());

    finished.clear();
    REQUIRE(jobs.start(QStringLiteral("Fail"),
                       [](JobContext&) -> JobRunner::Apply { throw std::runtime_error("broken input"); }));
    REQUIRE(waitFor(finished));
    REQUIRE(waitFor(failed));
    CHECK(failed.at(0).at(0).toString().contains(QStringLiteral("broken input")));
}

TEST_CASE("PlotsController: series tracking asks for a frame stack", "[gui][controllers][series]") {
    Document doc;
    PlotsController plots(&doc, nullptr);
    QSignalSpy error(&plots, &PlotsController::errorOccurred);
    plots.trackSeries(0); // nothing open
    REQUIRE(error.count() == 1);
    doc.setMicrograph(test::simulatedMicrograph("perovskite", 96)); // one frame
    plots.trackSeries(0);
    REQUIRE(error.count() == 2);
    CHECK(error.at(1).at(0).toString().contains(QStringLiteral("frame stack")));
}

TEST_CASE("LanguageController: the controllers' own strings are translated, an unknown language refused",
          "[gui][controllers][i18n]") {
    LanguageController languages;
    QSignalSpy changed(&languages, &LanguageController::languageChanged);
    CHECK_FALSE(languages.setLanguage(QStringLiteral("xx")));
    CHECK(changed.isEmpty());
    REQUIRE(languages.setLanguage(QStringLiteral("de")));
    CHECK(changed.count() == 1);
    CHECK(languages.language() == QStringLiteral("de"));
    // One string of each context that the split created (the translation context is the class).
    CHECK(StepRunner::tr("Detect atoms") == QStringLiteral("Atome finden"));
    CHECK(FewShotTrainer::tr("Fine-tune") == QStringLiteral("Feinabstimmen"));
    CHECK(ProjectController::tr("Save Project") != QStringLiteral("Save Project"));
    CHECK(ExportController::tr("Export Figure") != QStringLiteral("Export Figure"));
    CHECK(ImageLoader::tr("Opening %1...") != QStringLiteral("Opening %1..."));
    REQUIRE(languages.setLanguage(QStringLiteral("zh_CN")));
    CHECK(StepRunner::tr("Detect atoms") == QStringLiteral("\u68c0\u6d4b\u539f\u5b50"));
    REQUIRE(languages.setLanguage(QStringLiteral("en")));
    CHECK(StepRunner::tr("Detect atoms") == QStringLiteral("Detect atoms"));
}

#ifdef ATOMLENS_WITH_NN
namespace {

/// A simulated MoS2 stack: frame 0 detected (one atom labelled by the user), frames 1 and 2 untouched.
std::shared_ptr<const Micrograph> simulatedStack(int frames) {
    SimulationParams p;
    p.preset = "mos2";
    p.width = p.height = 128;
    p.seed = 11;
    p.frames = frames;
    p.frameDrift = 1.0;
    return std::make_shared<const Micrograph>(simulate(p).micrograph);
}

std::string shownClass(const Document& doc, std::uint32_t id) {
    const AtomTable& t = doc.atoms();
    return t.className(t.classIds()[std::size_t(t.rowOf(id))]);
}

} // namespace

TEST_CASE("StackClassifier: the model in use classifies every frame of a simulated stack into its "
          "prediction layer, labels kept, nothing undoable",
          "[gui][controllers][stack][nn]") {
    Engine e;
    const auto stack = simulatedStack(3);
    e.doc.setMicrograph(stack);
    REQUIRE(e.steps.detect());
    REQUIRE(waitUntil([&] { return e.idle() && e.doc.atoms().size() > 20; }));
    edit::setClassNames(e.doc, {"mine"});
    const std::uint32_t labelled = e.doc.atoms().ids()[5];
    edit::relabel(e.doc, {labelled}, 0);
    REQUIRE(e.doc.frameDocument(1).atoms.empty());
    const auto model = loadClassifier("mos2-species").model;
    REQUIRE(model);
    e.subModels.setModel(model);
    e.doc.setModelName(QStringLiteral("mos2-species"));
    const int undoSteps = e.doc.undoStack()->count();

    StackClassifier classifier(&e.doc, &e.jobs, &e.subModels, &e.trainer);
    QSignalSpy finished(&classifier, &StackClassifier::finished);
    QSignalSpy progress(&e.jobs, &JobRunner::progress);
    REQUIRE(classifier.applyToAllFrames());
    REQUIRE(waitFor(finished, 120000));
    INFO(finished.at(0).at(1).toString().toStdString());
    REQUIRE(finished.at(0).at(0).toBool());
    CHECK(finished.at(0).at(1).toString().startsWith(QStringLiteral("3 of 3 frames")));
    CHECK(progress.count() >= 3);
    CHECK(e.doc.undoStack()->count() == undoSteps); // predictions are never undoable

    for (int k = 0; k < 3; ++k) {
        INFO("frame " << k);
        const FrameDocument& f = e.doc.frameDocument(k);
        REQUIRE(f.atoms.size() > 20); // frames 1 and 2 were detected first
        const PredictionLayer* layer = f.prediction("mos2-species");
        REQUIRE(layer != nullptr);
        CHECK(layer->revision == f.revision);
        CHECK(layer->size() > 20);
        // The reference: the engine's classifier on the same frame and atoms.
        const AtomTable reference =
            classifyAtoms(stack->frame(k), activeAtoms(f.atoms, true), *model, nullJobContext());
        std::size_t compared = 0, same = 0;
        for (std::size_t i = 0; i < reference.size(); ++i) {
            if (reference.flags()[i] & kFlagEmptySite) continue;
            for (std::size_t j = 0; j < layer->size(); ++j)
                if (layer->ids[j] == reference.ids()[i]) {
                    ++compared;
                    same += layer->classNames[std::size_t(layer->classIds[j])] ==
                            reference.className(reference.classIds()[i]);
                }
        }
        CHECK(compared == layer->size());
        CHECK(same == compared);
    }
    e.doc.setCurrentFrame(0);
    CHECK(shownClass(e.doc, labelled) == "mine"); // the label, not the prediction
}

TEST_CASE("SubModelController: Classify With gives the atoms the model's classes, keeps the model for "
          "re-prediction, a new image forgets it",
          "[gui][controllers][nn]") {
    Engine e;
    const auto micrograph = std::make_shared<const Micrograph>(readMicrograph(sample().toStdString()));
    e.doc.setMicrograph(micrograph);
    REQUIRE(e.steps.detect());
    REQUIRE(waitUntil([&] { return e.idle() && e.doc.atoms().size() > 100; }));
    CHECK(e.subModels.model() == nullptr);
    QSignalSpy finished(&e.jobs, &JobRunner::finished);
    REQUIRE(e.subModels.classify(QStringLiteral("mos2-species")));
    REQUIRE(waitFor(finished, 120000));
    REQUIRE(finished.at(0).at(0).toBool());
    REQUIRE(waitUntil([&] { return e.idle(); }));
    CHECK(e.subModels.model() != nullptr);
    CHECK(e.subModels.atomSource().empty()); // the default detector's atoms
    CHECK(e.doc.modelName() == QStringLiteral("mos2-species"));
    const auto& classes = e.doc.atoms().classIds();
    const auto classified =
        std::count_if(classes.begin(), classes.end(), [](std::int32_t c) { return c >= 0; });
    CHECK(double(classified) > 0.9 * double(e.doc.atoms().size()));
    std::set<std::string> names;
    for (std::int32_t c : classes)
        if (c >= 0) names.insert(e.doc.atoms().className(c));
    CHECK(names.count("Mo") == 1);
    e.doc.setMicrograph(test::simulatedMicrograph("perovskite", 96));
    CHECK(e.subModels.model() == nullptr);

    finished.clear();
    REQUIRE(e.steps.detect());
    REQUIRE(waitUntil([&] { return e.idle() && e.doc.atoms().size() > 10; }));
    finished.clear();
    REQUIRE(e.subModels.classify(QStringLiteral("no-such-model")));
    REQUIRE(waitFor(finished));
    CHECK_FALSE(finished.at(0).at(0).toBool());
    CHECK(finished.at(0).at(1).toString().contains(QStringLiteral("no-such-model")));
    CHECK(e.subModels.model() == nullptr);
}

TEST_CASE("FewShotTrainer: a model fine-tuned from graphene-si records the graphene analysis as its atom "
          "source in its card",
          "[gui][controllers][nn][fewshot]") {
    Engine e;
    test::TempDir dir;
    e.doc.setMicrograph(test::simulatedMicrograph("graphene-si", 192));
    REQUIRE(e.steps.detect());
    REQUIRE(waitUntil([&] { return e.idle() && e.doc.atoms().size() > 20; }));
    QSignalSpy finished(&e.jobs, &JobRunner::finished);
    REQUIRE(e.subModels.classify(QStringLiteral("graphene-si")));
    REQUIRE(waitFor(finished, 120000));
    REQUIRE(finished.at(0).at(0).toBool());
    REQUIRE(waitUntil([&] { return e.idle(); }));
    CHECK(e.subModels.atomSource() == "graphene");
    // Two classes of user labels: the brightest atoms as Si3, dim ones as C.
    const AtomTable& atoms = e.doc.atoms();
    std::vector<std::size_t> rows(atoms.size());
    std::iota(rows.begin(), rows.end(), 0);
    std::sort(rows.begin(), rows.end(),
              [&](auto a, auto b) { return atoms.amplitudes()[a] > atoms.amplitudes()[b]; });
    edit::setClassNames(e.doc, {"C", "Si3", "Si4"});
    std::vector<std::uint32_t> bright, dim;
    for (std::size_t k = 0; k < 3; ++k) {
        bright.push_back(atoms.ids()[rows[k]]);
        dim.push_back(atoms.ids()[rows[rows.size() / 2 + k]]);
    }
    edit::relabel(e.doc, dim, 0);
    edit::relabel(e.doc, bright, 1);
    QSignalSpy tuned(&e.trainer, &FewShotTrainer::fineTuneFinished);
    REQUIRE(e.trainer.fineTune(5));
    REQUIRE(waitFor(tuned, 120000));
    REQUIRE(tuned.takeFirst().at(0).toBool());
    const QString folder = QString::fromStdString(dir.file("models"));
    REQUIRE(e.trainer.saveCandidate(folder, QStringLiteral("my-graphene")).isEmpty());
    const ModelCard card = loadModelCard((folder + QStringLiteral("/my-graphene.yaml")).toStdString());
    CHECK(card.inputs.atoms == "graphene");
    // A new image forgets the model and its atom source.
    e.doc.setMicrograph(test::simulatedMicrograph("perovskite", 96));
    CHECK(e.subModels.atomSource().empty());
}

TEST_CASE("StackClassifier: a cancelled run changes no frame, and without a model it says what to do",
          "[gui][controllers][stack][nn]") {
    Engine e;
    e.doc.setMicrograph(simulatedStack(4));
    StackClassifier classifier(&e.doc, &e.jobs, &e.subModels, &e.trainer);
    QSignalSpy finished(&classifier, &StackClassifier::finished);
    CHECK_FALSE(classifier.applyToAllFrames()); // no model yet
    REQUIRE(finished.count() == 1);
    CHECK(finished.at(0).at(1).toString().contains(QStringLiteral("first")));
    e.subModels.setModel(loadClassifier("mos2-species").model);
    REQUIRE(classifier.applyToAllFrames());
    e.jobs.cancel();
    REQUIRE(waitUntil([&] { return finished.count() == 2; }, 60000));
    CHECK_FALSE(finished.at(1).at(0).toBool());
    CHECK(finished.at(1).at(1).toString().contains(QStringLiteral("cancel")));
    for (int k = 0; k < 4; ++k) {
        CHECK(e.doc.frameDocument(k).atoms.empty());
        CHECK(e.doc.frameDocument(k).predictions.empty());
    }
}
#else
TEST_CASE("StackClassifier: needs networks", "[gui][controllers][stack]") {
    std::printf("ATOMLENS-SKIP: this build has no LibTorch (StackClassifier needs a sub-model)\n");
    WARN("skipped: no LibTorch");
}
#endif
