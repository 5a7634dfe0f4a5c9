/// Every string that comes from a description or a catalog passes through one of these before
/// it reaches a report: the files are written by others and are not trusted.
public enum Escape {
    /// Text content and attribute values in HTML. Control characters (which HTML forbids) become
    /// U+FFFD so that nothing invisible reaches the reader.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(isControl(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// Inline Markdown text (GitHub Flavored Markdown): line breaks become spaces, and every
    /// character that could start markup, a table cell boundary, an HTML tag, an entity or math
    /// is backslash-escaped. Callers never start a line with such text, so line-start markup
    /// (`#`, `-`, `1.`, `>`) cannot arise.
    public static func markdown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "|", "~", "&", "$", "!", "#":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t": out += " "
            default:
                out.unicodeScalars.append(isControl(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// A Markdown code span holding `text` literally: the fence is longer than any run of
    /// backticks inside. Not for table cells (use `markdown` there).
    public static func markdownCode(_ text: String) -> String {
        let flat = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" || isControl($0) ? " " : $0 }))
        var longest = 0
        var run = 0
        for scalar in flat.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// Splits text on backticks into plain and code parts, as the engine's messages mark field
    /// paths and literals (`` `ownership.pilot_role` ``). Text with an odd number of backticks is
    /// one plain part.
    public static func codeParts(_ text: String) -> [(code: Bool, text: String)] {
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count > 1, pieces.count % 2 == 1 else { return [(false, text)] }
        return pieces.enumerated().compactMap { index, piece in piece.isEmpty ? nil : (index % 2 == 1, piece) }
    }

    /// Markdown for a message whose backtick-quoted parts are code.
    public static func markdownMessage(_ text: String) -> String {
        codeParts(text).map { $0.code ? markdownCode($0.text) : markdown($0.text) }.joined()
    }

    /// HTML for a message whose backtick-quoted parts are code.
    public static func htmlMessage(_ text: String) -> String {
        codeParts(text).map { $0.code ? "<code>" + html($0.text) + "</code>" : html($0.text) }.joined()
    }

    /// Text for a terminal: control characters (escape sequences could repaint or retitle the
    /// terminal) are shown as `\u{..}` instead of being sent.
    public static func terminal(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) && scalar != "\n" && scalar != "\t" {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
