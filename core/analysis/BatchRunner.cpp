#include "core/analysis/BatchRunner.h"
#include "core/analysis/ChainOutputs.h"

#include "core/base/AtomicFile.h"
#include "core/data/Errors.h"
#include "core/io/CsvTable.h"
#include "core/io/MicrographReader.h"
#include "core/job/ParallelFor.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace atomlens {
namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool isListFile(const fs::path& p) {
    const std::string ext = lower(p.extension().string());
    return ext == ".txt" || ext == ".lst" || ext == ".list";
}

/// The source file as it is now: size and modification time (nanoseconds since the clock's epoch).
std::pair<std::uintmax_t, long long> fileStamp(const std::string& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) return {0, 0};
    const auto time = fs::last_write_time(path, ec);
    if (ec) return {size, 0};
    return {size,
            (long long)std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count()};
}

void writeTextFile(const std::string& path, const std::string& text) {
    writeFileAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out) throw InputError(path, "cannot write the file");
    });
}

} // namespace

const char* batchStatusName(BatchItemStatus status) {
    switch (status) {
    case BatchItemStatus::Skipped:
        return "skipped";
    case BatchItemStatus::Done:
        return "done";
    case BatchItemStatus::Failed:
        return "failed";
    case BatchItemStatus::Canceled:
        return "canceled";
    }
    return "unknown";
}

std::vector<BatchItem> collectBatchItems(const std::vector<std::string>& inputs) {
    std::vector<std::string> files;
    const auto extensions = supportedExtensions();
    for (const auto& input : inputs) {
        const fs::path p(input);
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::directory_iterator(p, ec)) {
                if (!entry.is_regular_file()) continue;
                const std::string ext = lower(entry.path().extension().string());
                if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end())
                    found.push_back(entry.path().string());
            }
            if (ec) throw InputError(input, "cannot list the folder (" + ec.message() + ")");
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (!fs::exists(p, ec)) {
            throw InputError(input, "no such file or folder");
        } else if (isListFile(p)) {
            std::ifstream in(p);
            if (!in) throw InputError(input, "cannot open the list");
            for (std::string line; std::getline(in, line);) {
                const auto first = line.find_first_not_of(" \t\r"), last = line.find_last_not_of(" \t\r");
                line = first == std::string::npos ? std::string() : line.substr(first, last - first + 1);
                if (line.empty() || line[0] == '#') continue;
                fs::path entry(line);
                if (entry.is_relative()) entry = p.parent_path() / entry;
                if (!fs::exists(entry, ec))
                    throw InputError(input, "listed file '" + line + "' does not exist");
                files.push_back(entry.string());
            }
        } else {
            files.push_back(p.string());
        }
    }
    std::vector<BatchItem> items;
    std::map<std::string, int> used;
    for (const auto& file : files) {
        // Frame count: only multi-frame formats can hold stacks, but reading is the one reliable way.
        const Micrograph m = readMicrograph(file);
        const std::string stem = fs::path(file).stem().string();
        for (int f = 0; f < m.frameCount(); ++f) {
            std::string name = m.frameCount() > 1 ? stem + "_f" + std::to_string(f) : stem;
            if (const int n = ++used[name]; n > 1) name += "_" + std::to_string(n);
            items.push_back({file, f, name});
        }
    }
    return items;
}

BatchRunner::BatchRunner(TaskChain chain, std::vector<BatchItem> items, std::string outputFolder)
    : m_chain(std::move(chain)), m_items(std::move(items)), m_output(std::move(outputFolder)) {}

std::string BatchRunner::chainFingerprint() const {
    std::string text;
    for (const auto& step : m_chain.steps) {
        text += step.id + "{";
        for (const auto& [k, v] : step.params.all()) text += k + "=" + v + ";";
        text += "}";
    }
    std::uint64_t h = 1469598103934665603ull; // FNV-1a 64: stable across runs and platforms
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    std::ostringstream s;
    s << std::hex << h;
    return s.str();
}

