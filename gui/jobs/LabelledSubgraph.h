#pragma once
#include "core/nn/EgnnInput.h"

namespace atomlens::gui {

/// The part of a node-level graph that training on its labels needs: every node within `hops` edges of
/// a labelled node, with the edges among them. With `hops` = the network's message-passing layers the
/// labelled nodes' outputs are exactly those on the whole graph (each layer reaches one edge further;
/// nodes at the rim only feed nodes further in), so fine-tuning on a few labels of a large image costs
/// the labels' neighbourhoods, not the image. A model with radius edges (`reach` > 0 bond lengths,
/// EgnnArchitecture::edgeReach) connects by distance instead: then every node within hops x reach of a
/// labelled node is kept. Graph-level inputs (rings) are returned unchanged.
EgnnInput labelledSubgraph(const EgnnInput& input, int hops, double reach = 0);

} // namespace atomlens::gui
