#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Checks for YAML 1.2 rules that libyaml 0.2.5 does not enforce, or enforces in a way that
/// gives a different tree than the specification. Each works on the file's bytes around the
/// marks libyaml reports and costs time only in proportion to the bytes it looks at.
///
/// What libyaml gets wrong, and how the loader answers (found with the YAML test suite):
/// - it accepts a comment glued to the text before it (`"value"#x`, `[a]#x`, `>#x`,
///   `%YAML 1.2#x`): refused, a comment must follow whitespace;
/// - it accepts continuation lines of a flow collection or a quoted scalar that are not
///   indented inside their block collection (or are indented with a tab): refused;
/// - it reads a lone `-` in a flow collection as a plain scalar: refused;
/// - it reads `?x` in a flow collection as a key `x` (YAML 1.2: the plain scalar `?x`): refused;
/// - it accepts a block scalar whose leading empty lines hold more spaces than its first line of
///   text (the text's indentation is then ambiguous): refused;
/// - it ends anchor and alias names at any character other than a letter, digit, `-` or `_`
///   (`&a:b x` gives the anchor `a` and the text `:b x`): a name not followed by whitespace or a
///   flow indicator is refused.
struct SyntaxChecks {
    let file: UnsafeBufferPointer<UInt8>
    /// Where the text starts: after a byte-order mark, if there is one.
    let textStart: Int

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    static func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
    static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    func byte(_ offset: Int) -> UInt8? { offset >= 0 && offset < file.count ? file[offset] : nil }

    /// Bytes between two events hold only indicators, whitespace and comments. A comment there
    /// must follow whitespace or start a line. Returns the offset of a glued `#`.
    func gluedComment(from start: Int, to end: Int) -> Int? {
        var i = max(start, 0)
        let end = min(end, file.count)
        while i < end, let hash = find(UInt8(ascii: "#"), from: i, to: end) {
            if hash > textStart, !Self.isBlank(file[hash - 1]), !Self.isBreak(file[hash - 1]) { return hash }
            // The rest of the line is the comment.
            i = (find(0x0A, from: hash, to: end) ?? end) + 1
        }
        return nil
    }

    /// The offset of the first `byte` in `start..<end`.
    func find(_ byte: UInt8, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = file.baseAddress,
            let found = memchr(base + start, Int32(byte), end - start)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// In the span of a document start (directives and `---`), a `%YAML` line may carry a comment
    /// only after whitespace.
    func gluedDirectiveComment(from start: Int, to end: Int) -> Int? {
        var lineStart = max(start, 0)
        let end = min(end, file.count)
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd < end, !Self.isBreak(file[lineEnd]) { lineEnd += 1 }
            if lineEnd - lineStart > 5,
                UnsafeBufferPointer(rebasing: file[lineStart..<(lineStart + 5)])
                    .elementsEqual("%YAML".utf8)
            {
                for i in (lineStart + 5)..<lineEnd where file[i] == UInt8(ascii: "#") {
                    if !Self.isBlank(file[i - 1]) { return i }
                    break
                }
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// The offset after the properties (tag, anchor) that start a node at `start`.
    func afterProperties(_ start: Int) -> Int {
        var i = start
        while let b = byte(i), b == UInt8(ascii: "!") || b == UInt8(ascii: "&") {
            while let c = byte(i), !Self.isBlank(c), !Self.isBreak(c) { i += 1 }
            while let c = byte(i), Self.isBlank(c) || Self.isBreak(c) { i += 1 }
        }
        return i
    }

    /// A block scalar header (`|`, `>` with indicators) may be followed by a comment only after
    /// whitespace. Returns the offset of a glued `#`.
    func gluedHeaderComment(scalarStart start: Int) -> Int? {
        var i = afterProperties(start)
        guard let indicator = byte(i), indicator == UInt8(ascii: "|") || indicator == UInt8(ascii: ">") else {
            return nil
        }
        i += 1
        while let b = byte(i),
            b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
                || (b >= UInt8(ascii: "1") && b <= UInt8(ascii: "9"))
        {
            i += 1
        }
        return byte(i) == UInt8(ascii: "#") ? i : nil
    }

    /// In a block scalar without an indentation indicator, the first line of text sets the
    /// indentation, and no empty line before it may hold more spaces. Returns the offset of that
    /// first line when one does; `parentIndent` is the indentation of the enclosing collection.
    func overIndentedLeadingLines(scalarStart start: Int, parentIndent: Int) -> Int? {
        var i = afterProperties(start)
        guard let indicator = byte(i), indicator == UInt8(ascii: "|") || indicator == UInt8(ascii: ">") else {
            return nil
        }
        i += 1
        while let b = byte(i),
            b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b >= UInt8(ascii: "1") && b <= UInt8(ascii: "9")
        {
            if b != UInt8(ascii: "+") && b != UInt8(ascii: "-") { return nil }
            i += 1
        }
        while let b = byte(i), b != 0x0A { i += 1 }
        var widest = 0
        while byte(i) == 0x0A {
            i += 1
            let lineStart = i
            while byte(i) == 0x20 { i += 1 }
            let spaces = i - lineStart
            guard let b = byte(i) else { return nil }
            if b == 0x0A || b == 0x0D {
                widest = max(widest, spaces)
                if b == 0x0D { i += 1 }
                continue
            }
            return spaces > parentIndent && widest > spaces ? lineStart : nil
        }
        return nil
    }

    /// Where the name of the anchor or alias starting a node ends, when libyaml cut it short:
    /// the name must be followed by whitespace, a flow indicator or the end of the file.
    func cutName(_ name: String, sigil: UInt8, nodeStart start: Int) -> Int? {
        var i = start
        // A tag may come before the anchor.
        if sigil == UInt8(ascii: "&"), byte(i) == UInt8(ascii: "!") {
            while let c = byte(i), !Self.isBlank(c), !Self.isBreak(c) { i += 1 }
            while let c = byte(i), Self.isBlank(c) || Self.isBreak(c) { i += 1 }
        }
        guard byte(i) == sigil else { return nil }
        let after = i + 1 + name.utf8.count
        guard let next = byte(after) else { return nil }
        return Self.isBlank(next) || Self.isBreak(next) || Self.isFlowIndicator(next) ? nil : after
    }

    /// The first line after the one holding `start`, up to `end`, whose content is indented by
    /// fewer than `spaces` spaces; `skipComments` leaves out lines that start with `#` (comments
    /// in a flow collection may sit anywhere).
    func underIndentedLine(from start: Int, to end: Int, spaces: Int, skipComments: Bool) -> Int? {
        var i = start
        let end = min(end, file.count)
        while i < end {
            guard file[i] == 0x0A else {
                i += 1
                continue
            }
            i += 1
            var indent = 0
            while i < end, file[i] == 0x20 { indent += 1; i += 1 }
            guard indent < spaces, i < end else { continue }
            var content = i
            while content < end, Self.isBlank(file[content]) { content += 1 }
            guard content < end, !Self.isBreak(file[content]) else { continue }
            if skipComments, file[content] == UInt8(ascii: "#") { continue }
            return i
        }
        return nil
    }

    /// Whether the last line of the file holds only spaces or tabs and no line break. libyaml
    /// drops such a line from a block scalar that reaches it; with a line break added, it reads
    /// what YAML 1.2 specifies (the end of the file ends a line just like a break does).
    static func endsWithBlankLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = bytes.last, isBlank(last) else { return false }
        var i = bytes.count - 1
        while i >= 0, isBlank(bytes[i]) { i -= 1 }
        return i < 0 || isBreak(bytes[i])
    }
}
