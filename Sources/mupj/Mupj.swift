import ArgumentParser
import DocumentSchema
import FrameworkModel
import YAMLDocument

struct Mupj: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "mupj",
        abstract:
            "Security review of multi-user pilot job frameworks against the JSPG policy and the WLCG MB prerequisites.",
        discussion: """
            Exit codes: 0 clean; 1 findings at or above --fail-on, an invalid description or other \
            input file, or stale reports (--check); 2 usage error, unreadable input, catalog errors, \
            a review limit passed (--max-findings, --max-steps), a file in --output-dir that mupj \
            did not write, or an internal error. Each command's help gives its own.
            """,
        version: version,
        subcommands: [
            ValidateCommand.self, ReviewCommand.self, ExplainCommand.self, ClausesCommand.self, SummaryCommand.self,
            StatusCommand.self, JudgeCommand.self, SignOffCommand.self, InitCommand.self,
            SchemaCommand.self, BenchCommand.self,
        ]
    )
}

extension Mupj {
    /// The usage error for a first argument that names no command, with the nearest one: the
    /// parser calls `mupj reveiw frameworks/` only "2 unexpected arguments". Nil for an option, a
    /// command, or `help`.
    static func unknownCommand(in arguments: [String]) -> String? {
        guard let first = arguments.dropFirst().first, !first.hasPrefix("-"), first != "help" else { return nil }
        let commands = configuration.subcommands.map { ($0._commandName, $0.configuration.shouldDisplay) }
        guard !commands.contains(where: { $0.0 == first }) else { return nil }
        let shown = commands.filter(\.1).map(\.0)
        let suggestion = Suggestion.phrase(for: first, in: shown)
        let hint = suggestion.isEmpty ? "; the commands are \(shown.joined(separator: ", "))" : suggestion
        return "Error: unknown command \(Diagnostic.quote(first))\(hint)\n"
            + "Usage: mupj <subcommand>\n  See 'mupj --help' for more information."
    }
}
