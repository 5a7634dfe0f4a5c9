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
    public private(set) var bytes: [UInt8] = []
    private var indent = 0
    /// Whether the open container already holds an item (so the next one needs a comma).
    private var hasItems = false

    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// The document as text, with the final newline.
    public mutating func finish() -> String {
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes written so far, leaving the writer empty but in the same place of the document:
    /// a document written in pieces (one framework at a time) can be sent out piece by piece.
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Appends raw bytes that are already JSON text (a closing newline, say).
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
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

    /// An array with one element per item, each written by `element`.
    public mutating func array<C: Collection>(_ items: C, _ element: (inout JSONWriter, C.Element) -> Void) {
        array { out in
            for item in items {
                out.nextItem()
                element(&out, item)
            }
        }
    }

    /// Opens a container whose items the caller writes with `member`/`element` and ends with
    /// `close`: for a document written in pieces.
    public mutating func open(_ container: Container) {
        bytes.append(container.brackets.open)
        indent += 2
        hasItems = false
    }

    public mutating func close(_ container: Container) {
        indent -= 2
        if hasItems { newline() }
        bytes.append(container.brackets.close)
        hasItems = true
    }

    // MARK: object members (a nil value leaves the member out)

    public mutating func member(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        quote(value)
    }

    public mutating func member(_ key: StaticString, _ value: Int) {
        self.key(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func member(_ key: StaticString, _ value: Bool) {
        self.key(key)
        raw(value ? "true" : "false")
    }

    public mutating func member(_ key: StaticString, _ value: JSON) {
        self.key(key)
        write(value)
    }

    public mutating func member(_ key: StaticString, object body: (inout JSONWriter) -> Void) {
        self.key(key)
        object(body)
    }

    public mutating func member<C: Collection>(
        _ key: StaticString, _ items: C, _ element: (inout JSONWriter, C.Element) -> Void
    ) {
        self.key(key)
        array(items, element)
    }

    /// Starts a member whose value the caller writes next.
    public mutating func key(_ key: StaticString) {
        nextItem()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        raw("\": ")
    }

    // MARK: values

    /// Starts the next item of the open container: a comma after the previous one, a new line.
    public mutating func nextItem() {
        if hasItems { bytes.append(UInt8(ascii: ",")) }
        newline()
        hasItems = true
    }

    public mutating func value(_ value: JSON) {
        write(value)
    }

    public mutating func string(_ s: String) {
        quote(s)
    }

    private mutating func newline() {
        // A line break and up to 64 spaces of indentation in one append.
        let spaces: StaticString = "\n                                                                "
        var left = indent
        spaces.withUTF8Buffer { line in
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<(1 + min(left, 64))]))
            left -= min(left, 64)
            while left > 0 {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[1..<(1 + min(left, 64))]))
                left -= min(left, 64)
            }
        }
    }

    private mutating func write(_ value: JSON) {
        switch value {
        case .null: raw("null")
        case .bool(let b): raw(b ? "true" : "false")
        case .int(let i): bytes.append(contentsOf: String(i).utf8)
        case .number(let d):
            if !d.isFinite {
                raw("null")
            } else if d == d.rounded() && abs(d) < 1e15 {
                bytes.append(contentsOf: String(Int(d)).utf8)
            } else {
                bytes.append(contentsOf: String(d).utf8)
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
        var s = s
        s.withUTF8 { escape($0) }
    }

    private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var i = 0
        var clean = 0
        while i < utf8.count {
            let b = utf8[i]
            // Most bytes need no escape: copy runs of them at once.
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b != 0xE2 {
                i += 1
                continue
            }
            if b == 0xE2 && !(i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9))
            {
                i += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
            switch b {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0xE2:
                utf8[i + 2] == 0xA8 ? raw("\\u2028") : raw("\\u2029")
                i += 2
            default:
                let hex: StaticString = "0123456789abcdef"
                raw("\\u00")
                hex.withUTF8Buffer { hex in
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                }
            }
            i += 1
            clean = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<utf8.count]))
        bytes.append(UInt8(ascii: "\""))
    }
}
