import DocumentSchema
import YAMLDocument

/// The ids a catalog gives its catalog, clauses, checks and prerequisites. They become anchors in
/// the HTML and Markdown reports, SARIF rule ids (`<clause>/<check>`), table cells and terminal
/// text, so they are kept to letters, digits, `.`, `_` and `-`: a `/` in a check id made two
/// rules one in SARIF, and a control character in a clause id reached the terminal raw.
enum Identifier {
    static let maxLength = 64

    /// Why `id` is not a valid identifier, or nil.
    static func problem(_ id: String) -> String? {
        if id.isEmpty { return "is empty" }
        if id.unicodeScalars.count > maxLength { return "is longer than \(maxLength) characters" }
        let allowed = id.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "." || scalar == "_" || scalar == "-")
        }
        if !allowed { return "may hold only letters, digits, '.', '_' and '-'" }
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
            return "must start with a letter or a digit"
        }
        return nil
    }

    /// A located error for each field of `object` named in `fields` whose value is not a valid
    /// identifier.
    static func check(_ object: ObjectValue?, _ fields: [String], noun: String, file: String) -> [Diagnostic] {
        fields.compactMap { field in
            guard let value = object?[field], let id = value.string, let problem = problem(id) else { return nil }
            return Diagnostic(
                file: file, location: value.range.start,
                message: "\(noun) id \(Diagnostic.quote(id)) \(problem)")
        }
    }
}
