import DocumentSchema
import YAMLDocument

/// A validated framework description: the typed value tree (with the source range of every
/// fact) and the file it came from.
public struct FrameworkDescription: Sendable {
    public var source: SourceFile
    public var root: Value

    public init(source: SourceFile, root: Value) {
        self.source = source
        self.root = root
    }

    public var file: String { source.path }

    private func text(_ section: String, _ field: String) -> String {
        root.object?[section]?.object?[field]?.string ?? ""
    }

    public var name: String { text("framework", "name") }
    public var vo: String { text("framework", "vo") }
    public var descriptionVersion: String { text("framework", "description_version") }
    public var describedOn: String { text("framework", "described_on") }

    /// What the framework does and what the description covers, in the describer's words, cut
    /// after `summaryLimit` bytes; nil when not written. The reports put it under the framework's
    /// name: every finding reads in its light ("covers only the gLExec configuration").
    public var summary: String? {
        guard let text = root.object?["framework"]?.object?["summary"]?.string else { return nil }
        return text.utf8.count <= Self.summaryLimit ? text : text.leadingCharacters(maxBytes: Self.summaryLimit) + "…"
    }

    /// A paragraph, generously: long enough for any summary written as one, short enough that a
    /// summary of megabytes is not copied into every report of it.
    public static let summaryLimit = 4_000
}

/// Reading and validating descriptions: bytes → YAML tree → `FrameworkDescription`, with every
/// problem as a located diagnostic.
public enum DescriptionLoader {
    public struct Outcome: Sendable {
        public var description: FrameworkDescription?
        public var diagnostics: [Diagnostic]
    }

    public static func load(
        _ source: SourceFile, limits: LoadLimits = .default, mode: SchemaValidator.Mode = .complete
    ) -> Outcome {
        let loaded = SchemaValidator(root: FrameworkFormat.root, mode: mode).load(
            source, limits: limits, identifier: FrameworkFormat.identifier
        ) { (FrameworkDescription(source: source, root: $0), []) }
        return Outcome(description: loaded.document, diagnostics: loaded.diagnostics)
    }

    /// A description written inside another file (a catalog example), reached through the aliases
    /// `reachedThrough` (outermost first) when it was pasted by one.
    public static func validate(
        _ node: Node, source: SourceFile, mode: SchemaValidator.Mode, reachedThrough: AliasTrail = AliasTrail()
    ) -> Outcome {
        validate(NodeTable(node), source: source, mode: mode, reachedThrough: reachedThrough)
    }

    public static func validate(
        _ table: NodeTable, source: SourceFile, mode: SchemaValidator.Mode, reachedThrough: AliasTrail = AliasTrail()
    ) -> Outcome {
        var validator = SchemaValidator(root: FrameworkFormat.root, mode: mode)
        validator.reachedThrough = reachedThrough
        let loaded = validator.load(
            table, file: source.path, identifier: FrameworkFormat.identifier
        ) { (FrameworkDescription(source: source, root: $0), []) }
        return Outcome(description: loaded.document, diagnostics: loaded.diagnostics)
    }
}
