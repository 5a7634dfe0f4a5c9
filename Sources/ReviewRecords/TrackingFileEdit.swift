import DocumentSchema
import YAMLDocument

/// Entries added to a tracking file as text: what the reviewers wrote (comments, order, layout,
/// quoting) stays as it was, byte for byte, and the new entry goes after the last one of its
/// list. A file that is rewritten from its values would lose every comment in it.
public enum TrackingFileEdit {
    /// A judgement as the lines of one list item, without indentation.
    public static func lines(_ j: Judgement) -> [String] {
        [
            "finding: \(quoted(j.finding))",
            "rule: \(quoted(j.rule))",
            "status: \(j.status.rawValue)",
            "judgement: \(j.kind.rawValue)",
            "justification: \(quoted(j.justification))",
            "by: " + reviewer(j.reviewer),
            "date: \(j.date)",
        ]
    }

    /// A sign-off as the lines of one list item, without indentation.
    public static func lines(_ s: SignOff) -> [String] {
        var lines = [
            "by: " + reviewer(s.reviewer),
            "date: \(s.date)",
            "recommendation: \(s.recommendation.rawValue)",
            "description_sha256: \(quoted(s.descriptionSHA256))",
        ]
        if !s.conditions.isEmpty {
            lines.append("conditions:")
            lines += s.conditions.map { "  - " + quoted($0) }
        }
        return lines
    }

    /// The text of a new tracking file for one framework, with no entry yet.
    public static func newFile(framework: String, vo: String) -> String {
        """
        # The review team's judgements on the findings of one framework, and their sign-offs.
        # Written by `mupj judge` and `mupj sign-off`; entries may also be edited by hand (docs/tracking.md).
        format: \(TrackingFormat.identifier)
        framework: \(quoted(framework))
        vo: \(quoted(vo))
        judgements: []
        sign_offs: []

        """
    }

    /// The bytes of `source`, a valid tracking file, with `item` (lines from `lines(_:)`) added
    /// at the end of its top-level list `section` (`judgements` or `sign_offs`). The list is made
    /// after the file's last entry when the file has none. A file or a list written in flow style
    /// (`{…}`, `[{…}]`) is refused: where an item would go in it is the writer's layout to decide.
    /// `limits` are those the file was read with: a file read under raised limits is added to
    /// under them too.
    public static func appending(
        _ item: [String], to section: String, in source: SourceFile, limits: LoadLimits = .default
    ) throws(Diagnostic) -> [UInt8] {
        try appending([item], to: section, in: source, limits: limits)
    }

    /// The same with several items, added in their order where one would go.
    public static func appending(
        _ items: [[String]], to section: String, in source: SourceFile, limits: LoadLimits = .default
    ) throws(Diagnostic) -> [UInt8] {
        let table = try source.loadTable(limits: limits)
        let validated = SchemaValidator(root: TrackingFormat.root).validate(table, file: source.path)
        guard let document = validated.value, let root = document.object else {
            throw validated.diagnostics.first ?? Diagnostic(file: source.path, location: nil, message: "not valid")
        }
        var bytes = source.bytes
        let rootStart = Self.contentStart(of: document, in: bytes)
        if Self.isFlow(document, in: bytes) {
            throw Diagnostic(
                file: source.path, location: document.range.start,
                message: "the file is one mapping in flow style ({…}); mupj adds entries to a file in block style "
                    + "only ('key: value' lines): write it in block style, or add the entry by hand")
        }
        // The root mapping's keys start at this column (in bytes: indentation is spaces).
        let rootIndent = rootStart - (bytes[..<rootStart].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)
        // New lines end as the file's lines do.
        let crlf = bytes.indices.dropLast().contains { bytes[$0] == 0x0D && bytes[$0 + 1] == 0x0A }
        let newline = crlf ? "\r\n" : "\n"
        func text(_ indent: Int) -> String {
            let pad = String(repeating: " ", count: indent)
            return items.flatMap { item in
                item.enumerated().map { (pad + ($0.offset == 0 ? "- " : "  ") + $0.element) }
            }
            .joined(separator: newline)
        }
        guard let entry = root.entry(section) else {
            // No such list yet: it goes after the line of the file's last value, before anything
            // that may follow the mapping (a comment, a document end marker `...`), as a key of it.
            let at = Self.lineEnd(after: Self.end(of: document, in: bytes), in: &bytes, newline: newline)
            let key = String(repeating: " ", count: rootIndent) + section + ":"
            bytes.insert(contentsOf: Array((key + newline + text(rootIndent + 2) + newline).utf8), at: at)
            return bytes
        }
        let list = entry.value
        let start = list.range.start.offset
        let content = Self.contentStart(of: list, in: bytes)
        guard content == start && start < bytes.count && bytes[start] != UInt8(ascii: "*") else {
            // An anchor may be copied elsewhere in the file, where the new entry does not belong;
            // an alias would be lost, and with it what the writer meant by it.
            throw Diagnostic(
                file: source.path, location: list.range.start,
                message: "'\(section)' carries an anchor, a tag or an alias (&…, !…, *…); mupj adds entries only "
                    + "to a list written without them: remove them, or add the entry by hand")
        }
        guard let items = list.list, let last = items.last else {
            // `section: []`: the brackets, and the spaces before them, give way to a block list. A
            // comment after them stays on the key's line (`judgements: []  # none yet` would
            // otherwise end the new entry's last line).
            var from = start
            while from > 0 && (bytes[from - 1] == 0x20 || bytes[from - 1] == 0x09) { from -= 1 }
            var lineEnd = list.range.end.offset
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A && bytes[lineEnd] != 0x0D { lineEnd += 1 }
            let tail = bytes[list.range.end.offset..<lineEnd]
            let comment = tail.first { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: "#") ? Array(tail) : []
            bytes.replaceSubrange(
                from..<(comment.isEmpty ? list.range.end.offset : lineEnd),
                with: comment + Array((newline + text(2)).utf8))
            return bytes
        }
        guard bytes[content] == UInt8(ascii: "-") else {
            throw Diagnostic(
                file: source.path, location: list.range.start,
                message: "'\(section)' is written in flow style ([…]); mupj adds entries to a block list only "
                    + "('- ' items): write this list in block style, or add the entry by hand")
        }
        // After the line where the last item's last value ends: a block mapping or list ends only
        // where the next token starts, past any comment, so the end is found from the values in it.
        let at = Self.lineEnd(after: Self.end(of: last, in: bytes), in: &bytes, newline: newline)
        bytes.insert(contentsOf: Array((text(list.range.start.column - 1) + newline).utf8), at: at)
        return bytes
    }

