// bench_fewshot: Few-shot tab timings for BENCHMARKS.md (issue 16 item 6; run offscreen:
// QT_QPA_PLATFORM=offscreen ./bench_fewshot). A simulated 2048 x 2048 MoS2 image at 0.0701 A/px
// (about 4,750 columns, like the real image of the issue), 44 labels (22 Mo, 22 S from the truth),
// fine-tuned from scratch with the panel's default (0 = FewShotOptions{}'s 120 steps from scratch): wall and
// process CPU time to the result, time to the first plotted epoch, plotted points, and the time Cancel takes
// to end a second run.
#include "core/io/TiffWriter.h"
#include "core/nn/FewShot.h"
#include "core/simulate/Simulator.h"
#include "gui/MainWindow.h"
#include "gui/controllers/FileController.h"
#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/jobs/FewShotTrainer.h"
#include "gui/jobs/JobRunner.h"
#include "gui/jobs/StepRunner.h"
#include "gui/panels/FewShotPanel.h"
#include "gui/panels/TrainingPlot.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QThread>

#include <sys/resource.h>

#include <cmath>
#include <cstdio>
#include <random>

using namespace atomlens;
using namespace atomlens::gui;

namespace {

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

template <class Done> bool waitUntil(Done done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) return false;
        QApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(5); // no busy loop: the process CPU time is the work's
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AtomLensBench"));
    SimulationParams p;
    p.preset = "mos2";
    p.width = p.height = 2048;
    p.pixelSize = 0.0701; // 2048 px over 14.4 nm: about 4,750 columns, 29 px apart
    p.seed = 1;
    const SimulationResult sim = simulate(p);
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("mos2-2048.tif"));
    writeTiff(sim.micrograph, path.toStdString());

    MainWindow window;
    window.setQuiet(true);
    window.resize(1600, 1000);
    window.show();
    Document& doc = *window.document();
    QElapsedTimer clock;
    clock.start();
    window.files()->openFile(path);
    if (!waitUntil([&] { return !window.steps()->jobs()->isBusy() && doc.atoms().size() > 0 && doc.graph(); },
                   600000)) {
        std::fprintf(stderr, "detection did not finish\n");
        return 1;
    }
    const double openSeconds = double(clock.elapsed()) / 1000;
    // 44 labels: detected atoms nearest to randomly chosen true Mo and S2 columns.
    std::mt19937 rng(1);
    std::vector<std::size_t> mo, s;
    for (std::size_t i = 0; i < sim.truth.size(); ++i)
        (sim.truth[i].cls == "Mo" ? mo : sim.truth[i].cls == "S2" ? s : mo).push_back(i);
    edit::setClassNames(doc, {"Mo", "S"});
    const AtomTable& atoms = doc.atoms();
    auto nearestId = [&](double x, double y) -> std::int64_t {
        double best = 9; // 3 px
        std::int64_t id = -1;
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            const double d = std::hypot(atoms.xs()[i] - x, atoms.ys()[i] - y);
            if (d * d < best) best = d * d, id = atoms.ids()[i];
        }
        return id;
    };
    for (int c = 0; c < 2; ++c) {
        std::vector<std::size_t>& pool = c == 0 ? mo : s;
        std::shuffle(pool.begin(), pool.end(), rng);
        std::vector<std::uint32_t> ids;
        for (std::size_t k = 0; k < pool.size() && ids.size() < 22; ++k) {
            const auto& t = sim.truth[pool[k]];
            if (t.cls != (c == 0 ? "Mo" : "S2")) continue;
            const std::int64_t id = nearestId(t.x, t.y);
            if (id >= 0) ids.push_back(std::uint32_t(id));
        }
        edit::relabel(doc, ids, c);
    }
    FewShotPanel* panel = window.fewShotPanel();
    std::printf("AtomLens few-shot bench: %d x %d simulated MoS2 (%.3f A/px), %zu columns in the truth, %zu "
                "atoms detected, %zu labels, %d epochs (the panel's default from scratch); open + detect + "
                "graph %.1f s\n",
                p.width, p.height, sim.pixelSize, sim.truth.size(), atoms.size(), doc.userLabels().size(),
                panel->epochs()->value() > 0 ? panel->epochs()->value() : FewShotOptions{}.epochs,
                openSeconds);

    bool ok = false;
    QObject::connect(window.fewShotTrainer(), &FewShotTrainer::fineTuneFinished,
                     [&](bool success, const QString& message) {
                         ok = success;
                         std::printf("  finished: %s\n", message.toUtf8().constData());
                     });
    const double cpu0 = cpuSeconds();
    clock.restart();
    double firstPoint = -1, firstFinalPoint = -1;
    panel->startFineTune();
    waitUntil(
        [&] {
            if (firstPoint < 0 && panel->plot()->pointCount() + panel->plot()->foldPointCount() > 0)
                firstPoint = double(clock.elapsed()) / 1000;
            if (firstFinalPoint < 0 && panel->plot()->pointCount() > 0)
                firstFinalPoint =
                    double(clock.elapsed()) / 1000; // where a plot of the final fit alone starts
            return !window.steps()->jobs()->isBusy() && panel->cancelButton()->isEnabled() == false;
        },
        600000);
    const double wall = double(clock.elapsed()) / 1000, cpu = cpuSeconds() - cpu0;
    std::printf(
        "fine-tune: %s, wall %.2f s, process CPU %.2f s, first plotted epoch after %.2f s (of the final fit: "
        "%.2f s), %d fold + %d final points plotted, accuracy %.3f\n",
        ok ? "ok" : "FAILED", wall, cpu, firstPoint, firstFinalPoint, panel->plot()->foldPointCount(),
        panel->plot()->pointCount(), window.fewShotTrainer()->candidateAccuracy());
    const double accuracy = window.fewShotTrainer()->candidateAccuracy();

    // Cancel a long run once it plots: how long until the tab is idle again, and what stays.
    panel->epochs()->setValue(2000);
    panel->startFineTune();
    waitUntil([&] { return panel->plot()->foldPointCount() > 3; }, 600000);
    clock.restart();
    panel->cancelButton()->click();
    waitUntil([&] { return !window.steps()->jobs()->isBusy() && !panel->cancelButton()->isEnabled(); },
              600000);
    std::printf(
        "cancel: idle after %.3f s; previous model kept: %s; status: %s\n", double(clock.elapsed()) / 1000,
        window.fewShotTrainer()->hasCandidate() && window.fewShotTrainer()->candidateAccuracy() == accuracy
            ? "yes"
            : "NO",
        panel->statusText().toUtf8().constData());
    return 0;
}
