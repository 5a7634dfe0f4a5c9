import PolicyCatalog
import ReviewEngine
import TestSupport
import Testing

/// Generated conditions over three facts, each true, false, unknown or not stated, against an
/// oracle written apart from the engine: the status is Kleene's, an open finding has a message,
/// and the lines the message names are the lines the evidence cites.
@Suite struct KleeneOracleTests {
    indirect enum Condition {
        case equals(Int, Bool)
        case notStated(Int)
        case all([Condition]), any([Condition]), not(Condition)

        var yaml: String {
            switch self {
            case .equals(let fact, let value):
                "{field: payload_execution.\(KleeneOracleTests.facts[fact]), equals: \(value)}"
            case .notStated(let fact): "{field: payload_execution.\(KleeneOracleTests.facts[fact]), exists: false}"
            case .all(let items): "{all: [\(items.map(\.yaml).joined(separator: ", "))]}"
            case .any(let items): "{any: [\(items.map(\.yaml).joined(separator: ", "))]}"
            case .not(let item): "{not: \(item.yaml)}"
            }
        }

        /// The oracle: nil is unknown.
        func truth(_ states: [Fact]) -> Bool? {
            switch self {
            case .equals(let fact, let value):
                switch states[fact] {
                case .yes: value
                case .no: !value
                case .unknown, .notStated: nil
                }
            case .notStated(let fact):
                switch states[fact] {
                case .yes, .no: false
                case .unknown: nil
                case .notStated: true
                }
            case .all(let items):
                items.contains { $0.truth(states) == false }
                    ? false : items.contains { $0.truth(states) == nil } ? nil : true
            case .any(let items):
                items.contains { $0.truth(states) == true }
                    ? true : items.contains { $0.truth(states) == nil } ? nil : false
            case .not(let item): item.truth(states).map { !$0 }
            }
        }
    }

    enum Fact: CaseIterable { case yes, no, unknown, notStated }

    static let facts = ["environment_cleaned", "in_batch_process_tree", "within_slot_walltime"]

    /// SplitMix64: the same conditions in every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func condition(depth: Int, _ generator: inout Generator) -> Condition {
        let pick = Int.random(in: 0..<10, using: &generator)
        if depth == 0 || pick < 3 {
            let fact = Int.random(in: 0..<3, using: &generator)
            return Int.random(in: 0..<5, using: &generator) == 0
                ? .notStated(fact) : .equals(fact, Bool.random(using: &generator))
        }
        if pick < 5 { return .not(condition(depth: depth - 1, &generator)) }
        let items = (0..<Int.random(in: 2...3, using: &generator)).map { _ in condition(depth: depth - 1, &generator) }
        return pick < 8 ? .all(items) : .any(items)
    }

    /// Every combination of the three facts, as a fragment whose line numbers do not depend on it.
    static func fragments(prefix: String) -> [(states: [Fact], text: String)] {
        var result: [([Fact], String)] = []
        for a in Fact.allCases {
            for b in Fact.allCases {
                for c in Fact.allCases {
                    let states = [a, b, c]
                    var lines = [prefix, "payload_execution:", "  payloads_per_slot: 1"]
                    for (fact, state) in states.enumerated() {
                        switch state {
                        case .yes: lines.append("  \(facts[fact]): true")
                        case .no: lines.append("  \(facts[fact]): false")
                        case .unknown: lines.append("  \(facts[fact]): unknown")
                        case .notStated: lines.append("  # not stated")
                        }
                    }
                    result.append((states, lines.joined(separator: "\n")))
                }
            }
        }
        return result
    }

    static func status(_ truth: Bool?) -> Status {
        truth.map { $0 ? .satisfied : .violated } ?? .needsInformation
    }

    static func lines(_ message: String) -> Set<Int> {
        Set(message.matches(of: /line (\d+)/).compactMap { Int($0.output.1) })
    }

    @Test func generatedRequirementsAreKleeneAndSayWhatTheyCite() throws {
        var generator = Generator(state: 45)
        var open = 0
        for _ in 0..<250 {
            let require = Self.condition(depth: 4, &generator)
            let probe = try Probe(checks: "- id: c\n  title: C\n  require: \(require.yaml)")
            for (states, text) in Self.fragments(prefix: "# a fragment") {
                let finding = try #require(try probe.evaluate(text).findings.first)
                let context = "\(require.yaml) on \(states)"
                #expect(finding.status == Self.status(require.truth(states)), "\(context)")
                guard finding.status.isOpen else { continue }
                open += 1
                #expect(!finding.message.contains(": .") && !finding.message.contains("  "), "\(context)")
                let cited = Set(finding.evidence.filter { $0.phase == .require }.map(\.range.start.line))
                #expect(Self.lines(finding.message) == cited, "\(finding.message): \(context)")
            }
        }
        #expect(open > 1000)
    }

    /// With a generated `where` too, on `$.` paths from a credential: not selected is not
    /// applicable; not known to be selected and not known to be fine is needs-information.
    @Test func generatedGuardsAndRequirementsGiveTheDocumentedStatus() throws {
        var generator = Generator(state: 4545)
        func rooted(_ condition: Condition) -> String {
            condition.yaml.replacing("field: payload", with: "field: $.payload")
        }
        for _ in 0..<150 {
            let selection = Self.condition(depth: 3, &generator)
            let require = Self.condition(depth: 3, &generator)
            let probe = try Probe(
                checks: "- id: c\n  title: C\n  for_each: credentials\n  where: \(rooted(selection))\n"
                    + "  require: \(rooted(require))")
            for (states, text) in Self.fragments(prefix: "credentials: [{id: p}]") {
                let finding = try #require(try probe.evaluate(text).findings.first)
                let selected = selection.truth(states)
                let holds = require.truth(states)
                let expected: Status =
                    selected == false
                    ? .notApplicable : selected == nil && holds != true ? .needsInformation : Self.status(holds)
                let context = "where \(selection.yaml) require \(require.yaml) on \(states)"
                #expect(finding.status == expected, "\(context)")
                guard finding.status.isOpen else { continue }
                #expect(!finding.message.contains("()") && !finding.message.contains(": ;"), "\(context)")
                let cited = Set(
                    finding.evidence.filter { selected == nil || $0.phase == .require }.map(\.range.start.line))
                #expect(Self.lines(finding.message) == cited, "\(finding.message): \(context)")
            }
        }
    }
}
