// --device on the network commands (issue 17): the device is printed, a bad name is a usage error, and
// --device cuda without a usable GPU says why; batch --slurm --dry-run passes --device to its tasks
// without needing a GPU (or Slurm) on the submitting machine.
#include "tests/cli/CliTestSupport.h"

#include "core/nn/ComputeDevice.h"

#include <filesystem>
#include <fstream>
#include <iterator>

using atomlens::test::runCli;
using atomlens::test::TempDir;

TEST_CASE("cli: --device picks and prints where the networks run, cuda without a GPU says why", "[cli][nn]") {
    TempDir dir;
    REQUIRE(runCli({"simulate", "--size", "128", "--seed", "5", "-o", dir.file("s.tif"), "--truth",
                    dir.file("t.csv")},
                   dir)
                .code == 0);
    const auto cpu = runCli({"classify", dir.file("s.tif"), "--model", "mos2-species", "--device", "cpu",
                             "-o", dir.file("a.csv")},
                            dir);
    INFO(cpu.err);
    REQUIRE(cpu.code == 0);
    CHECK(cpu.err.find("classify: networks on cpu (") != std::string::npos);

    const auto fcn = runCli({"detect", dir.file("s.tif"), "--method", "fcn", "-o", dir.file("f.csv")}, dir);
    CHECK(fcn.code == 0);
    CHECK(fcn.err.find("detect: networks on ") != std::string::npos);
    const auto classical = runCli({"detect", dir.file("s.tif"), "-o", dir.file("c.csv")}, dir);
    CHECK(classical.code == 0);
    CHECK(classical.err.find("networks on") == std::string::npos); // no network, no device line

    const auto bad = runCli({"classify", dir.file("s.tif"), "--model", "mos2-species", "--device", "tpu",
                             "-o", dir.file("b.csv")},
                            dir);
    CHECK(bad.code == 2);
    CHECK(bad.err.find("unknown --device 'tpu' (use auto, cpu or cuda)") != std::string::npos);

    const auto cuda = runCli({"classify", dir.file("s.tif"), "--model", "mos2-species", "--device", "cuda",
                              "-o", dir.file("g.csv")},
                             dir);
    INFO(cuda.err);
    if (atomlens::cudaAvailable()) {
        CHECK(cuda.code == 0);
        CHECK(cuda.err.find("classify: networks on cuda") != std::string::npos);
    } else {
        WARN("no usable CUDA GPU here: checking the refusal of --device cuda");
        CHECK(cuda.code == 1);
        CHECK(cuda.err.find(atomlens::torchHasCuda() ? "no GPU is visible" : "CPU-only LibTorch") !=
              std::string::npos);
        CHECK_FALSE(std::filesystem::exists(dir.file("g.csv")));
    }
}

TEST_CASE("cli: batch --slurm --dry-run prints both scripts with the passthrough options", "[cli][slurm]") {
    TempDir dir;
    std::filesystem::create_directories(dir.file("in"));
    for (const char* seed : {"1", "2", "3"})
        REQUIRE(runCli({"simulate", "--preset", "perovskite", "--size", "96", "--seed", seed, "-o",
                        dir.file("in/img" + std::string(seed) + ".tif"), "--truth",
                        dir.file(std::string(seed) + ".csv")},
                       dir)
                    .code == 0);
    const std::string chain = atomlens::test::sourceDir() + "/resources/chains/perovskite.yaml";
    const auto r = runCli({"batch",    dir.file("in"),    "--chain", chain,         "-o",    dir.file("out"),
                           "--slurm",  "--array-size",    "8",       "--partition", "gpu",   "--time",
                           "00:30:00", "--cpus-per-task", "4",       "--gres",      "gpu:1", "--device",
                           "cuda",     "--workers",       "2",       "--dry-run"},
                          dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    for (const char* want :
         {"#SBATCH --array=0-2\n", "#SBATCH --partition=gpu\n", "#SBATCH --time=00:30:00\n",
          "#SBATCH --cpus-per-task=4\n", "#SBATCH --gres=gpu:1\n", "'--device' 'cuda'", "'--workers' '2'",
          "--slurm-merge", "afterok", "--threads \"${SLURM_CPUS_PER_TASK:-1}\""})
        CHECK(r.out.find(want) != std::string::npos);
    // --threads given: every task gets that many, not the node's hardware thread count.
    const auto threads = runCli({"batch", "--threads", "3", dir.file("in"), "--chain", chain, "-o",
                                 dir.file("out"), "--slurm", "--dry-run"},
                                dir);
    CHECK(threads.code == 0);
    CHECK(threads.out.find("--task \"$SLURM_ARRAY_TASK_ID\"") != std::string::npos);
    CHECK(threads.out.find(" --threads 3\n") != std::string::npos);
    CHECK(r.err.find("3 of 3 items would run in 3 array tasks") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("out")));

    const auto stray =
        runCli({"batch", dir.file("in"), "--chain", chain, "-o", dir.file("out"), "--gres", "gpu:1"}, dir);
    CHECK(stray.code == 2);
    CHECK(stray.err.find("--gres needs --slurm") != std::string::npos);
}

TEST_CASE("cli: batch --batch-inference on shares network passes between items and changes no answer",
          "[cli][batching]") {
    TempDir dir;
    std::filesystem::create_directories(dir.file("in"));
    for (const char* seed : {"1", "2", "3", "4"})
        REQUIRE(runCli({"simulate", "--size", "128", "--seed", seed, "-o",
                        dir.file("in/img" + std::string(seed) + ".tif"), "--truth",
                        dir.file(std::string(seed) + ".csv")},
                       dir)
                    .code == 0);
    const auto on = runCli({"batch", dir.file("in"), "--model", "mos2-species", "-o", dir.file("on"),
                            "--workers", "4", "--batch-inference", "on"},
                           dir);
    INFO(on.err);
    REQUIRE(on.code == 0);
    CHECK(on.err.find("batched inference: 4 graphs in ") != std::string::npos);
    const auto off = runCli({"batch", dir.file("in"), "--model", "mos2-species", "-o", dir.file("off"),
                             "--workers", "4", "--batch-inference", "off"},
                            dir);
    REQUIRE(off.code == 0);
    CHECK(off.err.find("batched inference") == std::string::npos); // off: every item its own pass
    const auto read = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const std::string merged = read(dir.file("on/merged_atoms.csv"));
    CHECK(merged.size() > 1000);
    CHECK(merged == read(dir.file("off/merged_atoms.csv")));
    const auto bad = runCli({"batch", dir.file("in"), "--model", "mos2-species", "-o", dir.file("bad"),
                             "--batch-inference", "sometimes"},
                            dir);
    CHECK(bad.code == 2);
    CHECK(bad.err.find("--batch-inference") != std::string::npos);
}
