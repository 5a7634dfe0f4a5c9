import PolicyCatalog
import YAMLDocument

/// A catalog's worked examples, run through the engine: each must give the status it states. The
/// examples are a clause's documentation and its tests, so a catalog whose examples disagree with
/// its checks says one thing and does another; it is refused when it is loaded, as the test suite
/// refuses the shipped catalogs. (Examples were only run by the test suite, and a catalog of the
/// user's with contradictory examples was used as it stood.)
public enum ExampleCheck {
    /// One located error per example that does not give its status.
    public static func failures(of catalog: Catalog) -> [Diagnostic] {
        var failures: [Diagnostic] = []
        for clause in catalog.clauses {
            for (index, example) in clause.examples.enumerated() {
                let outcome: String
                do {
                    let result = try Engine.evaluate(clause, of: catalog, in: example.description)
                    guard result.status != example.expect else { continue }
                    let reasons = result.findings.filter { $0.status == result.status }.map(\.message)
                    outcome =
                        "the checks give \(result.status.phrase)"
                        + (reasons.first.map { ": \($0)" } ?? "")
                } catch {
                    outcome = "its review was stopped: \(error.diagnostic.message)"
                }
                let message =
                    "example \(index + 1) of \(clause.id) expects \(example.expect.phrase), but " + outcome
                failures.append(
                    Diagnostic(
                        file: catalog.file, location: example.range.start,
                        message: Diagnostic.message(
                            message, at: example.range.start, throughAliases: example.aliases)))
            }
        }
        return failures
    }
}
