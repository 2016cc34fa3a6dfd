// BatchRunner: items from folders, lists and stacks; resume after a cancel and a simulated crash
// (half-written outputs, stale or torn markers) without redoing finished items; merged tables.
#include "tests/TestSupport.h"

#include "core/analysis/BatchRunner.h"
#include "core/data/Errors.h"
#include "core/io/AtomTableCsv.h"
#include "core/io/CsvTable.h"
#include "core/io/TiffWriter.h"
#include "core/simulate/Simulator.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

using namespace atomlens;
namespace fs = std::filesystem;

namespace {

void writeImages(const fs::path& folder, int count, int firstSeed = 1) {
    fs::create_directories(folder);
    for (int i = 0; i < count; ++i) {
        SimulationParams p;
        p.width = p.height = 128;
        p.seed = std::uint64_t(firstSeed + i);
        writeTiff(simulate(p).micrograph, (folder / ("img" + std::to_string(i) + ".tif")).string());
    }
}

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TaskChain detectGraphChain() {
    return TaskChain::parse("name: t\nsteps:\n  - step: detect\n  - step: graph\n", "test");
}

/// Runs a batch, collecting the per-item statuses by item name.
std::map<std::string, BatchItemStatus> runAndCollect(BatchRunner& runner, JobContext& job,
                                                     BatchSummary* summary = nullptr) {
    std::map<std::string, BatchItemStatus> statuses;
    std::mutex m;
    runner.setItemCallback([&](const BatchItemReport& r) {
        std::lock_guard<std::mutex> lock(m);
        statuses[runner.items()[r.index].name] = r.status;
    });
    const BatchSummary s = runner.run(job);
    if (summary) *summary = s;
    return statuses;
}

} // namespace

TEST_CASE("Batch items come from folders, lists and stacks", "[batch]") {
    test::TempDir tmp;
    writeImages(tmp.path() / "a", 2);
    SimulationParams p;
    p.width = p.height = 64, p.frames = 3;
    writeTiff(simulate(p).micrograph, tmp.file("stack.tif"));
    std::ofstream(tmp.file("list.txt")) << "# two files\n\n a/img1.tif \n" << tmp.file("a/img0.tif") << "\n";
    std::ofstream(tmp.path() / "a" / "notes.md") << "not an image";

    const auto folder = collectBatchItems({(tmp.path() / "a").string()});
    REQUIRE(folder.size() == 2);
    CHECK(folder[0].name == "img0");
    CHECK(folder[1].name == "img1");
    const auto list = collectBatchItems({tmp.file("list.txt")});
    REQUIRE(list.size() == 2);
    CHECK(fs::path(list[0].source).filename() == "img1.tif");
    CHECK(list[1].name == "img0");
    const auto stack = collectBatchItems({tmp.file("stack.tif")});
    REQUIRE(stack.size() == 3);
    CHECK(stack[2].frame == 2);
    CHECK(stack[2].name == "stack_f2");
    const auto both = collectBatchItems({tmp.file("list.txt"), (tmp.path() / "a").string()});
    REQUIRE(both.size() == 4);
    CHECK(both[3].name == "img1_2"); // repeated stems stay apart
    CHECK_THROWS_AS(collectBatchItems({tmp.file("missing")}), InputError);
    std::ofstream(tmp.file("bad.txt")) << "nowhere.tif\n";
    CHECK_THROWS_AS(collectBatchItems({tmp.file("bad.txt")}), InputError);
}

