/// A JSON value with ordered object members, so that every JSON file the tool writes is
/// byte-for-byte reproducible from the same inputs.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSON

        public init(_ key: String, _ value: JSON) {
            self.key = key
            self.value = value
        }
    }

    /// Builds an object, leaving out members whose value is `nil`.
    public static func obj(_ members: [(String, JSON?)]) -> JSON {
        .object(members.compactMap { key, value in value.map { Member(key, $0) } })
    }

    public subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        var out = JSONWriter()
        out.value(self)
        return out.finish()
    }
}

/// Writes pretty-printed JSON (two-space indentation, `": "` after keys) as UTF-8 bytes, either
/// from a `JSON` tree or piece by piece, so that a large report is written without first being
/// built as a tree: reports can be megabytes, and byte appends are many times faster than
/// allocating a node per value. Both ways give the same bytes for the same document.
public struct JSONWriter: Sendable {
    private var out: JSONBytes
    private var indent = 0
    /// Whether the open container already holds an item (so the next one needs a comma).
    private var hasItems = false

    public init(capacity: Int = 1 << 16) {
        out = JSONBytes(capacity: capacity)
    }

    /// Where the next item goes: how deep, and whether a comma comes first.
    public struct Position: Sendable, Equatable {
        public var indent: Int
        public var hasItems: Bool
    }

    /// Where this writer is in its document.
    public var position: Position { Position(indent: indent, hasItems: hasItems) }

    /// A writer for a part of a document that another writer has begun and takes up again after
    /// it (`resume(after:)`): the items of one array made on separate threads, each starting
    /// where the one before it ends.
    public init(at position: Position, capacity: Int = 1 << 16) {
        self.init(capacity: capacity)
        indent = position.indent
        hasItems = position.hasItems
    }

    /// Goes on after a part written by another writer (`init(at:)`), which ended at `position`.
    public mutating func resume(after position: Position) {
        indent = position.indent
        hasItems = position.hasItems
    }

    /// The document as text, with the final newline.
    public mutating func finish() -> String {
        unique()
        out.put(UInt8(ascii: "\n"))
        return String(decoding: out.written, as: UTF8.self)
    }

    /// The bytes written so far, leaving the writer empty but in the same place of the document:
    /// a document written in pieces (one framework at a time) can be sent out piece by piece.
    public mutating func take() -> [UInt8] {
        handOver { written in written.withUnsafeBufferPointer { Array($0) } }
    }

    /// The same, lent to `body` rather than copied out: a framework's report (about 140 KB) was
    /// copied into an array of its own only to be written to a file and dropped.
    public mutating func handOver<Result>(_ body: (Span<UInt8>) -> Result) -> Result {
        defer {
            // A writer that shares its bytes with a copy starts anew rather than copying them.
            if isKnownUniquelyReferenced(&out) { out.count = 0 } else { out = JSONBytes(capacity: out.capacity) }
        }
        return lend(body)
    }

    /// The bytes written so far, lent to `body`; the writer keeps them.
    public func lend<Result>(_ body: (Span<UInt8>) -> Result) -> Result {
        body(out.written.span)
    }

    /// How many bytes are written and not yet taken.
    public var pendingBytes: Int { out.count }

    /// Appends raw bytes that are already JSON text (a closing newline, say).
    public mutating func raw(_ text: StaticString) {
        unique()
        out.put(text)
    }

    /// Copies the output if a copy of this writer shares it (writers are values): every public
    /// method that writes calls this first.
    @inline(__always) private mutating func unique() {
        if !isKnownUniquelyReferenced(&out) { out = out.copy() }
    }

    // MARK: containers

    public enum Container: Sendable {
        case object, array

