"""Official documents: registers, numbering, incoming, directions, outgoing, search."""