TEST_CASE("A batch resumes after a cancel and a crash without redoing finished items", "[batch][resume]") {
    test::TempDir tmp;
    writeImages(tmp.path() / "images", 6);
    const auto items = collectBatchItems({(tmp.path() / "images").string()});
    REQUIRE(items.size() == 6);
    const fs::path out = tmp.path() / "out";

    // First run: canceled after 3 items.
    BatchRunner runner(detectGraphChain(), items, out.string());
    CancelAfterProgress stopper(3);
    BatchSummary first;
    auto statuses = runAndCollect(runner, stopper, &first);
    CHECK(first.canceled);
    CHECK(first.done == 3);
    for (int i = 0; i < 6; ++i) CHECK(runner.isComplete(items[std::size_t(i)]) == (i < 3));
    CHECK(fs::exists(out / "batch.csv"));

    // A crash: item 3 half written (torn atoms.csv, no marker), item 4 with a stale marker (other
    // chain), item 1 with a torn marker.
    fs::create_directories(out / "img3");
    std::ofstream(out / "img3" / "atoms.csv") << "id,x,y\n1,2";
    fs::create_directories(out / "img4");
    std::ofstream(out / "img4" / "done.json") << readText(out / "img0" / "done.json");
    CHECK_FALSE(runner.isComplete(items[4]));
    std::ofstream(out / "img1" / "done.json", std::ios::trunc) << "{\"source\": ";
    CHECK_FALSE(runner.isComplete(items[1]));
    const auto untouched = fs::last_write_time(out / "img0" / "atoms.csv");
    const std::string img2Atoms = readText(out / "img2" / "atoms.csv");

    // Resume: 0 and 2 skipped, the rest (1, 3, 4, 5) done.
    BasicJobContext job;
    BatchSummary second;
    statuses = runAndCollect(runner, job, &second);
    CHECK_FALSE(second.canceled);
    CHECK(second.skipped == 2);
    CHECK(second.done == 4);
    CHECK(statuses["img0"] == BatchItemStatus::Skipped);
    CHECK(statuses["img2"] == BatchItemStatus::Skipped);
    CHECK(statuses["img1"] == BatchItemStatus::Done);
    CHECK(statuses["img3"] == BatchItemStatus::Done);
    CHECK(fs::last_write_time(out / "img0" / "atoms.csv") == untouched);
    CHECK(readText(out / "img2" / "atoms.csv") == img2Atoms);
    const AtomTable redone = readAtomsCsv((out / "img3" / "atoms.csv").string());
    CHECK(redone.size() > 50);
    for (const auto& item : items) CHECK(runner.isComplete(item));

    // The merged table equals that of an uninterrupted run, and holds every item's rows.
    BatchRunner clean(detectGraphChain(), items, (tmp.path() / "clean").string());
    BasicJobContext job2;
    const BatchSummary all = clean.run(job2);
    CHECK(all.done == 6);
    const CsvTable merged = CsvTable::read((out / "merged_atoms.csv").string());
    std::size_t rows = 0;
    for (const auto& item : items)
        rows += CsvTable::read((out / item.name / "atoms.csv").string()).rowCount();
    CHECK(merged.rowCount() == rows);
    CHECK(merged.header()[0] == "item");
    CHECK(readText(out / "merged_atoms.csv") == readText(tmp.path() / "clean" / "merged_atoms.csv"));

    // A changed source or a changed chain invalidates the marker.
    writeImages(tmp.path() / "images", 1, 99); // img0 rewritten with other content
    CHECK_FALSE(runner.isComplete(items[0]));
    BatchRunner otherChain(TaskChain::parse("steps:\n  - step: detect\n", "t"), items, out.string());
    CHECK_FALSE(otherChain.isComplete(items[5]));
    CHECK(otherChain.chainFingerprint() != runner.chainFingerprint());
}

TEST_CASE("A failing item is reported and the others still run", "[batch]") {
    test::TempDir tmp;
    writeImages(tmp.path() / "images", 2);
    std::ofstream(tmp.path() / "images" / "broken.tif") << "II*\0garbage";
    std::vector<BatchItem> items = {{(tmp.path() / "images" / "img0.tif").string(), 0, "img0"},
                                    {(tmp.path() / "images" / "broken.tif").string(), 0, "broken"},
                                    {(tmp.path() / "images" / "img1.tif").string(), 0, "img1"}};
    BatchRunner runner(detectGraphChain(), items, (tmp.path() / "out").string());
    runner.setWorkers(2);
    BasicJobContext job;
    BatchSummary s;
    auto statuses = runAndCollect(runner, job, &s);
    CHECK(s.done == 2);
    CHECK(s.failed == 1);
    CHECK(statuses["broken"] == BatchItemStatus::Failed);
    CHECK(job.lastDone() == 3);
    CHECK(job.lastTotal() == 3);
    const CsvTable batch = CsvTable::read((tmp.path() / "out" / "batch.csv").string());
    REQUIRE(batch.rowCount() == 3);
    CHECK(batch.text(1, batch.requireColumn("status", "batch.csv")) == "failed");
    CHECK_FALSE(batch.text(1, batch.requireColumn("message", "batch.csv")).empty());
    CHECK_FALSE(fs::exists(tmp.path() / "out" / "broken" / "done.json"));
}
