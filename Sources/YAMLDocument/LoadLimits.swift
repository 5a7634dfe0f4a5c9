/// Bounds on what the loader accepts. A review tool reads files written by others; each bound
/// turns a resource attack (huge file, deep nesting, alias bomb, millions of tiny nodes) into a
/// located error.
public struct LoadLimits: Sendable, Hashable {
    /// Largest file read, in bytes. Descriptions are a few kilobytes; 16 MiB leaves room for
    /// generated ones with tens of thousands of components.
    public var maxBytes: Int
    /// Deepest nesting of collections. A description nests about six levels.
    public var maxDepth: Int
    /// Most nodes that alias expansion may add in one document (the "billion laughs" guard).
    public var maxAliasNodes: Int
    /// Most nodes (scalars, sequences, mappings; an alias counts as one) in one document. The size
    /// limit alone admits eight million nodes (`[0,0,…]`), whose loading and checking outgrow any
    /// reasonable time and memory; every later stage's work grows with the nodes, not the bytes. A
    /// description with 50 000 generated components has 700 251; the template has 251.
    public var maxNodes: Int

    public init(
        maxBytes: Int = 16 << 20, maxDepth: Int = 64, maxAliasNodes: Int = 10_000, maxNodes: Int = 750_000
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
        self.maxNodes = maxNodes
    }

    public static let `default` = LoadLimits()

    /// Each bound the higher of this one and `floor`'s.
    public func atLeast(_ floor: LoadLimits) -> LoadLimits {
        LoadLimits(
            maxBytes: max(maxBytes, floor.maxBytes), maxDepth: max(maxDepth, floor.maxDepth),
            maxAliasNodes: max(maxAliasNodes, floor.maxAliasNodes), maxNodes: max(maxNodes, floor.maxNodes))
    }
}
