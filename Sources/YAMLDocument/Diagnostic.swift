/// A located message about an input file, printed the way compilers print them:
/// `path:line:col: error: message`. Every stage of the pipeline reports through this one type.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    public var file: String
    public var location: SourceLocation?
    public var severity: Severity
    public var message: String

    public init(file: String, location: SourceLocation?, severity: Severity = .error, message: String) {
        self.file = file
        self.location = location
        self.severity = severity
        self.message = message
    }

    public var description: String {
        if let location {
            return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        }
        return "\(file): \(severity.rawValue): \(message)"
    }
}

extension Diagnostic: Comparable {
    /// File order: by file, then position, so a run reports errors the way a reader meets them.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        let l = lhs.location ?? .start
        let r = rhs.location ?? .start
        if l != r { return l < r }
        return lhs.message < rhs.message
    }
}

extension Diagnostic {
    /// Text the user wrote, as a message quotes it: in single quotes, cut after 40 characters, or
    /// the whole characters of its first 160 bytes, with "…". A key, an id or a value can be
    /// megabytes long, and a message would repeat it whole (500 of them, in a file of wrong
    /// references); so can one character, of a letter and a million combining marks (500 such
    /// messages took 32 s and wrote 400 MB).
    public static func quote(_ text: String) -> String {
        let quoted = text.leadingCharacters(maxBytes: 160, maxCharacters: 40)
        return quoted.utf8.count == text.utf8.count ? "'\(text)'" : "'\(quoted)…'"
    }
}