    /// Whether `value` is a flow collection: its content starts with an opening bracket.
    static func isFlow(_ value: Value, in bytes: [UInt8]) -> Bool {
        let start = contentStart(of: value, in: bytes)
        return start < bytes.count && (bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "["))
    }

    /// Where `value`'s content starts: its range starts at its properties (an anchor `&a`, a tag
    /// `!!seq`) when it has any, and a block collection may start lines below them.
    static func contentStart(of value: Value, in bytes: [UInt8]) -> Int {
        var at = value.range.start.offset
        let end = min(value.range.end.offset, bytes.count)
        while at < end {
            switch bytes[at] {
            case UInt8(ascii: "&"), UInt8(ascii: "!"):
                while at < end && bytes[at] != 0x20 && bytes[at] != 0x09 && bytes[at] != 0x0D && bytes[at] != 0x0A {
                    at += 1
                }
            case 0x20, 0x09, 0x0D, 0x0A: at += 1
            case UInt8(ascii: "#"):
                while at < end && bytes[at] != 0x0A { at += 1 }
            default: return at
            }
        }
        return at
    }

    /// The start of the line after the one holding offset `end`, ending the file's last line with
    /// `newline` when it has none, so that text inserted there starts a line of its own.
    static func lineEnd(after end: Int, in bytes: inout [UInt8], newline: String) -> Int {
        var at = end
        guard at > 0 && at <= bytes.count && bytes[at - 1] != 0x0A else { return at }
        while at < bytes.count && bytes[at] != 0x0A { at += 1 }
        if at < bytes.count { return at + 1 }
        bytes += Array(newline.utf8)
        return bytes.count
    }

    /// Where the last scalar, flow collection or alias of `value` ends (a byte offset in `bytes`).
    static func end(of value: Value, in bytes: [UInt8]) -> Int {
        // A flow collection's range ends at its closing bracket; an alias's where the alias is
        // (what it copies is written earlier in the file).
        if isFlow(value, in: bytes) || value.isAliasCopy { return value.range.end.offset }
        switch value.content {
        case .object(let object):
            return object.entries.map { end(of: $0.value, in: bytes) }.max() ?? value.range.end.offset
        case .list(let items) where !items.isEmpty:
            return end(of: items[items.count - 1], in: bytes)
        default:
            return value.range.end.offset
        }
    }

    static func reviewer(_ r: Reviewer) -> String {
        "{name: \(quoted(r.name)), organisation: \(r.organisation)}"
    }

    /// `text` as a YAML double-quoted scalar, on one line, which reads back as exactly `text`.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                // Controls, and what YAML does not allow as printable text, escaped by number.
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
                    || (0xFFFE...0xFFFF).contains(v)
                {
                    out += v <= 0xFF ? "\\x" + hex(v, 2) : "\\u" + hex(v, 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, _ digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
