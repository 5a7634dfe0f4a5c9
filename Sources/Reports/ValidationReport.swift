import DocumentSchema
import YAMLDocument

/// The kinds of file `mupj` reads. `validate` checks each file as the kind it is; the commands
/// that review take descriptions only, and say what another kind given to them is.
public enum InputKind: String, CaseIterable, Sendable {
    case description
    case trackingFile = "tracking-file"
    case statusFile = "status-file"
    case catalog

    public func noun(_ count: Int) -> String {
        switch self {
        case .description: return count == 1 ? "description" : "descriptions"
        case .trackingFile: return count == 1 ? "tracking file" : "tracking files"
        case .statusFile: return count == 1 ? "status file" : "status files"
        case .catalog: return count == 1 ? "catalog" : "catalogs"
        }
    }
}

/// What `mupj validate` found, file by file: one value that the summary line and the JSON are
/// both written from, so that the two cannot count differently.
public struct ValidationReport: Sendable {
    /// One file, checked as the kind it is.
    public struct File: Sendable {
        public var path: String
        public var kind: InputKind
        public var diagnostics: [Diagnostic]

        public init(path: String, kind: InputKind, diagnostics: [Diagnostic]) {
            self.path = path
            self.kind = kind
            self.diagnostics = diagnostics
        }

        public var errors: Int { diagnostics.count { $0.severity == .error } }
        public var valid: Bool { errors == 0 }
    }

    public var files: [File]
    /// Paths that could not be read: no kind, no check.
    public var unreadable: [Diagnostic]

    public init(files: [File], unreadable: [Diagnostic]) {
        self.files = files
        self.unreadable = unreadable
    }

    public var invalid: [File] { files.filter { !$0.valid } }
    public var valid: Bool { unreadable.isEmpty && files.allSatisfy(\.valid) }

    /// "3 descriptions checked: 3 valid", or with several kinds "4 files (3 descriptions, 1
    /// tracking file) checked: …", then the invalid and the unreadable.
    public func summaryLine() -> String {
        let kinds = InputKind.allCases.compactMap { kind -> String? in
            let n = files.count { $0.kind == kind }
            return n == 0 ? nil : "\(n) \(kind.noun(n))"
        }
        let counted =
            kinds.count > 1
            ? "\(files.count) files (\(kinds.joined(separator: ", ")))"
            : kinds.first ?? "0 \(InputKind.description.noun(0))"
        let invalid = invalid
        var line = "\(counted) checked: \(files.count - invalid.count) valid"
        if !invalid.isEmpty {
            let errors = invalid.reduce(0) { $0 + $1.errors }
            line += ", \(invalid.count) invalid (\(errors) error\(errors == 1 ? "" : "s"))"
        }
        if !unreadable.isEmpty { line += ", \(unreadable.count) unreadable" }
        return line + "\n"
    }

    /// `validate --format json`: whether all is valid, each file with its kind and diagnostics,
    /// and the paths that could not be read.
    public func json() -> String {
        JSON.obj([
            ("valid", .bool(valid)),
            (
                "files",
                .array(
                    files.map { file in
                        .obj([
                            ("path", .string(file.path)),
                            ("kind", .string(file.kind.rawValue)),
                            ("valid", .bool(file.valid)),
                            ("diagnostics", .array(file.diagnostics.map(Self.json))),
                        ])
                    })
            ),
            ("unreadable", .array(unreadable.map(Self.json))),
        ]).rendered()
    }

    static func json(_ diagnostic: Diagnostic) -> JSON {
        .obj([
            ("file", .string(diagnostic.file)),
            ("line", diagnostic.location.map { .int($0.line) }),
            ("column", diagnostic.location.map { .int($0.column) }),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
        ])
    }
}
