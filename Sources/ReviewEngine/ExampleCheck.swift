import PolicyCatalog
import YAMLDocument

/// A catalog's worked examples, run through the engine: each must give the status it states. The
/// examples are a clause's documentation and its tests, so a catalog whose examples disagree with
/// its checks says one thing and does another; it is refused when it is loaded, as the test suite
/// refuses the shipped catalogs. (Examples were only run by the test suite, and a catalog of the
/// user's with contradictory examples was used as it stood.)
public enum ExampleCheck {
    /// One located error per example that does not give its status. The examples of a catalog are
    /// reviewed within `limits` together, as one description is: each is small, but a catalog of
    /// 2 000 checks and 2 000 examples is four million checks run (5 s), and the node budget
    /// admits twenty times that. Past the limits, one error at the example that passed them.
    public static func failures(of catalog: Catalog, limits: ReviewLimits = .default) -> [Diagnostic] {
        var failures: [Diagnostic] = []
        let meter = WorkMeter(limits: limits)
        for clause in catalog.clauses {
            for (index, example) in clause.examples.enumerated() {
                let name = "example \(index + 1) of \(clause.id)"
                let outcome: String
                do {
                    let result = try Engine.evaluate(clause, of: catalog, in: example.description, meter: meter)
                    guard result.status != example.expect else { continue }
                    let reasons = result.findings.filter { $0.status == result.status }.map(\.message)
                    outcome =
                        "the checks give \(result.status.phrase)"
                        + (reasons.first.map { ": \($0)" } ?? "")
                } catch {
                    let (what, option) =
                        error.limit == .findings
                        ? ("findings", "--max-findings")
                        : ("steps (elements checked and places visited)", "--max-steps")
                    failures.append(
                        diagnostic(
                            "the examples of catalog \(catalog.id) passed \(error.maximum) \(what) together, at \(name) "
                                + "(check '\(error.checkID)'), and were stopped; raise the limit with \(option)",
                            at: example, in: catalog))
                    return failures
                }
                failures.append(
                    diagnostic("\(name) expects \(example.expect.phrase), but " + outcome, at: example, in: catalog))
            }
        }
        return failures
    }

    private static func diagnostic(_ message: String, at example: Example, in catalog: Catalog) -> Diagnostic {
        Diagnostic(
            file: catalog.file, location: example.range.start,
            message: example.aliases.message(message, at: example.range.start))
    }
}
