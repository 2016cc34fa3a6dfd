#pragma once
#include <string>
#include <vector>

namespace atomlens::cli {

/// A subcommand: receives the arguments after its name, returns the exit code. Throwing
/// std::invalid_argument means a usage error, any other exception a failure; main prints one line.
struct Command {
    const char* name;
    const char* synopsis;
    int (*run)(const std::vector<std::string>& args);
};

/// All subcommands, in the order `atomlens-cli --help` lists them.
const std::vector<Command>& commands();

int cmdInfo(const std::vector<std::string>& args);
int cmdExport(const std::vector<std::string>& args);
int cmdSimulate(const std::vector<std::string>& args);
int cmdBench(const std::vector<std::string>& args);
int cmdDetect(const std::vector<std::string>& args);
int cmdRun(const std::vector<std::string>& args);
int cmdClassify(const std::vector<std::string>& args);
int cmdFinetune(const std::vector<std::string>& args);
int cmdTrain(const std::vector<std::string>& args);
int cmdGraph(const std::vector<std::string>& args);
int cmdBatch(const std::vector<std::string>& args);
int cmdTrack(const std::vector<std::string>& args);
int cmdStats(const std::vector<std::string>& args);
/// Only in builds with LibTorch (ATOMLENS_WITH_NN).
int cmdTrainDetector(const std::vector<std::string>& args);
/// train-detector --finetune: few-shot adaptation of a detector to labelled images.
int cmdFinetuneDetector(const std::vector<std::string>& args);

} // namespace atomlens::cli