bool BatchRunner::isComplete(const BatchItem& item) const {
    const fs::path dir = fs::path(m_output) / item.name;
    std::ifstream in(dir / "done.json");
    if (!in) return false;
    try {
        const auto j = nlohmann::json::parse(in);
        const auto [size, time] = fileStamp(item.source);
        if (j.at("source").get<std::string>() != fs::absolute(item.source).lexically_normal().string() ||
            j.at("frame").get<int>() != item.frame ||
            j.at("chain").get<std::string>() != chainFingerprint() ||
            j.at("source_size").get<std::uintmax_t>() != size ||
            j.at("source_mtime").get<long long>() != time)
            return false;
        for (const auto& f : j.at("files")) {
            std::error_code ec;
            if (!fs::is_regular_file(dir / f.get<std::string>(), ec)) return false;
        }
        return true;
    } catch (const std::exception&) { // a torn or foreign marker: not complete
        return false;
    }
}

BatchItemReport BatchRunner::runItem(std::size_t index, JobContext& job) {
    const BatchItem& item = m_items[index];
    BatchItemReport report;
    report.index = index;
    const auto t0 = std::chrono::steady_clock::now();
    const fs::path dir = fs::path(m_output) / item.name;
    try {
        std::error_code ec;
        fs::remove(dir / "done.json", ec); // from now on the item is unfinished
        auto micrograph = std::make_shared<const Micrograph>(readMicrograph(item.source));
        if (item.frame < 0 || item.frame >= micrograph->frameCount())
            throw InputError(item.source, "has no frame " + std::to_string(item.frame));
        SubJob itemJob(job); // cancellation, log and the shared pool; item-level progress is not shown
        const ChainState state = runChain(m_chain, micrograph, item.frame, itemJob);
        writeChainOutputs(state, dir.string());
        nlohmann::json marker;
        const auto [size, time] = fileStamp(item.source);
        marker["source"] = fs::absolute(item.source).lexically_normal().string();
        marker["frame"] = item.frame;
        marker["chain"] = chainFingerprint();
        marker["source_size"] = size;
        marker["source_mtime"] = time;
        marker["atoms"] = state.atoms.size();
        std::vector<std::string> files;
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.is_regular_file() && entry.path().filename() != "done.json")
                files.push_back(entry.path().filename().string());
        std::sort(files.begin(), files.end());
        marker["files"] = files;
        writeTextFile((dir / "done.json").string(), marker.dump(2) + "\n"); // last: the item is complete
        report.status = BatchItemStatus::Done;
        report.atoms = state.atoms.size();
    } catch (const CanceledError&) {
        report.status = BatchItemStatus::Canceled;
        report.message = "canceled";
    } catch (const std::exception& e) {
        report.status = BatchItemStatus::Failed;
        report.message = e.what();
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

BatchSummary BatchRunner::run(JobContext& job) {
    const auto t0 = std::chrono::steady_clock::now();
    std::error_code ec;
    fs::create_directories(m_output, ec);
    if (ec) throw InputError(m_output, "cannot create the output folder (" + ec.message() + ")");
    BatchSummary summary;
    std::vector<BatchItemReport> reports(m_items.size());
    std::vector<char> reported(m_items.size(), 0);
    std::mutex mutex;
    std::atomic<std::size_t> finished{0};
    const std::int64_t total = std::int64_t(m_items.size());
    auto publish = [&](const BatchItemReport& r) {
        std::lock_guard<std::mutex> lock(mutex);
        reports[r.index] = r, reported[r.index] = 1;
        const std::size_t n = ++finished;
        if (m_callback) m_callback(r);
        job.setProgress(std::int64_t(n), total, m_items[r.index].name + " " + batchStatusName(r.status));
    };
    auto work = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            if (m_resume && isComplete(m_items[i])) {
                BatchItemReport r;
                r.index = i, r.status = BatchItemStatus::Skipped, r.message = "already done";
                publish(r);
                continue;
            }
            publish(runItem(i, job));
        }
    };
    job.setProgress(0, total, "batch");
    // Items on the job's pool, m_workers at a time; each item's own loops share the same pool, so
    // items and their loops never run on more threads than the pool has.
    try {
        parallelFor(m_items.size(), 1, work, job, {}, m_workers);
    } catch (const CanceledError&) { // not started items stay unreported; run() returns canceled
    }
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        if (!reported[i]) continue;
        summary.items.push_back(reports[i]);
        switch (reports[i].status) {
        case BatchItemStatus::Done:
            ++summary.done;
            break;
        case BatchItemStatus::Skipped:
            ++summary.skipped;
            break;
        case BatchItemStatus::Failed:
            ++summary.failed;
            break;
        case BatchItemStatus::Canceled:
            summary.canceled = true;
            break;
        }
    }
    summary.canceled = summary.canceled || job.isCanceled();
    if (m_writeTables) writeTables(summary);
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return summary;
}

