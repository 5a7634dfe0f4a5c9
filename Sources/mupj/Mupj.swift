import ArgumentParser
import FrameworkModel

struct Mupj: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "mupj",
        abstract:
            "Security review of multi-user pilot job frameworks against the JSPG policy and the WLCG MB prerequisites.",
        discussion: """
            Exit codes: 0 clean; 1 findings at or above --fail-on, or an invalid description; \
            2 usage error, unreadable input or internal error.
            """,
        version: version,
        subcommands: [
            ValidateCommand.self, ReviewCommand.self, ExplainCommand.self, ClausesCommand.self, SummaryCommand.self,
            StatusCommand.self, InitCommand.self,
            SchemaCommand.self, BenchCommand.self,
        ]
    )
}
