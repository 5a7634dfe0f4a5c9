/// The aliases a value was reached through, outermost first. A value anchored in one place and
/// pasted into another may be wrong only where it is pasted, so each reader that walks a document
/// through its aliases (the format check, the condition parser, the catalog's reader) keeps one,
/// and its errors name them (`message(_:at:)`).
public struct AliasTrail: Sendable, Equatable {
    public private(set) var locations: [SourceLocation]

    public init(_ locations: [SourceLocation] = []) {
        self.locations = locations
    }

    public var count: Int { locations.count }

    /// Notes the alias at `location` when `isAlias`, and says whether it did: the caller hands
    /// that to `leave` when it is done with the node. (`location` is only read for an alias: the
    /// format check asks about every node.)
    public mutating func enter(_ location: @autoclosure () -> SourceLocation, if isAlias: Bool) -> Bool {
        if isAlias { locations.append(location()) }
        return isAlias
    }

    public mutating func leave(_ entered: Bool) {
        if entered { locations.removeLast() }
    }

    /// `message` about the node at `location`, naming the aliases through which it was reached,
    /// when it was. An alias written at `location` itself is the node the message is about, and is
    /// not named again.
    public func message(_ message: String, at location: SourceLocation) -> String {
        var aliases = locations[...]
        if aliases.last == location { aliases = aliases.dropLast() }
        guard !aliases.isEmpty else { return message }
        let places = aliases.map { "line \($0.line), column \($0.column)" }
        return message + " (reached through the alias\(places.count == 1 ? "" : "es") at "
            + places.joined(separator: ", then ") + ")"
    }
}
