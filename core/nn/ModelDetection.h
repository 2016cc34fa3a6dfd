#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/job/JobContext.h"

#include <string>

namespace atomlens {

/// The atoms a sub-model's pipeline classifies: the graphene columns (analyseGrapheneImage, completed
/// honeycomb, no classes) for the "graphene-si" model, detectAtoms with default settings for every other
/// model. Training graphs, evaluation and `classify` use this one function, so they cannot drift apart.
AtomTable detectForModel(const std::string& modelName, const Image& image, JobContext& job);

} // namespace atomlens
