import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing
import YAMLDocument

/// One worked example of one clause of the shipped catalogs.
struct ExampleCase: Sendable, CustomTestStringConvertible {
    var catalog: Catalog
    var clause: Clause
    var index: Int

    var example: Example { clause.examples[index] }
    var testDescription: String {
        "\(clause.id) example \(index + 1) (\(example.expect.rawValue)) at \(catalog.file):\(example.range.start.line)"
    }
}

/// Every example of every clause of every shipped catalog, run through the engine, must produce
/// the status it states: the examples are the clauses' documentation and their tests.
@Suite struct CatalogExampleTests {
    static let cases: [ExampleCase] = {
        guard let set = try? TestSupport.shippedCatalogs() else { return [] }
        return set.catalogs.flatMap { catalog in
            catalog.clauses.flatMap { clause in
                clause.examples.indices.map { ExampleCase(catalog: catalog, clause: clause, index: $0) }
            }
        }
    }()

    @Test func theShippedCatalogsHaveExamples() throws {
        _ = try TestSupport.shippedCatalogs()
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func exampleProducesItsStatus(_ item: ExampleCase) throws {
        let result = try Engine.evaluate(item.clause, of: item.catalog, in: item.example.description)
        #expect(
            result.status == item.example.expect,
            "\(item.testDescription): got \(result.status.rawValue); \(result.findings.map(\.message))")
    }
}

/// Examples pasted into a second clause by an alias are run against that clause's checks; a
/// failure there names the alias (the example's own lines are the first clause's).
@Suite struct AliasedExampleTests {
    @Test func aFailureOfAPastedExampleNamesTheAlias() throws {
        let text = """
            catalog: test
            title: Test catalog
            document: {title: Test, reference: T-1, version: "1"}
            clauses:
              - id: T-1
                title: gLExec is used
                paraphrase: P.
                subject: [framework]
                source: {document: T-1, version: "1", section: "1"}
                severity: high
                rationale: R.
                recommendation: R.
                checks:
                  - id: glexec
                    title: gLExec is used.
                    require: &g {field: payload_execution.identity_switching.mechanism, equals: glexec}
                examples: &e
                  - expect: satisfied
                    description:
                      payload_execution: {identity_switching: {mechanism: glexec}}
                  - expect: violated
                    description:
                      payload_execution: {identity_switching: {mechanism: none}}
              - id: T-2
                title: gLExec is not used
                paraphrase: P.
                subject: [framework]
                source: {document: T-1, version: "1", section: "1"}
                severity: high
                rationale: R.
                recommendation: R.
                checks:
                  - id: none
                    title: None.
                    require: {not: *g}
                examples: *e

            """
        let outcome = CatalogLoader.load(SourceFile(path: "c.yaml", bytes: Array(text.utf8)))
        let catalog = try #require(outcome.catalog, "\(outcome.diagnostics)")
        #expect(
            ExampleCheck.failures(of: catalog).map(\.description) == [
                "c.yaml:18:9: error: example 1 of T-2 expects satisfied, but the checks give violated: expected "
                    + "`payload_execution.identity_switching.mechanism` is not glexec, found glexec (line 20). "
                    + "(reached through the alias at line 36, column 15)",
                "c.yaml:21:9: error: example 2 of T-2 expects violated, but the checks give satisfied: As required: "
                    + "`payload_execution.identity_switching.mechanism` is not glexec. "
                    + "(reached through the alias at line 36, column 15)",
            ])
    }
}
