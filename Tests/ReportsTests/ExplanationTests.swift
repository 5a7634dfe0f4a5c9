import Foundation
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

@testable import Reports

/// `mupj explain`'s text: the trace of a decision, what the reviewers said of each finding, and
/// nothing from the catalog or the description sent to the terminal as a control character.
@Suite struct ExplanationTests {
    /// A possible holder (an element that may not refer back) is named as possible.
    @Test func aPossiblePlaceIsNamedAsPossible() throws {
        let probe = try Probe(
            checks: """
                - id: c
                  title: C
                  for_each: credentials
                  where: {field: held_by.zone, contains: worker-node}
                  require: {not: {field: readable_by, contains: payload-account}}
                """)
        let result = try probe.evaluate(
            """
            components:
              - {id: server, zone: central, holds: unknown}
              - {id: pilot, zone: worker-node, holds: [p]}
            credentials:
              - {id: p, readable_by: [payload-account]}
            """)
        let explained = Explanation.trace(result, file: "f.yaml")
        #expect(explained.contains("        possibly components[server].zone = central  at f.yaml:2:"), "\(explained)")
    }

    /// The catalog's and the description's strings are shown with their control characters
    /// escaped: an escape sequence in a title or a value cannot repaint the terminal, and a line
    /// break cannot print a line of the explanation's own.
    @Test func stringsFromTheFilesAreEscaped() throws {
        let probe = try Probe(
            checks: """
                - id: c
                  title: "Clear \\e[2J screen"
                  require: {field: ownership.pilot_role, matches: "Role=pilot$"}
                """)
        let result = try probe.evaluate("ownership: {pilot_role: \"/vo/Role=admin\\r\\nc: satisfied\\e]0;t\\a\"}")
        let text = Explanation.clause(probe.clause, in: probe.catalog) + Explanation.trace(result, file: "f\u{1B}.yaml")
        #expect(text.contains("  c [high]: Clear \\u{1b}[2J screen\n"), "\(text)")
        #expect(
            text.contains("ownership.pilot_role = /vo/Role=admin\\u{d}\\u{a}c: satisfied\\u{1b}]0;t\\u{7}"), "\(text)")
        #expect(text.contains("Decision for f\\u{1b}.yaml: P-1 is violated"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    /// Every clause of the shipped catalogs, in words, fits a terminal: prose, check titles and
    /// examples are folded at 96 columns, continued under their first word. Only the conditions
    /// (`applies when`, `requires`, `for each`) stay on one line, as they are written to be copied.
    @Test func theShippedClausesFoldAt96Columns() throws {
        let catalogs = try TestSupport.shippedCatalogs()
        var clauses = 0
        for catalog in catalogs.catalogs {
            for clause in catalog.clauses {
                clauses += 1
                for line in Explanation.clause(clause, in: catalog).split(separator: "\n") {
                    let condition = ["    applies when ", "    requires ", "    for each "].contains {
                        line.hasPrefix($0)
                    }
                    let oneWord = !line.trimmingCharacters(in: .whitespaces).contains(" ")
                    #expect(condition || oneWord || line.count <= 96, "\(clause.id): \(line)")
                }
            }
        }
        #expect(clauses >= 16)
        // A title too long for one line continues under the check, not at the margin.
        let folded = Explanation.wrap(String(repeating: "word ", count: 30), after: "  c [high]: ", indent: "      ")
        let lines = folded.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("  c [high]: word") && lines[0].count <= 96)
        #expect(lines[1].hasPrefix("      word"))
        #expect(Explanation.wrap("", after: "Why: ") == "Why: ")
    }
}
