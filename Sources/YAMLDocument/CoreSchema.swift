/// A scalar resolved by the YAML 1.2 core schema. Under 1.2, `yes`, `no`, `on` and `off` are
/// strings, not booleans (YAML 1.1 treated them as booleans, a classic source of surprises).
public enum ResolvedScalar: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// An integer too large for `Int`, kept as written.
    case bigInt(String)
    case float(Double)
    case string(String)
}

public enum YAMLTag {
    public static let prefix = "tag:yaml.org,2002:"
    public static let str = prefix + "str"
    public static let int = prefix + "int"
    public static let float = prefix + "float"
    public static let bool = prefix + "bool"
    public static let null = prefix + "null"
    public static let seq = prefix + "seq"
    public static let map = prefix + "map"
    /// `!` alone: the non-specific tag, which makes a plain scalar a string.
    public static let nonSpecific = "!"
    public static let supported: Set<String> = [str, int, float, bool, null, seq, map, nonSpecific]

    /// How messages show a tag: `!!int` for the core tags, as written otherwise.
    public static func display(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}

extension Node {
    /// The core-schema value of a scalar node; `nil` for collections.
    public var resolved: ResolvedScalar? {
        guard case .scalar(let scalar) = content else { return nil }
        return CoreSchema.resolve(scalar, tag: tag)
    }
}

public enum CoreSchema {
    public static func resolve(_ scalar: Scalar, tag: String?) -> ResolvedScalar {
        guard let tag else {
            // Untagged: quoted and block scalars are strings, and plain text that cannot be
            // anything else skips resolution.
            guard scalar.style == .plain, mayBeNonString(scalar.text) else { return .string(scalar.text) }
            return resolvePlain(scalar.text) ?? .string(scalar.text)
        }
        if tag == YAMLTag.str || tag == YAMLTag.nonSpecific { return .string(scalar.text) }
        // An explicit core tag forces the type when the text allows it.
        if let value = resolvePlain(scalar.text) {
            switch (tag, value) {
            case (YAMLTag.int, .int), (YAMLTag.int, .bigInt), (YAMLTag.float, .float), (YAMLTag.bool, .bool),
                (YAMLTag.null, .null):
                return value
            case (YAMLTag.float, .int(let i)): return .float(Double(i))
            default: break
            }
        }
        if tag == YAMLTag.null && scalar.text.isEmpty { return .null }
        return .string(scalar.text)
    }

    /// Whether a plain scalar could resolve to anything but a string: only text starting with a
    /// digit, a sign, '.', '~' or one of n N t T f F can.
    static func mayBeNonString(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return true }
        return mayBeNonString(first: first)
    }

    /// `mayBeNonString` from the first byte of non-empty text.
    static func mayBeNonString(first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    /// Resolves the text of a plain scalar; `nil` means it is a string.
    static func resolvePlain(_ text: String) -> ResolvedScalar? {
        text.withUTF8InPlace { resolvePlain($0, text) }
    }

    /// Every non-string form starts with a digit, a sign, '.', '~', or one of n N t T f F; the
    /// words are checked by length and bytes, and only number-like text is parsed. (The loader
    /// calls it with libyaml's bytes of the text, when it has them at hand.)
    static func resolvePlain<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ text: String)
        -> ResolvedScalar? where Bytes.Index == Int
    {
        guard let first = bytes.first else { return .null }
        // Three spellings of one word at most: no array of them, which would be allocated per call.
        func spells(_ a: StaticString, _ b: StaticString, _ c: StaticString) -> Bool {
            func equal(_ word: StaticString) -> Bool {
                word.utf8CodeUnitCount == bytes.count
                    && UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount).elementsEqual(bytes)
            }
            return equal(a) || equal(b) || equal(c)
        }
        switch first {
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return spells("null", "Null", "NULL") ? .null : nil
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return spells("true", "True", "TRUE") ? .bool(true) : nil
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return spells("false", "False", "FALSE") ? .bool(false) : nil
        case UInt8(ascii: "~"):
            return bytes.count == 1 ? .null : nil
        case UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
            if spells(".inf", ".Inf", ".INF") || spells("+.inf", "+.Inf", "+.INF") { return .float(.infinity) }
            if spells("-.inf", "-.Inf", "-.INF") { return .float(-.infinity) }
            if spells(".nan", ".NaN", ".NAN") { return .float(.nan) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default:
            return nil
        }
        if let int = integer(bytes, text) { return int }
        if isFloat(bytes), let value = Double(text) { return .float(value) }
        return nil
    }

    /// `[-+]? [0-9]+`, `0o [0-7]+` or `0x [0-9a-fA-F]+`; `.bigInt` when it does not fit in `Int`.
    private static func integer<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ text: String)
        -> ResolvedScalar? where Bytes.Index == Int
    {
        let start = bytes.startIndex
        var radix = 10
        var i = start
        var negative = false
        if bytes.count > 2, bytes[start] == UInt8(ascii: "0"),
            bytes[start + 1] == UInt8(ascii: "o") || bytes[start + 1] == UInt8(ascii: "x")
        {
            radix = bytes[start + 1] == UInt8(ascii: "o") ? 8 : 16
            i += 2
        } else if bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "+") {
            negative = bytes[start] == UInt8(ascii: "-")
            i += 1
        }
        guard i < bytes.endIndex else { return nil }
        var value = 0
        var overflow = false
        while i < bytes.endIndex {
            let b = bytes[i]
            let digit: Int
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(b &- UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = Int(b &- UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = Int(b &- UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard digit < radix else { return nil }
            if !overflow {
                // Accumulated negatively, so that Int.min fits.
                let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
                let (next, o2) = shifted.subtractingReportingOverflow(digit)
                overflow = o1 || o2
                value = next
            }
            i += 1
        }
        if overflow { return .bigInt(text) }
        if negative { return .int(value) }
        return value == .min ? .bigInt(text) : .int(-value)
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
    private static func isFloat<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        var intDigits = 0
        while i < end, isDigit(bytes[i]) {
            intDigits += 1
            i += 1
        }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            var fracDigits = 0
            while i < end, isDigit(bytes[i]) {
                fracDigits += 1
                i += 1
            }
            if intDigits == 0 && fracDigits == 0 { return false }
        } else if intDigits == 0 {
            return false
        }
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            var expDigits = 0
            while i < end, isDigit(bytes[i]) {
                expDigits += 1
                i += 1
            }
            if expDigits == 0 { return false }
        }
        return i == end
    }
}
