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
        out.write(self, indent: 0)
        out.bytes.append(UInt8(ascii: "\n"))
        return String(decoding: out.bytes, as: UTF8.self)
    }

    public static func quote(_ s: String, into out: inout String) {
        var writer = JSONWriter()
        writer.quote(s)
        out += String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// Writes JSON as UTF-8 bytes: reports can be megabytes, and byte appends are many times faster
/// than growing a String scalar by scalar.
struct JSONWriter {
    var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(1 << 16)
    }

    mutating func newline(_ indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { bytes.append(UInt8(ascii: " ")) }
    }

    mutating func ascii(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: JSON, indent: Int) {
        switch value {
        case .null: ascii("null")
        case .bool(let b): b ? ascii("true") : ascii("false")
        case .int(let i): bytes.append(contentsOf: String(i).utf8)
        case .number(let d):
            if !d.isFinite {
                ascii("null")
            } else if d == d.rounded() && abs(d) < 1e15 {
                bytes.append(contentsOf: String(Int(d)).utf8)
            } else {
                bytes.append(contentsOf: String(d).utf8)
            }
        case .string(let s): quote(s)
        case .array(let items):
            guard !items.isEmpty else { return ascii("[]") }
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 2)
                write(item, indent: indent + 2)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return ascii("{}") }
            bytes.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 2)
                quote(member.key)
                ascii(": ")
                write(member.value, indent: indent + 2)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, and U+2028 / U+2029
    /// too, so that the output is also safe inside a JavaScript string.
    mutating func quote(_ s: String) {
        var s = s
        s.withUTF8 { escape($0) }
    }

    private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            switch b {
            case UInt8(ascii: "\""): ascii("\\\"")
            case UInt8(ascii: "\\"): ascii("\\\\")
            case UInt8(ascii: "\n"): ascii("\\n")
            case UInt8(ascii: "\r"): ascii("\\r")
            case UInt8(ascii: "\t"): ascii("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                ascii("\\u00")
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 0xF)])
            case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                utf8[i + 2] == 0xA8 ? ascii("\\u2028") : ascii("\\u2029")
                i += 2
            default:
                bytes.append(b)
            }
            i += 1
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
