import DocumentSchema
import FrameworkModel
import PolicyCatalog
import Reports
import ReviewRecords
import YAMLDocument

/// What `mupj` says of a kind of file given where it does not go, and how it tells the kind of a
/// file refused as a description (`InputKind` itself is in Reports, with the report of `validate`).
extension InputKind {
    /// What reads this kind, for a file given where a description was expected. The status file is
    /// read only by the commands that give the prerequisites, so they are named rather than the
    /// option, which the others lack.
    var readBy: String? {
        switch self {
        case .description: return nil
        case .trackingFile: return "give it with --tracking"
        case .statusFile: return "mupj status and mupj summary read it (--status-file)"
        case .catalog: return "give it with --checklist"
        }
    }

    /// The other kind a file refused as a description is, if it is one: one whose `format:` names
    /// the tracking or status format (the format check then gave that one error, before anything
    /// else), or one with `catalog:` and no `format:`. Loaded again only when a line of it says it
    /// may be one, so that an invalid description is not loaded twice.
    static func other(_ source: SourceFile, refusedWith diagnostics: [Diagnostic], limits: LoadLimits) -> InputKind? {
        let bytes = source.bytes
        guard (diagnostics.count == 1 && declaresAnotherFormat(bytes)) || hasLine(bytes, startingWith: "catalog:"),
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

    /// Whether a line of `bytes` starts with `key`, as a root key is written.
    static func hasLine(_ bytes: [UInt8], startingWith key: String) -> Bool {
        line(bytes, startingWith: key) != nil
    }

    /// Whether a `format:` line names a format other than a description's.
    static func declaresAnotherFormat(_ bytes: [UInt8]) -> Bool {
        guard let rest = line(bytes, startingWith: "format:") else { return false }
        // The value without a comment, blanks or quotes around it.
        let value = rest.prefix { $0 != UInt8(ascii: "#") }
        let padding: Set<UInt8> = [0x20, 0x09, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "'")]
        let word = value.drop { padding.contains($0) }.reversed().drop { padding.contains($0) }.reversed()
        return !word.elementsEqual(FrameworkFormat.identifier.utf8)
    }

    /// What follows `key` on the first line that starts with it.
    private static func line(_ bytes: [UInt8], startingWith key: String) -> ArraySlice<UInt8>? {
        let key = Array(key.utf8)
        var start = 0
        while start + key.count <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if bytes[start..<(start + key.count)].elementsEqual(key) { return bytes[(start + key.count)..<end] }
            guard end < bytes.count else { return nil }
            start = end + 1
        }
        return nil
    }
}
