import FrameworkModel
import PolicyCatalog
import ReviewEngine
import YAMLDocument

/// Builds a one-clause catalog around the given checks and evaluates fragments with it.
public struct Probe: Sendable {
    public let clause: Clause
    public let catalog: Catalog

    public init(checks: String, examples: String = Probe.defaultExamples) throws {
        let text = """
            catalog: probe
            title: Probe
            document: {title: Probe, reference: P, version: "1"}
            clauses:
              - id: P-1
                title: Probe
                paraphrase: Probe.
                subject: [framework]
                source: {document: P, version: "1", section: "1"}
                severity: high
                rationale: Probe.
                recommendation: Fix it.
                checks:
            \(checks.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n"))
                examples:
            \(examples)
            """
        let outcome = CatalogLoader.load(SourceFile(path: "probe.yaml", bytes: Array(text.utf8)))
        guard let catalog = outcome.catalog else {
            throw TestSupport.Failure(outcome.diagnostics.map(\.description).joined(separator: "\n"))
        }
        clause = catalog.clauses[0]
        self.catalog = catalog
    }

    /// Placeholder examples (the loader requires them); the tests evaluate their own fragments.
    public static let defaultExamples = """
              - {expect: satisfied, description: {}}
              - {expect: violated, description: {}}
        """

    public func evaluate(
        _ fragment: String, file: String = "f.yaml", limits: ReviewLimits = .default
    ) throws -> ClauseResult {
        let node = try YAMLLoader.load(fragment)
        let source = SourceFile(path: file, bytes: Array(fragment.utf8))
        let outcome = DescriptionLoader.validate(node, source: source, mode: .fragment)
        guard let description = outcome.description else {
            throw TestSupport.Failure(outcome.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return try Engine.evaluate(clause, of: catalog, in: description, limits: limits)
    }

    public func status(_ fragment: String) throws -> Status { try evaluate(fragment).status }
}
