import PolicyCatalog
import TestSupport
import Testing

@testable import ReviewEngine

/// The review limits: a review passing either bound stops with an error located at the check
/// that passed it, and a review at the bound is complete.
@Suite struct ReviewLimitsTests {
    /// `count` components in the worker-node zone, as a description fragment.
    static func components(_ count: Int) -> String {
        "components:\n" + (0..<count).map { "  - {id: c\($0), kind: pilot, zone: worker-node}\n" }.joined()
    }

    static let everyComponent = try! Probe(
        checks: "- {id: zoned, title: Zoned., for_each: components, require: {field: zone, exists: true}}")
    static let noComponent = try! Probe(
        checks: """
            - {id: users, title: Users., for_each: components, where: {field: zone, equals: user},
               require: {field: kind, equals: pilot}}
            """)

    @Test func findingsUpToTheLimitAreKept() throws {
        let result = try Self.everyComponent.evaluate(
            Self.components(50), limits: ReviewLimits(maxFindings: 50, maxSteps: .max))
        #expect(result.findings.count == 50)
        #expect(result.status == .satisfied)
    }

    @Test func oneFindingOverTheLimitStopsTheReview() throws {
        let error = try #require(throws: ReviewLimitExceeded.self) {
            try Self.everyComponent.evaluate(Self.components(50), limits: ReviewLimits(maxFindings: 49, maxSteps: .max))
        }
        #expect(error.limit == .findings)
        #expect(
            error.diagnostic.description
                == "probe.yaml:14:9: error: the review of f.yaml passed 49 findings at check 'zoned' of P-1, and was "
                + "stopped; raise the limit with --max-findings")
    }

    /// A step is an element a check is run on, or a place a path passes through: here each of the
    /// 50 components is one, and the `where` path's two places (the component it starts from, its
    /// zone) two more. No finding but the last ("no element …"): only the steps bound the work.
    @Test func stepsCountElementsAndPlaces() throws {
        let fragment = Self.components(50)
        let result = try Self.noComponent.evaluate(fragment, limits: ReviewLimits(maxFindings: .max, maxSteps: 150))
        #expect(result.findings.map(\.status) == [.notApplicable])
        let error = try #require(throws: ReviewLimitExceeded.self) {
            try Self.noComponent.evaluate(fragment, limits: ReviewLimits(maxFindings: .max, maxSteps: 149))
        }
        #expect(error.limit == .steps)
        #expect(error.checkID == "users")
        #expect(
            error.diagnostic.message.hasSuffix(
                "passed 149 steps (elements checked and places visited) at check "
                    + "'users' of P-1, and was stopped; raise the limit with --max-steps"))
    }

    /// Comparing a value with a catalog's literals counts a step for every four: the same 50
    /// components, each compared with a `one_of` of 400 literals, take 100 steps more each.
    @Test func stepsCountComparisonsWithLiterals() throws {
        let literals = (0..<400).map { "z\($0)" }.joined(separator: ", ")
        let probe = try Probe(
            checks: """
                - {id: listed, title: Listed., for_each: components, where: {field: id, one_of: [\(literals)]},
                   require: {field: kind, equals: pilot}}
                """)
        let fragment = Self.components(50)
        let result = try probe.evaluate(fragment, limits: ReviewLimits(maxFindings: .max, maxSteps: 150 + 50 * 100))
        #expect(result.findings.map(\.status) == [.notApplicable])
        let error = try #require(throws: ReviewLimitExceeded.self) {
            try probe.evaluate(fragment, limits: ReviewLimits(maxFindings: .max, maxSteps: 149 + 50 * 100))
        }
        #expect(error.limit == .steps)
    }

    /// A pattern search is charged a step for every four bytes of its text before the text is
    /// read, so a text past the limit is never read; and the same pattern on the same text at the
    /// same place is searched once (a failing test is asked again for the places that fail it).
    @Test func patternSearchesAreChargedForTheirTextFirstAndAskedOnce() throws {
        let pattern = try Pattern("b")
        let text = String(repeating: "a", count: 4_000)
        let meter = WorkMeter(limits: ReviewLimits(maxFindings: .max, maxSteps: .max))
        #expect(!meter.search(pattern, in: text, at: 7))
        let first = meter.steps
        #expect(first > 1_000 && first < 2_000)
        #expect(!meter.search(pattern, in: text, at: 7))
        #expect(meter.steps == first + 1)
        // Another text at the same place is searched.
        #expect(meter.search(pattern, in: text + "b", at: 7))
        #expect(meter.steps > first + 1_000)

        let short = WorkMeter(limits: ReviewLimits(maxFindings: .max, maxSteps: 999))
        #expect(!short.search(pattern, in: text + "b", at: 0))
        #expect(short.passed == .steps)
        #expect(short.steps == 1_000)
    }

    /// A path through a derived field passes through every element that refers back: each counts.
    @Test func stepsCountThePlacesAPathReaches() throws {
        let probe = try Probe(
            checks: "- {id: held, title: Held., for_each: credentials, require: {field: held_by.zone, exists: true}}")
        let fragment =
            "components:\n"
            + (0..<10).map { "  - {id: c\($0), kind: pilot, zone: worker-node, holds: [p]}\n" }.joined()
            + "credentials:\n  - {id: p, type: voms-proxy}\n"
        // The credential the check is run on; the path steps from it into `held_by`, which reaches
        // the 10 components, and from each into its zone: 1 + 1 + 10 + 10.
        _ = try probe.evaluate(fragment, limits: ReviewLimits(maxFindings: .max, maxSteps: 22))
        #expect(throws: ReviewLimitExceeded.self) {
            try probe.evaluate(fragment, limits: ReviewLimits(maxFindings: .max, maxSteps: 21))
        }
    }

    /// The step limits from 1 to the first one the review stays within (found by doubling, so that
    /// the sweep crosses every point a cut can fall) at which the review neither stops nor gives
    /// the result made without a limit.
    static func silentlyWrong(_ probe: Probe, _ fragment: String) throws -> [Int] {
        let full = try probe.evaluate(fragment)
        func within(_ steps: Int) throws -> ClauseResult? {
            do {
                return try probe.evaluate(fragment, limits: ReviewLimits(maxFindings: .max, maxSteps: steps))
            } catch is ReviewLimitExceeded { return nil }
        }
        var enough = 1
        while try within(enough) == nil { enough *= 2 }
        var wrong: [Int] = []
        for steps in 1...enough {
            if let cut = try within(steps),
                cut.status != full.status || cut.findings.map(\.status) != full.findings.map(\.status)
            {
                wrong.append(steps)
            }
        }
        return wrong
    }

    /// A search cut off at the limit answers as if it found nothing: in the `where` of the last
    /// element of the last check, the element was passed over and the review returned without it
    /// (a violation read as satisfied), where it must stop.
    @Test func aSearchCutOffInTheLastWhereStopsTheReview() throws {
        let probe = try Probe(
            checks: """
                - {id: c, title: Central., for_each: components, where: {field: description, matches: "x$"},
                   require: {field: zone, equals: central}}
                """)
        let fragment = """
            components:
              - {id: a, zone: central, description: x}
              - {id: b, zone: worker-node, description: \(String(repeating: "a", count: 4_000))x}
            """
        #expect(try probe.status(fragment) == .violated)
        #expect(throws: ReviewLimitExceeded.self) {
            try probe.evaluate(fragment, limits: ReviewLimits(maxFindings: .max, maxSteps: 100))
        }
        #expect(try Self.silentlyWrong(probe, fragment) == [])
    }

    /// The same with a walk through a derived field (60 holders) cut off at the limit.
    @Test func aWalkCutOffInTheLastWhereStopsTheReview() throws {
        let probe = try Probe(
            checks: """
                - {id: c, title: Private., for_each: credentials, where: {field: held_by.zone, contains: worker-node},
                   require: {field: readable_by, contains: payload-account}}
                """)
        let holders = (0..<60).map { "  - {id: c\($0), zone: \($0 == 59 ? "worker-node" : "central"), holds: [q]}\n" }
        let fragment =
            "components:\n  - {id: w, zone: worker-node, holds: [p]}\n" + holders.joined()
            + "credentials:\n  - {id: p, readable_by: [payload-account]}\n  - {id: q, readable_by: [pilot-account]}\n"
        #expect(try probe.status(fragment) == .violated)
        #expect(try Self.silentlyWrong(probe, fragment) == [])
    }

}
