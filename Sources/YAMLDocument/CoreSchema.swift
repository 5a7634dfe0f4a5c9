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
        switch tag {
        case YAMLTag.str?, YAMLTag.nonSpecific?: return .string(scalar.text)
        case nil: break
        default:
            // An explicit core tag forces the type when the text allows it.
            if let value = resolvePlain(scalar.text) {
                switch (tag, value) {
                case (YAMLTag.int?, .int), (YAMLTag.int?, .bigInt), (YAMLTag.float?, .float),
                    (YAMLTag.bool?, .bool), (YAMLTag.null?, .null):
                    return value
                case (YAMLTag.float?, .int(let i)): return .float(Double(i))
                default: break
                }
            }
            if tag == YAMLTag.null && scalar.text.isEmpty { return .null }
            return .string(scalar.text)
        }
        guard scalar.style == .plain else { return .string(scalar.text) }
        return resolvePlain(scalar.text) ?? .string(scalar.text)
    }

    /// Resolves the text of a plain scalar; `nil` means it is a string.
    static func resolvePlain(_ text: String) -> ResolvedScalar? {
        let utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        // Fast exit: every non-string form starts with a digit, a sign, '.', '~', or one of n N t T f F 0.
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"):
            break
        default:
            return nil
        }
        switch text {
        case "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if let int = integer(utf8) { return int }
        if isFloat(utf8), let value = Double(text) { return .float(value) }
        return nil
    }

    private static func integer(_ utf8: String.UTF8View) -> ResolvedScalar? {
        let bytes = Array(utf8)
        func digits(_ from: Int, radix: Int) -> Bool {
            guard from < bytes.count else { return false }
            return bytes[from...].allSatisfy { byte in
                switch radix {
                case 8: return (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte)
                case 16:
                    return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                        || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
                default: return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                }
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o"), digits(2, radix: 8) {
                return Int(text.dropFirst(2), radix: 8).map(ResolvedScalar.int) ?? .bigInt(text)
            }
            if bytes[1] == UInt8(ascii: "x"), digits(2, radix: 16) {
                return Int(text.dropFirst(2), radix: 16).map(ResolvedScalar.int) ?? .bigInt(text)
            }
        }
        let signed = bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")
        guard digits(signed ? 1 : 0, radix: 10) else { return nil }
        return Int(text).map(ResolvedScalar.int) ?? .bigInt(text)
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
    private static func isFloat(_ utf8: String.UTF8View) -> Bool {
        var i = utf8.startIndex
        let end = utf8.endIndex
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        if i < end, utf8[i] == UInt8(ascii: "-") || utf8[i] == UInt8(ascii: "+") { i = utf8.index(after: i) }
        var intDigits = 0
        while i < end, isDigit(utf8[i]) {
            intDigits += 1
            i = utf8.index(after: i)
        }
        var fracDigits = 0
        if i < end, utf8[i] == UInt8(ascii: ".") {
            i = utf8.index(after: i)
            while i < end, isDigit(utf8[i]) {
                fracDigits += 1
                i = utf8.index(after: i)
            }
            if intDigits == 0 && fracDigits == 0 { return false }
        } else if intDigits == 0 {
            return false
        }
        if i < end, utf8[i] == UInt8(ascii: "e") || utf8[i] == UInt8(ascii: "E") {
            i = utf8.index(after: i)
            if i < end, utf8[i] == UInt8(ascii: "-") || utf8[i] == UInt8(ascii: "+") { i = utf8.index(after: i) }
            var expDigits = 0
            while i < end, isDigit(utf8[i]) {
                expDigits += 1
                i = utf8.index(after: i)
            }
            if expDigits == 0 { return false }
        }
        return i == end
    }
}
