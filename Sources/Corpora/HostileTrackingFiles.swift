import FrameworkModel
import YAMLDocument

/// Long tracking files of the template's framework (ExamplePilot, EXAMPLE), joined with its review
/// (`review TEMPLATE --tracking FILE`): a file kept through many versions of the catalogs holds
/// judgements that no finding matches any more, and one written by a script can hold anything.
/// Each entry is one line, entry `i` on line `i + 5`.
public enum HostileTrackingFile {
    /// As many entries as the default node budget (750 000) admits with room to spare: a
    /// judgement is 19 nodes, a sign-off 13.
    public static let entries = 35_000

    /// The description the files track: the template, as `mupj init` writes it.
    public static var description: String { FrameworkTemplate.text }

    /// `count` judgements of findings that do not exist (ids no review makes, as 16 hexadecimal
    /// digits must be); with `repeatedAt`, that entry judges the first entry's finding again.
    public static func judgements(count: Int, repeatedAt: Int? = nil) -> String {
        text(section: "judgements", count: count) { i in
            "{finding: \"\(id(i == repeatedAt ? 0 : i))\", rule: X-\(i % 97)/check-\(i % 13), status: violated, "
                + "judgement: \(["confirmed", "accepted-risk", "mitigated", "false-positive"][i % 4]), "
                + "justification: j\(i), by: {name: r\(i % 50), organisation: \(i % 2 == 0 ? "OSG" : "EGEE")}, "
                + "date: 2009-01-01}"
        }
    }

    /// `count` sign-offs of the template as it is, each by a reviewer of their own, the
    /// recommendations alternating: every one counts, and they disagree.
    public static func signOffs(count: Int) -> String {
        let digest = SHA256.hex(Array(description.utf8))
        return text(section: "sign_offs", count: count) { i in
            "{by: {name: r\(i), organisation: \(i % 2 == 0 ? "OSG" : "EGEE")}, date: 2009-01-01, "
                + "recommendation: \(i % 2 == 0 ? "recommend" : "do-not-recommend"), description_sha256: \"\(digest)\"}"
        }
    }

    /// The 16-digit id of entry `i`: `f` then its number, so that no real finding's id is likely.
    public static func id(_ i: Int) -> String {
        let digits = String(i, radix: 16)
        return "f" + String(repeating: "0", count: 15 - digits.count) + digits
    }

    static func text(section: String, count: Int, entry: (Int) -> String) -> String {
        (["format: mupj-tracking/1", "framework: ExamplePilot", "vo: EXAMPLE", "\(section):"]
            + (0..<count).map { "  - " + entry($0) })
            .joined(separator: "\n") + "\n"
    }
}
