/// Long status files, one kind of entry repeated as a hostile writer would: a new organisation,
/// site, framework or window for each entry where the format allows it, so that every day has more
/// to read. The status on one day reads each entry once; the history reads the status on every
/// date, so its work grows with the square of the file, and it stops at `--max-history-entries`.
public enum HostileStatusFile {
    public struct Kind: Sendable {
        public var section: String
        /// Entry `i` of `count`, dated `day(i)`.
        public var entry: @Sendable (_ i: Int, _ count: Int) -> String
    }

    /// The file: the format line, the section's key, then `count` entries, one per line (entry `i`
    /// on line `i + 3`).
    public static func text(_ kind: Kind, count: Int) -> String {
        (["format: mupj-status/1", "\(kind.section):"] + (0..<count).map { "  - " + kind.entry($0, count) })
            .joined(separator: "\n") + "\n"
    }

    /// Day `i` from 1900-01-01, always later for a larger `i` (28-day months, for simplicity).
    public static func day(_ i: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(1900 + i / 336)-\(two(i / 28 % 12 + 1))-\(two(i % 28 + 1))"
    }

    static func pick(_ words: [String], _ i: Int) -> String { words[i % words.count] }

    public static let kinds: [Kind] = [
        Kind(section: "glexec_reviews") { i, _ in
            "{by: \(pick(["EGEE", "OSG"], i)), outcome: \(pick(["positive", "negative", "pending"], i)), "
                + "date: \(day(i)), reference: r\(i), source: s}"
        },
        Kind(section: "batch_system_tests") { i, _ in
            "{batch_system: \(pick(["BQS", "PBS", "PBS Pro", "Condor", "LSF", "SGE"], i)), site: site\(i), "
                + "result: \(pick(["pass", "fail", "in-progress"], i)), date: \(day(i)), source: s}"
        },
        Kind(section: "authorization_service") { i, _ in
            "{product: \(pick(["LCAS/LCMAPS", "SCAS", "Argus", "GUMS"], i)), "
                + "state: \(pick(["in-development", "completed", "certified", "deployed"], i / 4)), "
                + "date: \(day(i)), source: s}"
        },
        Kind(section: "glexec_deployment") { i, _ in
            "{state: \(pick(["not-started", "in-progress", "done"], i)), date: \(day(i)), coverage: c\(i), source: s}"
        },
        Kind(section: "framework_reviews") { i, _ in
            "{framework: fw\(i), vo: vo\(i), outcome: \(pick(["positive", "negative", "pending"], i)), "
                + "date: \(day(i)), reviewers: unknown, source: s}"
        },
        Kind(section: "mb_decisions") { i, _ in
            "{date: \(day(i)), summary: m\(i), source: s, policy_in_effect: \(i % 2 == 0), "
                + "assessment: [{prerequisite: PRE-\(i % 5 + 1), status: met}]}"
        },
        Kind(section: "exception_windows") { i, count in
            "{id: w\(i), from: \(day(i)), to: \(day(i + count)), suspends: [identity-switching], conditions: [c], "
                + "decision: d, source: s}"
        },
    ]

    public static func kind(_ section: String) -> Kind {
        guard let kind = kinds.first(where: { $0.section == section }) else { fatalError("no kind \(section)") }
        return kind
    }
}

extension HostileStatusFile {
    /// A prerequisite catalog of `count` prerequisites that all read the gLExec reviews: the
    /// history lists every one of them after each change, so its output is the catalog times the
    /// file's dates.
    public static func prerequisiteCatalog(count: Int) -> String {
        let examples = [
            (
                "met",
                "[{by: EGEE, outcome: positive, date: 2008-01-01, reference: r}, "
                    + "{by: OSG, outcome: positive, date: 2008-01-01, reference: r}]"
            ),
            ("partly-met", "[{by: EGEE, outcome: positive, date: 2008-01-01, reference: r}]"),
            ("not-met, as_of: 2008-01-01", "[]"),
        ]
        let header = [
            "catalog: many-prerequisites", "title: Many prerequisites",
            "document: {title: d, reference: r, version: '1', url: 'https://example.org/'}", "prerequisites:",
        ]
        let prerequisites = (1...count).map { i in
            """
              - id: PRE-\(i)
                title: Prerequisite \(i)
                paraphrase: p
                source: {document: d, date: 2007-12-07, section: s}
                original_list: true
                evidence: {kind: glexec-reviews, required_by: [OSG, EGEE]}
                decided_by: d
                examples:
            \(examples.map { "      - {expect: \($0.0), status: {glexec_reviews: \($0.1)}}" }.joined(separator: "\n"))
            """
        }
        return (header + prerequisites).joined(separator: "\n") + "\n"
    }
}
