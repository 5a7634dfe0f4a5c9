/// Every string that comes from a description or a catalog passes through one of these before
/// it reaches a report: the files are written by others and are not trusted.
public enum Escape {
    /// Text content and attribute values in HTML. Control characters (which HTML forbids) become
    /// U+FFFD so that nothing invisible reaches the reader.
    public static func html(_ text: String) -> String {
        rewrite(text) { scalar in
            switch scalar {
            case 0x26: return "&amp;"
            case 0x3C: return "&lt;"
            case 0x3E: return "&gt;"
            case 0x22: return "&quot;"
            case 0x27: return "&#39;"
            case 0x0A, 0x09: return nil
            case 0x2028, 0x2029: return " "
            default:
                if isControl(scalar) { return "\u{FFFD}" }
                return isBidi(scalar) ? visible(scalar) : nil
            }
        }
    }

    /// Inline Markdown text (GitHub Flavored Markdown): line breaks become spaces, and every
    /// character that could start markup, a table cell boundary, an HTML tag, an entity or math
    /// is backslash-escaped. Callers never start a line with such text, so line-start markup
    /// (`#`, `-`, `1.`, `>`) cannot arise. Nor can GFM's autolinks, which made links of addresses in
    /// a description's text (`www.…`, `http://…`, `a@b.c`): their `@`, `://` and `www.` are escaped
    /// too, as the HTML report links none of them.
    public static func markdown(_ text: String) -> String {
        var escaped = markdownCharacters(text)
        // Most texts hold neither: two byte searches (`String.contains` compares characters, and
        // doubled the time of a Markdown report), and a copy only for those that do.
        if contains(escaped, "://") { escaped = escaped.replacing("://", with: "\\://") }
        if contains(escaped, "www.") { escaped = escaped.replacing("www.", with: "www\\.") }
        return escaped
    }

    private static func markdownCharacters(_ text: String) -> String {
        rewrite(text) { scalar in
            switch scalar {
            case 0x40: return "\\@"
            case 0x5C: return "\\\\"
            case 0x60: return "\\`"
            case 0x2A: return "\\*"
            case 0x5F: return "\\_"
            case 0x7B: return "\\{"
            case 0x7D: return "\\}"
            case 0x5B: return "\\["
            case 0x5D: return "\\]"
            case 0x3C: return "\\<"
            case 0x3E: return "\\>"
            case 0x7C: return "\\|"
            case 0x7E: return "\\~"
            case 0x26: return "\\&"
            case 0x24: return "\\$"
            case 0x21: return "\\!"
            case 0x23: return "\\#"
            case 0x0A, 0x0D, 0x09, 0x2028, 0x2029: return " "
            default:
                if isControl(scalar) { return "\u{FFFD}" }
                return isBidi(scalar) ? visible(scalar) : nil
            }
        }
    }

    /// A Markdown code span holding `text` literally: the fence is longer than any run of
    /// backticks inside. Not for table cells (use `markdown` there).
    public static func markdownCode(_ text: String) -> String {
        let flat = rewrite(text) {
            isControl($0) || isLineSeparator($0) ? " " : isBidi($0) ? visible($0) : nil
        }
        var longest = 0
        var run = 0
        for byte in flat.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
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
        // Split as bytes: a backtick is one byte, and a split by characters cost as much as the rest
        // of a Markdown message.
        let pieces = text.utf8.split(separator: UInt8(ascii: "`"), omittingEmptySubsequences: false)
        guard pieces.count > 1, pieces.count % 2 == 1 else { return [(false, text)] }
        return pieces.enumerated().compactMap { index, piece in
            piece.isEmpty ? nil : (index % 2 == 1, String(Substring(piece)))
        }
    }

    /// Markdown for a message whose backtick-quoted parts are code.
    public static func markdownMessage(_ text: String) -> String {
        codeParts(text).map { $0.code ? markdownCode($0.text) : markdown($0.text) }.joined()
    }

