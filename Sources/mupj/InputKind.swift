import DocumentSchema
import PolicyCatalog
import ReviewRecords
import YAMLDocument

/// The kinds of file `mupj` reads. `validate` checks each file as the kind it is; the commands
/// that review take descriptions only, and say what another kind given to them is and where it
/// goes.
enum InputKind: String, CaseIterable {
    case description
    case trackingFile = "tracking-file"
    case statusFile = "status-file"
    case catalog

    func noun(_ count: Int) -> String {
        switch self {
        case .description: return count == 1 ? "description" : "descriptions"
        case .trackingFile: return count == 1 ? "tracking file" : "tracking files"
        case .statusFile: return count == 1 ? "status file" : "status files"
        case .catalog: return count == 1 ? "catalog" : "catalogs"
        }
    }

    /// The option that reads this kind, for a file given where a description was expected.
    var option: String? {
        switch self {
        case .description: return nil
        case .trackingFile: return "--tracking"
        case .statusFile: return "--status-file"
        case .catalog: return "--checklist"
        }
    }

    /// The other kind a file refused as a description is, if it is one: one whose `format:` names
    /// the tracking or status format (the format check then gave that one error, before anything
    /// else), or one with `catalog:` and no `format:`. Read again only when it may be one, so that
    /// a large invalid description is not read twice.
    static func other(_ source: SourceFile, refusedWith diagnostics: [Diagnostic], limits: LoadLimits) -> InputKind? {
        guard diagnostics.count == 1 || hasCatalogLine(source.bytes),
            let table = try? source.loadTable(limits: limits)
        else { return nil }
        guard let (format, _) = SchemaValidator.declaredFormat(table) else {
            return table.value(forKey: "catalog", in: NodeTable.root) != nil ? .catalog : nil
        }
        guard diagnostics.count == 1 else { return nil }
        switch format {
        case TrackingFormat.identifier: return .trackingFile
        case StatusFormat.identifier: return .statusFile
        default: return nil
        }
    }

    /// Whether a line of `bytes` starts with `catalog:`, as a catalog's root key is written.
    static func hasCatalogLine(_ bytes: [UInt8]) -> Bool {
        let key = Array("catalog:".utf8)
        var start = 0
        while start + key.count <= bytes.count {
            if bytes[start..<(start + key.count)].elementsEqual(key) { return true }
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { return false }
            start = newline + 1
        }
        return false
    }
}
