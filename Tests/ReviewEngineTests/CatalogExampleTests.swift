import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing

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