    /// HTML for a message whose backtick-quoted parts are code.
    public static func htmlMessage(_ text: String) -> String {
        codeParts(text).map { $0.code ? "<code>" + html($0.text) + "</code>" : html($0.text) }.joined()
    }

    /// Text for a terminal, one line of it: control characters (escape sequences could repaint or
    /// retitle the terminal; a line break in a name printed a line of the report's own, such as a
    /// forged verdict), line separators and bidirectional controls are shown as `\u{..}` instead of
    /// being sent.
    public static func terminal(_ text: String) -> String {
        rewrite(text) { scalar in
            isControl(scalar) || isBidi(scalar) || isLineSeparator(scalar) ? visible(scalar) : nil
        }
    }

    /// Text for a terminal that is folded into lines of the report's own: line breaks, tabs and
    /// line separators become spaces (the text's own line breaks, as in a block scalar, only end
    /// its words), and every other control and bidirectional character is shown as `terminal`
    /// shows it.
    public static func terminalParagraph(_ text: String) -> String {
        rewrite(text) { scalar in
            switch scalar {
            case 0x0A, 0x0D, 0x09, 0x2028, 0x2029: return " "
            default: return isControl(scalar) || isBidi(scalar) ? visible(scalar) : nil
            }
        }
    }

    /// Whether `text` holds `needle`, searched as bytes.
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            needle.withUTF8Buffer { pattern in
                guard bytes.count >= pattern.count, let first = pattern.first else { return false }
                var i = 0
                let last = bytes.count - pattern.count
                while i <= last {
                    if bytes[i] == first && (1..<pattern.count).allSatisfy({ bytes[i + $0] == pattern[$0] }) {
                        return true
                    }
                    i += 1
                }
                return false
            }
        }
    }

    static func isControl(_ scalar: UInt32) -> Bool {
        scalar < 0x20 || (0x7F...0x9F).contains(scalar)
    }

    /// LINE SEPARATOR and PARAGRAPH SEPARATOR, which some viewers break lines at.
    static func isLineSeparator(_ scalar: UInt32) -> Bool { scalar == 0x2028 || scalar == 0x2029 }

    /// The marks and embeddings that reorder the text around them (U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069): a right-to-left override in a name reversed the rest of the line, its path
    /// and its verdict included, in every viewer that honours it.
    static func isBidi(_ scalar: UInt32) -> Bool {
        scalar == 0x200E || scalar == 0x200F || (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar)
    }

    /// `\u{202e}`: a character shown by its code, where sending it would act on the reader.
    private static func visible(_ scalar: UInt32) -> String {
        "\\u{" + String(scalar, radix: 16) + "}"
    }

    /// `text` with each character that `replacement` names replaced. Every character an escape
    /// replaces is below U+00A0, ASCII (one byte) or a C1 control (`C2 80`–`C2 9F`), or one of the
    /// line separators and bidirectional controls (`E2 80 xx`, `E2 81 xx`), so the text is read as
    /// UTF-8 bytes, runs of bytes left alone are copied at once, and text with nothing to replace
    /// is returned as it is. (Appending scalar by scalar to a `String` made escaping most
    /// of the time of a Markdown or HTML report.)
    @inline(__always)
    private static func rewrite(_ text: String, _ replacement: (UInt32) -> String?) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            var clean = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                let scalar: UInt32
                let width: Int
                if byte < 0x80 {
                    (scalar, width) = (UInt32(byte), 1)
                } else if byte == 0xC2, i + 1 < bytes.count, bytes[i + 1] < 0xA0 {
                    (scalar, width) = (UInt32(bytes[i + 1]), 2)
                } else if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 {
                    let decoded = 0x2000 | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                    (scalar, width) = (decoded, 3)
                } else {
                    i += 1
                    continue
                }
                guard let replaced = replacement(scalar) else {
                    i += width
                    continue
                }
                if out.isEmpty { out.reserveCapacity(bytes.count + 16) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<i]))
                out.append(contentsOf: replaced.utf8)
                i += width
                clean = i
            }
            guard clean > 0 else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...]))
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }
}
