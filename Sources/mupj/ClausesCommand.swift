import ArgumentParser
import Reports

struct ClausesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clauses",
        abstract: "List the clauses of the catalogs: id, title, subject, severity, source.",
        discussion: """
            Example:
              mupj clauses --checklist checklists/jspg-mupj-v1.0.yaml

            Exit codes: 0 listed; 2 a usage error, unreadable catalogs or catalog errors.
            """
    )

    @OptionGroup var catalogs: CatalogOptions
    @OptionGroup var limits: LimitOptions

    func run() throws {
        Terminal.standardOutput.write(CatalogTable.render(try ReviewInputs.catalogs(catalogs, limits: limits.limits)))
    }
}