        var brackets: (open: UInt8, close: UInt8) {
            self == .object ? (UInt8(ascii: "{"), UInt8(ascii: "}")) : (UInt8(ascii: "["), UInt8(ascii: "]"))
        }
    }

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(.object)
        body(&self)
        close(.object)
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        open(.array)
        body(&self)
        close(.array)
    }

    /// An array with one element per item, each written by `element`. Inlinable, so that it is
    /// specialized where it is called: unspecialized, every report array looked up the type
    /// metadata of its collection and iterator at run time.
    @inlinable
    public mutating func array<C: Collection>(_ items: C, _ element: (inout JSONWriter, C.Element) -> Void) {
        open(.array)
        for item in items {
            nextItem()
            element(&self, item)
        }
        close(.array)
    }

    /// Opens a container whose items the caller writes with `member`/`element` and ends with
    /// `close`: for a document written in pieces.
    public mutating func open(_ container: Container) {
        unique()
        out.put(container.brackets.open)
        indent += 2
        hasItems = false
    }

    public mutating func close(_ container: Container) {
        indent -= 2
        unique()
        if hasItems { newline() }
        out.put(container.brackets.close)
        hasItems = true
    }

    // MARK: object members (a nil value leaves the member out)

    public mutating func member(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        unique()
        writeKey(key)
        writeQuoted(value)
    }

    /// A member whose value is the part of `text` at the UTF-8 offsets `utf8` (on scalar
    /// boundaries), written without making that part a string of its own.
    public mutating func member(_ key: StaticString, _ text: String, utf8 range: Range<Int>) {
        unique()
        writeKey(key)
        text.withUTF8InPlace { Self.escape(UnsafeBufferPointer(rebasing: $0[range]), into: out) }
    }

    public mutating func member(_ key: StaticString, _ value: Int) {
        unique()
        writeKey(key)
        out.put(decimal: value)
    }

    public mutating func member(_ key: StaticString, _ value: Bool) {
        unique()
        writeKey(key)
        out.put(value ? "true" : "false")
    }

    public mutating func member(_ key: StaticString, _ value: JSON) {
        self.key(key)
        write(value)
    }

    public mutating func member(_ key: StaticString, object body: (inout JSONWriter) -> Void) {
        self.key(key)
        object(body)
    }

    @inlinable
    public mutating func member<C: Collection>(
        _ key: StaticString, _ items: C, _ element: (inout JSONWriter, C.Element) -> Void
    ) {
        self.key(key)
        array(items, element)
    }

    /// Starts a member whose value the caller writes next.
    public mutating func key(_ key: StaticString) {
        unique()
        writeKey(key)
    }

    // MARK: values

    /// Starts the next item of the open container: a comma after the previous one, a new line.
    public mutating func nextItem() {
        unique()
        beginItem()
    }

    // The private writers below leave the uniqueness check to the public method that calls them:
    // one check per member rather than one per piece.

    @inline(__always) private mutating func beginItem() {
        out.putLineBreak(comma: hasItems, indent: indent)
        hasItems = true
    }

    /// Inlined into each `member`: a call per key cost a fifth of writing it.
    @inline(__always) private mutating func writeKey(_ key: StaticString) {
        out.putKey(key, comma: hasItems, indent: indent)
        hasItems = true
    }

    public mutating func value(_ value: JSON) {
        write(value)
    }

    public mutating func string(_ s: String) {
        quote(s)
    }

    @inline(__always) private func newline() {
        out.putLineBreak(comma: false, indent: indent)
    }

    private mutating func write(_ value: JSON) {
        switch value {
        case .null: raw("null")
        case .bool(let b): raw(b ? "true" : "false")
        case .int(let i):
            unique()
            out.put(decimal: i)
        case .number(let d):
            if !d.isFinite {
                raw("null")
            } else if d == d.rounded() && abs(d) < 1e15 {
                unique()
                out.put(decimal: Int(d))
            } else {
                unique()
                String(d).withUTF8InPlace { out.put($0) }
            }
        case .string(let s): quote(s)
        case .array(let items):
            array(items) { out, item in out.write(item) }
        case .object(let members):
            object { out in
                for member in members {
                    out.nextItem()
                    out.quote(member.key)
                    out.raw(": ")
                    out.write(member.value)
                }
            }
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, and U+2028 / U+2029
    /// too, so that the output is also safe inside a JavaScript string.
    private mutating func quote(_ s: String) {
        unique()
        writeQuoted(s)
    }

    @inline(__always) private func writeQuoted(_ s: String) {
        s.withUTF8InPlace { Self.escape($0, into: out) }
    }

    /// Most strings of a report need no escape at all: found so by a scan of eight bytes at a
    /// time, they are written quotes and all after one capacity check, here, inlined where the
    /// string is written; the others go on to `escape(_:from:into:)`.
    @inline(__always) private static func escape(_ utf8: UnsafeBufferPointer<UInt8>, into buffer: JSONBytes) {
        let clean = cleanPrefix(utf8)
        if clean == utf8.count {
            buffer.putQuoted(utf8)
        } else {
            escape(utf8, from: clean, into: buffer)
        }
    }

    /// A string whose first byte that may need an escape is at `start`.
    private static func escape(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, into buffer: JSONBytes) {
        var i = start
        buffer.put(UInt8(ascii: "\""))
        var clean = 0
        while i < utf8.count {
            // Most bytes need no escape: skip eight at a time while none might, and copy runs of
            // them at once.
            if i + 8 <= utf8.count,
                !mayNeedEscape(UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self))
            {
                i += 8
                continue
            }
            let b = utf8[i]
            if !mayNeedEscape(b) {
                i += 1
                continue
            }
            if b == 0xE2 && !(i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9))
            {
                i += 1
                continue
            }
            buffer.put(UnsafeBufferPointer(rebasing: utf8[clean..<i]))
            switch b {
            case UInt8(ascii: "\""): buffer.put("\\\"")
            case UInt8(ascii: "\\"): buffer.put("\\\\")
            case UInt8(ascii: "\n"): buffer.put("\\n")
            case UInt8(ascii: "\r"): buffer.put("\\r")
            case UInt8(ascii: "\t"): buffer.put("\\t")
            case 0xE2:
                buffer.put(utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                i += 2
            default:
                let hex: StaticString = "0123456789abcdef"
                buffer.put("\\u00")
                hex.withUTF8Buffer { hex in
                    buffer.put(hex[Int(b >> 4)])
                    buffer.put(hex[Int(b & 0xF)])
                }
            }
            i += 1
            clean = i
        }
        buffer.put(UnsafeBufferPointer(rebasing: utf8[clean..<utf8.count]))
        buffer.put(UInt8(ascii: "\""))
    }
}

