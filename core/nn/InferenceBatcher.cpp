#include "core/nn/InferenceBatcher.h"

#include "core/nn/EgnnModel.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <vector>

namespace atomlens {

namespace {

struct Request {
    const EgnnModel* model = nullptr;
    const EgnnInput* input = nullptr;
    EgnnPrediction result;
    std::exception_ptr error;
    bool taken = false; ///< in a pass that is running
    bool done = false;
};

} // namespace

struct InferenceBatcher::Impl {
    std::mutex mutex;
    std::condition_variable arrived, finished;
    std::vector<Request*> pending;
    bool leading = false; ///< a caller is collecting a batch
    Mode mode = Mode::Auto;
    double windowMs = 20;
    std::size_t maxGraphs = 16;
    Stats stats;
};

InferenceBatcher& InferenceBatcher::instance() {
    static InferenceBatcher batcher;
    return batcher;
}

InferenceBatcher::InferenceBatcher() : m_impl(new Impl) {}
InferenceBatcher::~InferenceBatcher() {
    delete m_impl;
}

EgnnPrediction InferenceBatcher::predict(const EgnnModel& model, const EgnnInput& input) {
    Impl& s = *m_impl;
    std::unique_lock<std::mutex> lock(s.mutex);
    const bool on = s.mode == Mode::On || (s.mode == Mode::Auto && model.onGpu());
    if (!on) {
        lock.unlock();
        return model.predict(input);
    }
    Request own;
    own.model = &model, own.input = &input;
    s.pending.push_back(&own);
    s.arrived.notify_all();
    while (!own.done) {
        if (s.leading || own.taken) { // another caller collects, or runs the pass with this request
            s.finished.wait(lock, [&] { return own.done || (!s.leading && !own.taken); });
            continue;
        }
        // Lead: wait for others to arrive, then take the pending requests for this model (oldest first).
        s.leading = true;
        const auto deadline = std::chrono::steady_clock::now() +
                              std::chrono::microseconds(static_cast<long long>(s.windowMs * 1000));
        const auto mine = [&] {
            return std::count_if(s.pending.begin(), s.pending.end(),
                                 [&](const Request* r) { return r->model == &model; });
        };
        s.arrived.wait_until(lock, deadline, [&] { return mine() >= std::ptrdiff_t(s.maxGraphs); });
        std::vector<Request*> batch;
        for (auto it = s.pending.begin(); it != s.pending.end();)
            if ((*it)->model == &model && batch.size() < s.maxGraphs) {
                (*it)->taken = true;
                batch.push_back(*it);
                it = s.pending.erase(it);
            } else {
                ++it;
            }
        s.leading = false;
        s.finished.notify_all(); // callers still pending (other models, a full batch) may lead now
        lock.unlock();

        std::vector<const EgnnInput*> inputs;
        for (const Request* r : batch) inputs.push_back(r->input);
        std::vector<EgnnPrediction> results;
        std::exception_ptr error;
        try {
            results = model.predictBatch(inputs);
        } catch (...) {
            error = std::current_exception();
        }

        lock.lock();
        for (std::size_t k = 0; k < batch.size(); ++k) {
            if (error)
                batch[k]->error = error;
            else
                batch[k]->result = std::move(results[k]);
            batch[k]->done = true;
        }
        ++s.stats.passes;
        s.stats.graphs += batch.size();
        s.stats.largest = std::max(s.stats.largest, batch.size());
        s.finished.notify_all();
    }
    if (own.error) std::rethrow_exception(own.error);
    return std::move(own.result);
}

void InferenceBatcher::setMode(Mode mode) {
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    m_impl->mode = mode;
}

InferenceBatcher::Mode InferenceBatcher::mode() const {
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    return m_impl->mode;
}

void InferenceBatcher::setWindow(double milliseconds) {
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    m_impl->windowMs = std::max(0.0, milliseconds);
}

void InferenceBatcher::setMaxGraphs(std::size_t graphs) {
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    m_impl->maxGraphs = std::max<std::size_t>(1, graphs);
}

InferenceBatcher::Stats InferenceBatcher::stats() const {
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    return m_impl->stats;
}

void InferenceBatcher::resetStats() {
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    m_impl->stats = {};
}

} // namespace atomlens
