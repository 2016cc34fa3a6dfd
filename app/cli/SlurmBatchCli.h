#pragma once
#include "app/cli/CliArgs.h"

#include <string>
#include <vector>

namespace atomlens::cli {

/// `batch` options of the Slurm modes (core/analysis/SlurmBatch.h), added to batch's own:
///   --slurm [--array-size N] [--partition P] [--time T] [--cpus-per-task C] [--gres G] [--sbatch-arg A]...
///           [--dry-run] [--wait]                       write the scripts and submit (sbatch) a job array
///   --slurm-task MANIFEST --task I --job J             what array task I runs (written into the script)
///   --slurm-merge MANIFEST [--job J]                   what the merge job runs
std::vector<std::string> slurmBatchValuedOptions();
std::vector<std::string> slurmBatchFlags();

/// Runs `batch` in a Slurm mode when the arguments ask for one: returns true and sets `exitCode`.
bool runSlurmBatchMode(const CliArgs& args, int& exitCode);

} // namespace atomlens::cli