/// How many bytes at the start of `utf8` surely need no escape: up to the first one that may.
@inline(__always) private func cleanPrefix(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
    guard let start = utf8.baseAddress else { return 0 }
    var i = 0
    while i + 8 <= utf8.count, !mayNeedEscape(UnsafeRawPointer(start + i).loadUnaligned(as: UInt64.self)) {
        i += 8
    }
    // Fewer than eight bytes left: they are taken as one word with some already seen before them,
    // so a clean string of eight bytes or more ends here, not in the byte loop below.
    if i < utf8.count && i + 8 > utf8.count && utf8.count >= 8
        && !mayNeedEscape(UnsafeRawPointer(start + utf8.count - 8).loadUnaligned(as: UInt64.self))
    {
        return utf8.count
    }
    while i < utf8.count, !mayNeedEscape(start[i]) { i += 1 }
    return i
}

/// Whether `byte` is a control character, `"`, `\` or 0xE2, which is escaped only when it starts
/// U+2028 or U+2029: the byte-wise test that `mayNeedEscape(_: UInt64)` makes eight at a time.
@inline(__always) private func mayNeedEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2
}

/// Whether any of the eight bytes in `word` is a control character, `"`, `\` or 0xE2 (the lead
/// byte of U+2028 and U+2029). Exact when it says no; it may say yes for a byte after one that
/// matches, and the caller then looks at the bytes one by one.
@inline(__always) private func mayNeedEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
    let control = (word &- ones &* 0x20) & ~word & highs
    let quote = hasZeroByte(word ^ (ones &* 0x22))
    let backslash = hasZeroByte(word ^ (ones &* 0x5C))
    let separator = hasZeroByte(word ^ (ones &* 0xE2))
    return control | quote | backslash | separator != 0
}

