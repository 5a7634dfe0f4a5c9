import Foundation
import YAMLDocument

/// Data as JSON sees it: what a loaded tree must equal when a case has `in.json`.
indirect enum JSONData: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONData])
    case object([String: JSONData])

    /// Numbers compare by value: YAML `1.0` and JSON `1` are the same number.
    static func == (lhs: JSONData, rhs: JSONData) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)): return Double(a) == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        case .string(let s): return "\"\(s)\""
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            return "{"
                + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }
                .joined(separator: ", ") + "}"
        }
    }

    /// The loaded tree with every scalar resolved by the core schema. Keys become their text, as
    /// in the suite's JSON; `nil` when the tree has no JSON form (a non-finite number).
    init?(_ node: Node) {
        switch node.content {
        case .scalar(let scalar):
            switch node.resolved {
            case .null?: self = .null
            case .bool(let b)?: self = .bool(b)
            case .int(let i)?: self = .integer(i)
            case .float(let d)?:
                guard d.isFinite else { return nil }
                self = .number(d)
            case .bigInt?: return nil
            case .string(let s)?: self = .string(s)
            case nil: self = .string(scalar.text)
            }
        case .sequence(let items):
            var array: [JSONData] = []
            for item in items {
                guard let value = JSONData(item) else { return nil }
                array.append(value)
            }
            self = .array(array)
        case .mapping(let pairs):
            var object: [String: JSONData] = [:]
            for pair in pairs {
                guard let value = JSONData(pair.value) else { return nil }
                object[pair.name] = value
            }
            self = .object(object)
        }
    }

    /// A value from `JSONSerialization`. Booleans come as `NSNumber`s whose type code is `c`
    /// (`as? Bool` would also match the numbers 0 and 1).
    init?(foundation value: Any) {
        switch value {
        case is NSNull: self = .null
        case let string as String: self = .string(string)
        case let number as NSNumber:
            let type = String(cString: number.objCType)
            if type == "c" {
                self = .bool(number.boolValue)
            } else if type == "d" || type == "f" {
                self = .number(number.doubleValue)
            } else if let int = Int(exactly: number.int64Value), type != "Q" {
                self = .integer(int)
            } else {
                self = .number(number.doubleValue)
            }
        case let array as [Any]:
            var items: [JSONData] = []
            for element in array {
                guard let item = JSONData(foundation: element) else { return nil }
                items.append(item)
            }
            self = .array(items)
        case let dictionary as [String: Any]:
            var object: [String: JSONData] = [:]
            for (key, element) in dictionary {
                guard let item = JSONData(foundation: element) else { return nil }
                object[key] = item
            }
            self = .object(object)
        default:
            return nil
        }
    }

    /// The documents of a JSON stream (`in.json` may hold several values one after another).
    static func stream(_ text: String) throws -> [JSONData] {
        try JSONStream.split(text).map { piece in
            let object = try JSONSerialization.jsonObject(with: Data(piece.utf8), options: [.fragmentsAllowed])
            guard let value = JSONData(foundation: object) else { throw JSONStream.Failure(text: piece) }
            return value
        }
    }
}

/// Splits a stream of JSON values on their boundaries.
enum JSONStream {
    struct Failure: Error, CustomStringConvertible {
        var text: String
        var description: String { "cannot read JSON value: \(text.prefix(80))" }
    }

    static func split(_ text: String) throws -> [String] {
        let bytes = Array(text.utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        var pieces: [String] = []
        var i = 0
        while true {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { return pieces }
            let start = i
            var depth = 0
            var inString = false
            // A container or a string ends right after it closes; anything else at whitespace.
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if inString {
                    if b == UInt8(ascii: "\\") {
                        i += 1
                    } else if b == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 { break }
                    }
                } else if b == UInt8(ascii: "\"") {
                    inString = true
                } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    depth += 1
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { break }
                } else if depth == 0, i < bytes.count, isSpace(bytes[i]) {
                    break
                }
            }
            guard depth == 0, !inString else { throw Failure(text: String(decoding: bytes[start...], as: UTF8.self)) }
            pieces.append(String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self))
        }
    }
}

