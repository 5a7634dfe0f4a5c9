import ArgumentParser
import FoundationEssentials
import PolicyCatalog
import ShippedCatalogs
import YAMLDocument

/// The catalogs to review against: `--checklist` files or directories, by default the
/// `checklists/` directory (or `$MUPJ_CHECKLISTS`), and where there is neither, the catalogs
/// built into `mupj`.
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .customLong("checklist"),
        help: ArgumentHelp(
            "Catalog file or directory (repeatable). Default: $MUPJ_CHECKLISTS, else ./checklists, else (when "
                + "there is no ./checklists) the catalogs built into mupj."),
        completion: .file(extensions: ["yaml", "yml"]))
    var checklists: [String] = []

    var paths: [String] {
        if !checklists.isEmpty { return checklists }
        return [Self.defaultDirectory]
    }

    /// Where catalogs are read from when none are named (`CatalogDirectory`).
    static var defaultDirectory: String { environmentDirectory ?? CatalogDirectory.project }

    /// The directory `$MUPJ_CHECKLISTS` names, if it is set and not empty.
    static var environmentDirectory: String? {
        CatalogDirectory.named(by: ProcessInfo.processInfo.environment[CatalogDirectory.variable])
    }

    /// Whether the catalogs built into `mupj` stand in for the default directory: no catalog named,
    /// no `$MUPJ_CHECKLISTS`, and nothing at all at `./checklists`. Anything there, a link that leads
    /// nowhere or a directory that cannot be read, is read and its problem reported, rather than
    /// passed over for catalogs the user did not ask for.
    var builtIn: Bool {
        guard checklists.isEmpty, Self.environmentDirectory == nil else { return false }
        return FileKind.nothingAt(Self.defaultDirectory)
    }

    /// The catalog files, read, with the problems met: the built-in ones when `builtIn`.
    func sources(maxBytes: Int) -> (sources: [SourceFile], problems: [Diagnostic]) {
        if builtIn {
            // Held to the size limit as a file read would be, so that a command refused in the
            // project is refused elsewhere too.
            let refused = ShippedCatalogs.files.map { $0.beyond(maxBytes: maxBytes) }
            return (zip(ShippedCatalogs.files, refused).filter { $0.1 == nil }.map(\.0), refused.compactMap { $0 })
        }
        let (files, problems) = Inputs.expand(paths, kind: "a catalog")
        let (sources, unreadable) = SourceFile.read(files, maxBytes: maxBytes)
        // `$MUPJ_CHECKLISTS` naming a directory that is not there: say where the name came from, and
        // what else there is. Looked at only after a problem, so a run that reads its catalogs pays
        // nothing.
        if checklists.isEmpty, !problems.isEmpty, let named = Self.environmentDirectory,
            case .failure = FileKind.of(named)
        {
            let note = Diagnostic(
                file: named, location: nil, severity: .note,
                message: "MUPJ_CHECKLISTS names this directory; name the catalogs with --checklist, or unset "
                    + "MUPJ_CHECKLISTS to use ./checklists or the catalogs built into mupj")
            return (sources, problems + unreadable + [note])
        }
        return (sources, problems + unreadable)
    }
}