/// A writer's output: a growable byte buffer whose appends are a capacity check and a copy,
/// without the uniqueness and capacity work `Array.append(contentsOf:)` does on every call (a
/// report is written in millions of small appends). Only a `JSONWriter` holds one, and it copies
/// the buffer before writing when another writer shares it: hence `@unchecked Sendable`.
private final class JSONBytes: @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func copy() -> JSONBytes {
        let copy = JSONBytes(capacity: capacity)
        copy.base.initialize(from: base, count: count)
        copy.count = count
        return copy
    }

    @inline(__always) private func reserve(_ n: Int) {
        if n > capacity - count { grow(to: count + n) }
    }

    private func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always) func put(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always) func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        Self.copy(source, bytes.count, to: base + count)
        count += bytes.count
    }

    /// Copies `n` bytes. Most pieces of a report are short (keys, ids, short values): up to 16
    /// bytes they are copied with two overlapping loads and stores, not a call to `memmove`, whose
    /// call and size dispatch cost more than such a copy.
    @inline(__always) private static func copy(
        _ source: UnsafePointer<UInt8>, _ n: Int, to target: UnsafeMutablePointer<UInt8>
    ) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        switch n {
        case 8...16:
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        case 4..<8:
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        case 0..<4:
            for i in 0..<n { target[i] = source[i] }
        default:
            target.update(from: source, count: n)
        }
    }

    func put(_ text: StaticString) {
        text.withUTF8Buffer { put($0) }
    }

    /// A comma when asked, a line break and `indent` spaces: what starts every item of a pretty-
    /// printed container (a report writes hundreds of thousands), in one capacity check and with
    /// the spaces stored eight at a time.
    @inline(__always) func putLineBreak(comma: Bool, indent: Int) {
        reserve(Self.lineBreakRoom(indent))
        count = base.distance(to: Self.writeLineBreak(at: base + count, comma: comma, indent: indent))
    }

    /// The room `writeLineBreak` needs: the comma, the line break, and the spaces in whole words,
    /// two at least.
    @inline(__always) private static func lineBreakRoom(_ indent: Int) -> Int { max(indent, 16) + 9 }

    // The writers below store through a local cursor and set `count` once, at the end: a store
    // through `base` may alias the object's own fields as far as the compiler knows, so with
    // `base[count] = …` it reloaded `base` and `count` after every byte (a key took 114
    // instructions).

    /// `putLineBreak` at `cursor`, in room the caller has reserved; where the next byte goes.
    @inline(__always) private static func writeLineBreak(
        at cursor: UnsafeMutablePointer<UInt8>, comma: Bool, indent: Int
    ) -> UnsafeMutablePointer<UInt8> {
        var cursor = cursor
        if comma {
            cursor.pointee = UInt8(ascii: ",")
            cursor += 1
        }
        cursor.pointee = UInt8(ascii: "\n")
        cursor += 1
        // Spaces in words of eight (unaligned stores): the last word may run past `indent` into
        // the reserved capacity, beyond `count`, where the next write goes. Two words, stored
        // whatever the indent, cover a report's usual depth without a loop.
        let spaces: UInt64 = 0x2020_2020_2020_2020
        UnsafeMutableRawPointer(cursor).storeBytes(of: spaces, as: UInt64.self)
        UnsafeMutableRawPointer(cursor + 8).storeBytes(of: spaces, as: UInt64.self)
        var written = 16
        while written < indent {
            UnsafeMutableRawPointer(cursor + written).storeBytes(of: spaces, as: UInt64.self)
            written += 8
        }
        return cursor + indent
    }

    /// What starts every member of an object (`putLineBreak`), then `"key": `, in one capacity
    /// check: a report writes millions of members.
    @inline(__always) func putKey(_ key: StaticString, comma: Bool, indent: Int) {
        // A StaticString made from a Unicode scalar has no UTF-8 bytes to copy (string literals,
        // one character long included, have them).
        guard key.hasPointerRepresentation else {
            putLineBreak(comma: comma, indent: indent)
            put(UInt8(ascii: "\""))
            put(key)
            put("\": ")
            return
        }
        let length = key.utf8CodeUnitCount
        reserve(Self.lineBreakRoom(indent) + length + 4)
        let start = base
        var cursor = Self.writeLineBreak(at: start + count, comma: comma, indent: indent)
        cursor.pointee = UInt8(ascii: "\"")
        Self.copy(key.utf8Start, length, to: cursor + 1)
        cursor += 1 + length
        cursor[0] = UInt8(ascii: "\"")
        cursor[1] = UInt8(ascii: ":")
        cursor[2] = UInt8(ascii: " ")
        count = start.distance(to: cursor + 3)
    }

    /// `bytes` between quotes, as they are (the caller knows they need no escape).
    @inline(__always) func putQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count + 2)
        let start = base
        let cursor = start + count
        cursor.pointee = UInt8(ascii: "\"")
        if let source = bytes.baseAddress { Self.copy(source, bytes.count, to: cursor + 1) }
        cursor[1 + bytes.count] = UInt8(ascii: "\"")
        count = start.distance(to: cursor + 2 + bytes.count)
    }

    /// An integer in decimal, written straight into the buffer, last digit first.
    func put(decimal value: Int) {
        reserve(20)
        let start = base
        var cursor = start + count
        if value < 0 {
            cursor.pointee = UInt8(ascii: "-")
            cursor += 1
        }
        var magnitude = value.magnitude
        var digits = 1
        var bound: UInt = 10
        while digits < 20 && magnitude >= bound {
            digits += 1
            bound &*= 10
        }
        // Two digits per division, from a table of the hundred pairs: a report's numbers (lines,
        // columns, offsets) are short, and they are about 600 per description.
        let pairs = Self.pairs.utf8Start
        var position = cursor + digits
        while magnitude >= 100 {
            let pair = Int(magnitude % 100) &* 2
            magnitude /= 100
            position -= 2
            position[0] = pairs[pair]
            position[1] = pairs[pair &+ 1]
        }
        if magnitude >= 10 {
            let pair = Int(magnitude) &* 2
            position[-2] = pairs[pair]
            position[-1] = pairs[pair &+ 1]
        } else {
            position[-1] = UInt8(ascii: "0") &+ UInt8(magnitude)
        }
        count = start.distance(to: cursor + digits)
    }

    private static let pairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """
}
