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
        let node: Node
        do {
            node = try source.load(limits: limits)
        } catch {
            return Outcome(description: nil, diagnostics: [error])
        }
        return validate(consume node, source: source, mode: mode)
    }

    public static func validate(_ node: consuming Node, source: SourceFile, mode: SchemaValidator.Mode) -> Outcome {
        if let mismatch = SchemaValidator.formatMismatch(node, expected: FrameworkFormat.identifier, file: source.path)
        {
            return Outcome(description: nil, diagnostics: [mismatch])
        }
        let result = SchemaValidator(root: FrameworkFormat.root, mode: mode).validate(consume node, file: source.path)
        let description = result.value.map { FrameworkDescription(source: source, root: $0) }
        return Outcome(description: description, diagnostics: result.diagnostics)
    }
}
