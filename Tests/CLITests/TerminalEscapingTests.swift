import Foundation
import TestSupport
import Testing

/// Descriptions, catalogs, status files and tracking files are written by others. Nothing in
/// them may reach the reader's terminal as a control character: an escape sequence can repaint
/// or retitle the terminal, a line break can print a line of mupj's own (a forged verdict), a
/// right-to-left override can reverse the rest of a line. Every command that prints what such a
/// file says is run here on files full of them, and its output must hold none but line feeds.
@Suite struct TerminalEscapingTests {
    /// An escape sequence, a carriage return and line feed with a forged line after them, a bell,
    /// a C1 control and a right-to-left override.
    static let hostile = "\u{1B}[2J\u{1B}]0;owned\u{07}\r\nPRE-2  met\u{85}\u{202E}"

    let directory: URL

    init() throws { directory = try TestSupport.temporaryDirectory() }

    /// `text` with `old` replaced, which must be there.
    func replacing(_ old: String, with new: String, in text: String) throws -> String {
        #expect(text.contains(old), "\(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    /// The shipped file at `relative` with each replacement made, written to the test's directory.
    func hostileCopy(of relative: String, as name: String, _ replacements: [(String, String)]) throws -> String {
        var text = try String(contentsOfFile: TestSupport.path(relative), encoding: .utf8)
        for (old, new) in replacements { text = try replacing(old, with: new, in: text) }
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The text of `hostile` in a YAML double-quoted scalar.
    static var quoted: String {
        "\""
            + hostile.unicodeScalars.map {
                $0.value < 0x20 || $0.value > 0x7E ? String(format: "\\u%04X", $0.value) : String($0)
            }.joined() + "\""
    }

    /// The scalars of `text` that a terminal acts on: every control but the line feed, and the
    /// bidirectional controls.
    static func controls(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { value in
            (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
        }
    }

    /// Runs `arguments` and checks that neither output holds a control character; `shows` when
    /// the output is text, where an escaped character is shown by its code (Markdown replaces it).
    func expectClean(
        _ arguments: [String], exit: Int32, shows: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let run = try TestSupport.mupj(arguments)
        #expect(run.status == exit, "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(!run.stdout.isEmpty, "\(arguments)", sourceLocation: sourceLocation)
        #expect(Self.controls(run.stdout) == [], "\(arguments) stdout", sourceLocation: sourceLocation)
        #expect(Self.controls(run.stderr) == [], "\(arguments) stderr", sourceLocation: sourceLocation)
        // What was escaped is shown, not dropped: the reader sees that something was there.
        #expect(!shows || run.stdout.contains("\\u{1b}[2J"), "\(arguments)", sourceLocation: sourceLocation)
    }

    @Test func aDescriptionAndTrackingFileOfControlCharacters() throws {
        let framework = try hostileCopy(
            of: "frameworks/examples/common-mistakes.yaml", as: "framework.yaml",
            [
                ("  name: Shortcut\n", "  name: \(Self.quoted)\n"),
                ("  pilot_role: /example/Role=pilot\n", "  pilot_role: \(Self.quoted)\n"),
            ])
        let tracking = directory.appendingPathComponent("tracking.yaml").path
        let json = try TestSupport.mupj(["review", framework, "--format", "json", "--fail-on", "never"]).stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let clauses = (object?["frameworks"] as? [[String: Any]])?.first?["clauses"] as? [[String: Any]] ?? []
        let open = clauses.flatMap { $0["findings"] as? [[String: Any]] ?? [] }
            .filter { $0["status"] as? String == "violated" }
        let first = try #require(open.first)
        let id = try #require(first["id"] as? String)
        let clause = try #require((first["rule"] as? String)?.split(separator: "/").first.map(String.init))
        try expectClean(
            [
                "judge", id, "--framework", framework, "--tracking", tracking, "--as", "confirmed", "--because",
                Self.hostile, "--by", Self.hostile, "--organisation", "OSG", "--date", "2009-02-03",
            ], exit: 0)
        try expectClean(
            [
                "sign-off", "--framework", framework, "--tracking", tracking, "--recommend", "do-not-recommend",
                "--by", "R" + Self.hostile, "--organisation", "EGEE", "--date", "2009-02-04",
            ], exit: 0)
        try expectClean(["validate", framework], exit: 0, shows: false)
        try expectClean(["review", framework, "--tracking", tracking], exit: 1)
        try expectClean(["explain", "MUPJ-2", "--framework", framework], exit: 0)
        try expectClean(["explain", clause, "--framework", framework, "--tracking", tracking], exit: 0)
        try expectClean(["summary", framework, "--tracking", tracking], exit: 0, shows: false)
    }

    @Test func aCatalogAndStatusFileOfControlCharacters() throws {
        let catalog = try hostileCopy(
            of: "checklists/vo-operations.yaml", as: "catalog.yaml",
            [
                ("    title: A current security contact\n", "    title: \(Self.quoted)\n"),
                ("        note: The contact is confirmed only every three years.\n", "        note: \(Self.quoted)\n"),
            ])
        try expectClean(["clauses", "--checklist", catalog], exit: 0)
        try expectClean(["explain", "VO-1", "--checklist", catalog], exit: 0)
        try expectClean(
            ["review", "frameworks/examples/common-mistakes.yaml", "--checklist", catalog, "--no-tracking"], exit: 1)
        let status = try hostileCopy(
            of: "reviews/prerequisites.yaml", as: "status.yaml",
            [("  - framework: AliEn\n", "  - framework: \(Self.quoted)\n")])
        for extra in [[], ["--history"], ["--format", "markdown"], ["--format", "markdown", "--history"]] {
            try expectClean(["status", "--status-file", status] + extra, exit: 0, shows: !extra.contains("markdown"))
        }
    }
}