/// The tree a `test.event` stream describes, with aliases expanded, compared node by node
/// with the loaded tree: scalar text (keys included), kinds, order and explicit tags.
indirect enum EventTree: Equatable, CustomStringConvertible {
    case scalar(String, tag: String?)
    case sequence([EventTree], tag: String?)
    case mapping([(EventTree, EventTree)], tag: String?)

    static func == (lhs: EventTree, rhs: EventTree) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a, let ta), .scalar(let b, let tb)): return a == b && ta == tb
        case (.sequence(let a, let ta), .sequence(let b, let tb)): return a == b && ta == tb
        case (.mapping(let a, let ta), .mapping(let b, let tb)):
            return ta == tb && a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    var description: String {
        switch self {
        case .scalar(let text, let tag): return (tag.map { "<\($0)> " } ?? "") + "'\(text)'"
        case .sequence(let items, let tag):
            return (tag.map { "<\($0)> " } ?? "") + "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let pairs, let tag):
            return (tag.map { "<\($0)> " } ?? "") + "{"
                + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        }
    }

    /// The non-specific tag `!` only decides resolution; it is not part of the data.
    private static func significant(_ tag: String?) -> String? { tag == YAMLTag.nonSpecific ? nil : tag }

    init(_ node: Node) {
        let tag = Self.significant(node.tag)
        switch node.content {
        case .scalar(let scalar): self = .scalar(scalar.text, tag: tag)
        case .sequence(let items): self = .sequence(items.map(EventTree.init), tag: tag)
        case .mapping(let pairs): self = .mapping(pairs.map { (EventTree($0.key), EventTree($0.value)) }, tag: tag)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var line: String
        var description: String { "cannot read test.event line '\(line)'" }
    }

    /// The documents of an event stream.
    static func documents(_ events: String) throws -> [EventTree] {
        struct Open {
            var isMapping: Bool
            var tag: String?
            var anchor: String?
            var items: [EventTree] = []
        }
        var documents: [EventTree] = []
        var stack: [Open] = []
        var anchors: [String: EventTree] = [:]
        func add(_ tree: EventTree, anchor: String?) {
            if let anchor { anchors[anchor] = tree }
            if stack.isEmpty {
                documents.append(tree)
            } else {
                stack[stack.count - 1].items.append(tree)
            }
        }
        for line in events.split(separator: "\n") {
            let failure = Failure(line: String(line))
            let event = line.prefix(4)
            var rest = line.dropFirst(4).drop { $0 == " " }
            var anchor: String?
            var tag: String?
            // Properties come first: `{}` / `[]` (flow style), &anchor and <tag>, in any order.
            while true {
                if rest.hasPrefix("{}") || rest.hasPrefix("[]") {
                    rest = rest.dropFirst(2).drop { $0 == " " }
                } else if rest.hasPrefix("&") {
                    let end = rest.firstIndex(of: " ") ?? rest.endIndex
                    anchor = String(rest[rest.index(after: rest.startIndex)..<end])
                    rest = rest[end...].drop { $0 == " " }
                } else if rest.hasPrefix("<") {
                    guard let end = rest.firstIndex(of: ">") else { throw failure }
                    tag = String(rest[rest.index(after: rest.startIndex)..<end])
                    rest = rest[rest.index(after: end)...].drop { $0 == " " }
                } else {
                    break
                }
            }
            tag = significant(tag)
            switch event {
            case "+STR", "-STR", "+DOC", "-DOC": break
            case "+SEQ", "+MAP": stack.append(Open(isMapping: event == "+MAP", tag: tag, anchor: anchor))
            case "-SEQ", "-MAP":
                guard let open = stack.popLast() else { throw failure }
                if open.isMapping {
                    guard open.items.count % 2 == 0 else { throw failure }
                    let pairs = stride(from: 0, to: open.items.count, by: 2).map {
                        (open.items[$0], open.items[$0 + 1])
                    }
                    add(.mapping(pairs, tag: open.tag), anchor: open.anchor)
                } else {
                    add(.sequence(open.items, tag: open.tag), anchor: open.anchor)
                }
            case "=VAL":
                guard let style = rest.first, ":'\"|>".contains(style) else { throw failure }
                add(.scalar(unescape(rest.dropFirst()), tag: tag), anchor: anchor)
            case "=ALI":
                guard rest.hasPrefix("*"), let target = anchors[String(rest.dropFirst())] else { throw failure }
                add(target, anchor: nil)
            default:
                throw failure
            }
        }
        return documents
    }

    private static func unescape(_ text: Substring) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
