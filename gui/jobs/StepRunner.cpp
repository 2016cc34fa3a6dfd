// Detection, single steps and task chains on a worker (split out of gui::Analysis).
#include "gui/jobs/StepRunner.h"

#include "core/chain/ChainState.h"
#include "core/chain/StepRegistry.h"
#include "core/chain/TaskChain.h"
#include "gui/document/Document.h"
#include "gui/edit/AtomEdits.h"
#include "gui/jobs/AtomMerge.h"
#include "gui/jobs/GraphUpdater.h"
#include "gui/jobs/JobRunner.h"

#include <QStringList>

#include <algorithm>

namespace atomlens::gui {

StepRunner::StepRunner(Document* document, JobRunner* jobs, GraphUpdater* graph, QObject* parent)
    : QObject(parent), m_doc(document), m_jobs(jobs), m_graph(graph) {}

bool StepRunner::detect() {
    return detect(m_detector);
}

bool StepRunner::detect(const DetectParams& params) {
    if (!m_doc->hasImage()) return false;
    auto micrograph = m_doc->micrograph();
    const int frame = m_doc->currentFrame();
    return m_jobs->start(
        tr("Detect atoms"), [this, micrograph, frame, params](JobContext& job) -> JobRunner::Apply {
            // The "detect" step, as chains, batch and the CLI run it; its log line says which detector
            // ran and why.
            ChainState state;
            state.micrograph = micrograph;
            state.frame = frame;
            runChainStep(state, ChainStep{"detect", toParamValues(params, DetectParams::fields())}, job);
            for (const auto& line : state.log) job.log(JobContext::LogLevel::Info, line);
            auto atoms = std::make_shared<AtomTable>(std::move(state.atoms));
            return [this, micrograph, frame, atoms] {
                if (m_doc->micrograph() != micrograph) return; // another file was opened meanwhile
                m_doc->setCurrentFrame(frame);                 // the result belongs to that frame
                edit::replaceAtoms(*m_doc, keepUserAtoms(std::move(*atoms), m_doc->atoms()),
                                   tr("Detect atoms"));
                m_graph->schedule({QPointF(-1, -1)});
            };
        });
}

bool StepRunner::runStep(const QString& stepId, const ParamValues& values) {
    TaskChain chain;
    chain.name = stepId.toStdString();
    chain.steps.push_back({stepId.toStdString(), values});
    QString yaml = QStringLiteral("steps:\n  - step: %1\n").arg(stepId);
    for (const auto& [key, value] : values.all())
        yaml += QStringLiteral("    %1: \"%2\"\n")
                    .arg(QString::fromStdString(key), QString::fromStdString(value));
    if (!StepRegistry::instance().find(chain.steps[0].id)) return false;
    if (!m_doc->hasImage()) return false;
    auto micrograph = m_doc->micrograph();
    const int frame = m_doc->currentFrame();
    auto atoms = std::make_shared<AtomTable>(activeAtoms(m_doc->atoms()));
    return m_jobs->start(tr("Run %1").arg(stepId),
                         [this, chain, micrograph, frame, atoms, yaml](JobContext& job) -> JobRunner::Apply {
                             auto state = std::make_shared<ChainState>();
                             state->micrograph = micrograph;
                             state->frame = frame;
                             state->atoms = *atoms;
                             const Step* step = StepRegistry::instance().find(chain.steps[0].id);
                             job.setProgress(0, 1, step->info().label);
                             atomlens::runChainStep(*state, chain.steps[0], job);
                             return [this, state, chain, micrograph, frame, yaml] {
                                 if (m_doc->micrograph() != micrograph) return;
                                 m_doc->setCurrentFrame(frame);
                                 m_doc->setChainText(yaml);
                                 applyChainState(*state, chain);
                             };
                         });
}

bool StepRunner::runChain(const QString& yamlText, const QString& source) {
    if (!m_doc->hasImage()) return false;
    const TaskChain chain =
        TaskChain::parse(yamlText.toStdString(), source.toStdString()); // throws InputError
    auto micrograph = m_doc->micrograph();
    const int frame = m_doc->currentFrame();
    return m_jobs->start(tr("Run chain %1").arg(QString::fromStdString(chain.name)),
                         [this, chain, micrograph, frame, yamlText](JobContext& job) -> JobRunner::Apply {
                             auto state = std::make_shared<ChainState>(
                                 atomlens::runChain(chain, micrograph, frame, job));
                             return [this, state, chain, micrograph, frame, yamlText] {
                                 if (m_doc->micrograph() != micrograph) return;
                                 m_doc->setCurrentFrame(frame);
                                 m_doc->setChainText(yamlText);
                                 applyChainState(*state, chain);
                             };
                         });
}

void StepRunner::applyChainState(ChainState& state, const TaskChain& chain) {
    const bool detected = std::any_of(chain.steps.begin(), chain.steps.end(), [](const auto& s) {
        return s.id == "detect" || s.id == "refine";
    }); // new positions
    if (detected) {
        AtomTable atoms = activeAtoms(state.atoms, true);
        edit::replaceAtoms(*m_doc, keepUserAtoms(std::move(atoms), m_doc->atoms()),
                           tr("Run %1").arg(QString::fromStdString(chain.name)));
    } else if (std::any_of(state.atoms.classIds().begin(), state.atoms.classIds().end(),
                           [](int c) { return c >= 0; })) {
        m_doc->setChangedIds(edit::applyPredictions(*m_doc, state.atoms,
                                                    tr("Run %1").arg(QString::fromStdString(chain.name))));
    }
    for (const auto& step : chain.steps)
        if (step.id == "classify" && step.params.has("model"))
            m_doc->setModelName(QString::fromStdString(step.params.text("model")));
    if (state.graph)
        m_doc->setGraph(state.graph);
    else
        m_graph->schedule({QPointF(-1, -1)});
    QStringList lines;
    for (const auto& l : state.log) lines << QString::fromStdString(l);
    for (const auto& [key, value] : state.summary)
        lines << QStringLiteral("%1: %2").arg(QString::fromStdString(key)).arg(value);
    Q_EMIT chainSummary(lines.join(QLatin1Char('\n')));
}

} // namespace atomlens::gui
