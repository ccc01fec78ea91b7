import PlacementModel

/// A case's arc into a chain node, for the pair it comes from.
struct ArcEnd: Hashable, Sendable {
    var pair: Int32
    var node: Int32
}
