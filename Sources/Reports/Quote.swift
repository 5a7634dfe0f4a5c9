import YAMLDocument

/// Quoted source lines, each split around the part the range covers.
public struct Quote: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var number: Int
        /// The line, without its line break; a long one cut around the covered part (see
        /// `Quote.context`), with "…" where text is left out.
        public var text: String
        /// Where the covered part starts and ends, as UTF-8 offsets into `text`: the three parts
        /// are cut only when a renderer asks for them (JSON needs only one).
        var cut: (from: Int, to: Int)

        /// The UTF-8 offsets in `text` of the covered part.
        public var markedUTF8: Range<Int> { cut.from..<cut.to }
        public var before: String { part(0, cut.from) }
        public var marked: String { part(cut.from, cut.to) }
        public var after: String { part(cut.to, text.utf8.count) }

        private func part(_ from: Int, _ to: Int) -> String {
            text.withUTF8InPlace { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
        }

        public static func == (a: Line, b: Line) -> Bool {
            a.number == b.number && a.text == b.text && a.cut == b.cut
        }
    }

    public var lines: [Line]
    /// Lines of the range left out after `limit`.
    public var omitted: Int

    /// The longest line quoted whole, in UTF-8 bytes. The shipped descriptions' longest lines (a
    /// fact with its sources and notes in flow style) are under 800 bytes.
    public static let wholeLine = 1_024

    /// How much of a longer line a quote keeps, in UTF-8 bytes: this much before the covered part
    /// and after it, and twice this much of the covered part itself. A description written on one
    /// line (JSON is YAML) would otherwise be quoted whole by every finding: 8 MB made a 529 MB
    /// report, and 30 000 channels on one line did not end in 100 s.
    public static let context = 120

    init(_ range: SourceRange, in source: SourceText, limit: Int) {
        var last = range.end.line
        // A range that ends at the start of a line (after a block's final line break) does not
        // cover that line.
        if last > range.start.line && range.end.column == 1 { last -= 1 }
        last = max(last, range.start.line)
        let shown = min(last, range.start.line + limit - 1)
        lines = []
        for number in range.start.line...shown {
            // Columns count Unicode scalars; the cut is made on the UTF-8 bytes, where a scalar
            // starts at every byte that is not a continuation byte (10xxxxxx).
            let from = number == range.start.line ? range.start.column - 1 : 0
            let to = number == range.end.line ? range.end.column - 1 : Int.max
            // On a long line the covered part is found from the range's byte offsets, checked
            // against its columns: counting scalars there, for every finding, grew with the line.
            let quoted = source.withLine(number) { utf8, lineStart -> Line in
                guard utf8.count > Self.wholeLine else { return Self.line(number, utf8, from: from, to: to) }
                let cutA = number == range.start.line ? Self.offset(of: range.start, lineStart, utf8) : 0
                let cutB = number == range.end.line ? Self.offset(of: range.end, lineStart, utf8) : utf8.count
                guard let cutA, let cutB else { return Self.line(number, utf8, from: from, to: to) }
                return Self.window(number, utf8, cut: (cutA, max(cutA, cutB)))
            }
            guard let quoted else { break }
            lines.append(quoted)
        }
        omitted = last - shown
    }

    /// Where `location` is in the line that starts at offset `lineStart` of the file, as a UTF-8
    /// offset into the line; nil when its byte offset does not agree with its column (a scalar
    /// is one to four bytes) or falls inside a scalar: a range not made by the loader.
    private static func offset(of location: SourceLocation, _ lineStart: Int, _ utf8: UnsafeBufferPointer<UInt8>)
        -> Int?
    {
        let inLine = location.offset - lineStart
        let scalars = location.column - 1
        guard inLine >= scalars, inLine <= 4 * scalars, inLine <= utf8.count else { return nil }
        return inLine < utf8.count && utf8[inLine] & 0xC0 == 0x80 ? nil : inLine
    }

    /// Line `number`, whose scalars `from..<to` the range covers, kept whole or cut to a window.
    private static func line(_ number: Int, _ utf8: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Line {
        var cutA = utf8.count
        var cutB = utf8.count
        if isASCII(utf8) {
            // A scalar a byte, as on most lines of a description: no need to count them.
            cutA = min(from, utf8.count)
            cutB = min(to, utf8.count)
        } else {
            var scalar = 0
            for (offset, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 {
                if scalar == from { cutA = min(cutA, offset) }
                if scalar == to {
                    cutB = offset
                    break
                }
                scalar += 1
            }
        }
        cutB = max(cutB, cutA)
        guard utf8.count > wholeLine else {
            return Line(number: number, text: String(decoding: utf8, as: UTF8.self), cut: (cutA, cutB))
        }
        return window(number, utf8, cut: (cutA, cutB))
    }

    /// Whether every byte is below 0x80, eight at a time.
    private static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = utf8.baseAddress else { return true }
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= utf8.count {
            high |= UnsafeRawPointer(start + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < utf8.count {
            high |= UInt64(start[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// A long line cut to a window around the covered part, the UTF-8 offsets `cut`.
    private static func window(_ number: Int, _ utf8: UnsafeBufferPointer<UInt8>, cut: (Int, Int)) -> Line {
        let (cutA, cutB) = cut
        // The window: `context` bytes either side of the covered part, and at most twice that of
        // the part; each end moved back to the start of a scalar.
        func scalarStart(_ offset: Int) -> Int {
            var offset = min(max(offset, 0), utf8.count)
            while offset > 0 && offset < utf8.count && utf8[offset] & 0xC0 == 0x80 { offset -= 1 }
            return offset
        }
        let start = scalarStart(cutA - context)
        let markedEnd = scalarStart(min(cutB, cutA + 2 * context))
        let end = markedEnd < cutB ? markedEnd : scalarStart(cutB + context)
        let ellipsis = "…"
        var text = start > 0 ? ellipsis : ""
        let lead = text.utf8.count - start
        text += String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
        if end < utf8.count { text += ellipsis }
        return Line(number: number, text: text, cut: (cutA + lead, markedEnd + lead))
    }
}