void BatchRunner::writeTables(const BatchSummary& summary) const {
    std::map<std::size_t, const BatchItemReport*> byIndex;
    for (const auto& r : summary.items) byIndex[r.index] = &r;
    CsvTable batch({"item", "source", "frame", "status", "atoms", "seconds", "message"});
    std::vector<std::string> header = {"item", "source", "frame"};
    std::vector<std::size_t> complete;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const BatchItem& item = m_items[i];
        const fs::path dir = fs::path(m_output) / item.name;
        const auto it = byIndex.find(i);
        std::string status = it != byIndex.end() ? batchStatusName(it->second->status) : "pending";
        if (status == "skipped") status = "done (earlier run)";
        std::string atoms, seconds, message;
        if (it != byIndex.end()) {
            seconds = formatNumber(it->second->seconds, 4), message = it->second->message;
            if (it->second->atoms) atoms = std::to_string(it->second->atoms);
        }
        if (isComplete(item)) { // merged from what is on disk, so items of earlier runs are included
            complete.push_back(i);
            std::ifstream in(dir / "atoms.csv", std::ios::binary);
            std::string first;
            std::getline(in, first);
            const CsvTable head = CsvTable::parse(first + "\n", (dir / "atoms.csv").string());
            for (const auto& h : head.header())
                if (std::find(header.begin(), header.end(), h) == header.end()) header.push_back(h);
            if (atoms.empty()) {
                std::ifstream marker(dir / "done.json");
                atoms = std::to_string(nlohmann::json::parse(marker).value("atoms", std::size_t(0)));
            }
        }
        batch.addRow({item.name, item.source, std::to_string(item.frame), status, atoms, seconds, message});
    }
    batch.write((fs::path(m_output) / "batch.csv").string());
    // The merged table is streamed item by item (a thousand items hold millions of rows).
    const std::string mergedPath = (fs::path(m_output) / "merged_atoms.csv").string();
    writeFileAtomically(mergedPath, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << CsvTable(header).toString();
        for (std::size_t i : complete) {
            const BatchItem& item = m_items[i];
            const CsvTable t = CsvTable::read((fs::path(m_output) / item.name / "atoms.csv").string());
            std::vector<int> columnOf(header.size(), -1);
            for (std::size_t c = 3; c < header.size(); ++c) columnOf[c] = t.column(header[c]);
            CsvTable part(header);
            for (std::size_t r = 0; r < t.rowCount(); ++r) {
                std::vector<std::string> row = {item.name, item.source, std::to_string(item.frame)};
                for (std::size_t c = 3; c < header.size(); ++c)
                    row.push_back(columnOf[c] >= 0 ? t.text(r, columnOf[c]) : "");
                part.addRow(std::move(row));
            }
            const std::string text = part.toString();
            out << text.substr(text.find('\n') + 1);
        }
        out.close();
        if (!out) throw InputError(mergedPath, "cannot write the merged table (disk full or no permission?)");
    });
}

} // namespace atomlens
