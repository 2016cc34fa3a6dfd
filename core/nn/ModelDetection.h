#pragma once
#include "core/data/AtomTable.h"
#include "core/data/Image.h"
#include "core/job/JobContext.h"
#include "core/nn/ModelCard.h"

#include <string>

namespace atomlens {

/// The atoms a sub-model's pipeline classifies: the graphene columns (analyseGrapheneImage, completed
/// honeycomb, no classes) for the "graphene-si" model, detectAtoms with default settings for every other
/// model. Training graphs, evaluation and `classify` use this one function, so they cannot drift apart.
AtomTable detectForModel(const std::string& modelName, const Image& image, JobContext& job);

/// Where a card's model takes its atoms from: its `inputs.atoms` ("graphene" or "" for the default
/// detector), else "graphene" for the shipped graphene-si (cards written before the field).
std::string atomSourceOf(const ModelCard& card);

/// detectForModel for a card: the graphene analysis when atomSourceOf(card) is "graphene" (so a model
/// fine-tuned from graphene-si under another name still sees the graph it was made on).
AtomTable detectForModel(const ModelCard& card, const Image& image, JobContext& job);

} // namespace atomlens
