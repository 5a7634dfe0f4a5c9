import DocumentSchema
import FrameworkModel
import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing

/// One check of one clause of the shipped catalogs.
struct CheckCase: Sendable, CustomTestStringConvertible {
    var catalog: Catalog
    var clause: Clause
    var index: Int

    var check: Check { clause.checks[index] }
    var ruleID: String { clause.id + "/" + check.id }
    var testDescription: String { "\(ruleID) at \(catalog.file):\(check.range.start.line)" }
}

/// The examples test the clause's status (`CatalogExampleTests`), which one failing check decides:
/// a check that fails only in examples where another check fails too could be broken to pass
/// always, and every example would still give its status. So every check of every shipped clause
/// is violated (needs-information, if it can only be undecided) in an example of its clause in
/// which it is the only check that is not satisfied or not applicable: the example isolates it.
@Suite struct CheckIsolationTests {
    /// Checks that no plausible description fails alone, each with the checks of its clause that
    /// fail with it, and why. Such a check must still fail in an example where only those fail with it.
    static let inseparable: [String: (with: Set<String>, reason: String)] = [
        "MUPJ-6/no-fallback-on-refusal": (
            ["refusal-reported"], "run-as-pilot and retry-here, the answers to a 203 it refuses, report nothing"
        ),
        "MUPJ-8/separate-account": (
            ["user-proxies-private", "pilot-proxy-out-of-reach"],
            "a payload not switched to an account of its own reads what the pilot's and the payloads' accounts read, "
                + "the proxies on the node among them"
        ),
    ]

    static let cases: [CheckCase] = {
        guard let set = try? TestSupport.shippedCatalogs() else { return [] }
        return set.catalogs.flatMap { catalog in
            catalog.clauses.flatMap { clause in
                clause.checks.indices.map { CheckCase(catalog: catalog, clause: clause, index: $0) }
            }
        }
    }()

    /// Whether the check, where it does not hold, can only be undecided: it asks for one fact to be
    /// stated (`exists: true`) at a place reached through mappings alone, which a description states
    /// (true), leaves out or calls unknown (unknown), but never lacks (false: docs/check-language.md).
    static func canOnlyBeUndecided(_ check: Check) -> Bool {
        guard check.when == nil, check.forEach == nil, case .test(let test) = check.require,
            test.op == .exists(true)
        else { return false }
        var shape = Shape.object(FrameworkFormat.root)
        for segment in test.path.segments {
            guard case .object(let object) = shape, let field = object.field(segment) else { return false }
            shape = field.shape
        }
        if case .list = shape { return false }
        return true
    }

    @Test func theShippedCatalogsHaveChecks() throws {
        _ = try TestSupport.shippedCatalogs()
        #expect(Self.cases.count >= 40)
    }

    @Test func theInseparableChecksAreShippedChecks() {
        let rules = Dictionary(uniqueKeysWithValues: Self.cases.map { ($0.ruleID, $0) })
        for (rule, entry) in Self.inseparable {
            let item = rules[rule]
            #expect(item != nil, "\(rule) is not a check of the shipped catalogs")
            let checks = Set(item?.clause.checks.map(\.id) ?? [])
            #expect(entry.with.isSubset(of: checks), "\(rule) fails with checks its clause does not have")
            #expect(!entry.with.isEmpty, "\(rule) names no check it fails with")
        }
    }

    @Test(arguments: cases)
    func anExampleFailsTheCheckAlone(_ item: CheckCase) throws {
        let failed: Status = Self.canOnlyBeUndecided(item.check) ? .needsInformation : .violated
        let allowed = Self.inseparable[item.ruleID]?.with ?? []
        var alone: [Int] = []
        var withAllowed: [Int] = []
        var withOthers: [String] = []
        for (index, example) in item.clause.examples.enumerated() {
            let result = try Engine.evaluate(item.clause, of: item.catalog, in: example.description)
            guard result.findings.contains(where: { $0.checkID == item.check.id && $0.status == failed }) else {
                continue
            }
            let others = Set(result.findings.filter { $0.status.isOpen }.map(\.checkID)).subtracting([item.check.id])
            if others.isEmpty {
                alone.append(index + 1)
            } else if others.isSubset(of: allowed) {
                withAllowed.append(index + 1)
            } else {
                withOthers.append("\(index + 1) (with \(others.sorted().joined(separator: ", ")))")
            }
        }
        let failing = "examples that fail it: " + (withOthers.isEmpty ? "none" : withOthers.joined(separator: "; "))
        if let entry = Self.inseparable[item.ruleID] {
            let stale =
                "example \(alone.map(String.init).joined(separator: ", ")) fails it alone: it is not inseparable "
                + "(\(entry.reason)), remove it from the list"
            #expect(alone.isEmpty, "\(item.testDescription): \(stale)")
            let missing =
                "no example makes it \(failed.rawValue) with no other check failing but "
                + "\(entry.with.sorted().joined(separator: ", ")); \(failing)"
            #expect(!withAllowed.isEmpty, "\(item.testDescription): \(missing)")
        } else {
            let missing =
                "no example makes it \(failed.rawValue) while every other check of \(item.clause.id) is "
                + "satisfied or not applicable; \(failing)"
            #expect(!alone.isEmpty, "\(item.testDescription): \(missing)")
        }
    }
}
