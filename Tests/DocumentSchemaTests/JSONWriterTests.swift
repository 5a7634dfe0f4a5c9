import DocumentSchema
import Testing

/// The writer's own byte buffer and its eight-bytes-at-a-time escaping, checked against the
/// plain rules they replace.
@Suite struct JSONWriterTests {
    /// The escaping rule, one Unicode scalar at a time: the reference the fast path must match.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = Array("0123456789abcdef")
                    out += "\\u00" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 0xF)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Every ASCII character, the two line separators, and other characters whose UTF-8 starts
    /// with the separators' lead byte 0xE2 (… and €) or not (é, an emoji), at each of twenty
    /// places in a string: the word-wise skip and the byte loop both meet each of them, as a
    /// value and as an object member (whose key and line break share one capacity check).
    @Test func escapingMatchesTheRuleAtEveryPosition() {
        var characters = (0...0x7F).map { Unicode.Scalar(UInt8($0)) }
        characters += ["\u{2028}", "\u{2029}", "\u{2026}", "\u{20AC}", "\u{E9}", "\u{1F600}"]
        var wrong: [String] = []
        for character in characters {
            for position in 0..<20 {
                var text = String(repeating: "a", count: position)
                text.unicodeScalars.append(character)
                text += String(repeating: "b", count: 19 - position)
                let written = JSON.string(text).rendered()
                if written != Self.quoted(text) + "\n" { wrong.append(written) }
                var member = JSONWriter(capacity: 0)
                member.object { $0.member("key", text) }
                let memberWritten = member.finish()
                if memberWritten != "{\n  \"key\": " + Self.quoted(text) + "\n}\n" { wrong.append(memberWritten) }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(characters.count == 134)
    }

    /// Texts of every length up to 40, alone and around an escaped character: the buffer copies
    /// short pieces with overlapping loads and stores (lengths 1–3, 4–7 and 8–16 each their own
    /// way), longer ones with memmove, and every byte must land once, in order.
    @Test func piecesOfEveryLengthAreCopiedWhole() {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var wrong: [String] = []
        for length in 0...40 {
            let text = String(alphabet.prefix(length))
            for candidate in [text, text + "\n" + text, "\"" + text] {
                let written = JSON.string(candidate).rendered()
                if written != Self.quoted(candidate) + "\n" { wrong.append(written) }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    @Test func integersAtTheirLimits() {
        // Every number of digits, at both ends, and both signs.
        let powers = (0...18).map { (0..<$0).reduce(1) { power, _ in power * 10 } }
        let edges = powers.flatMap { [$0 - 1, $0, $0 + 1, 2 * $0 - 1, -$0, 1 - $0] }
        for value in edges + [7, 1_234_567_890, Int.max, Int.min, Int.min + 1] {
            #expect(JSON.int(value).rendered() == "\(value)\n")
            var out = JSONWriter()
            out.object { $0.member("n", value) }
            #expect(out.finish() == "{\n  \"n\": \(value)\n}\n")
        }
    }

    /// A copy of a writer shares its buffer until one of them writes: then they part.
    @Test func aCopyOfAWriterIsIndependent() {
        var original = JSONWriter()
        original.open(.array)
        original.nextItem()
        original.string("both")
        var copy = original
        copy.nextItem()
        copy.string("only the copy")
        // Taking from a copy empties the copy alone.
        var emptied = original
        #expect(String(decoding: emptied.take(), as: UTF8.self).contains("both"))
        #expect(emptied.pendingBytes == 0)
        original.nextItem()
        original.string("only the original")
        original.close(.array)
        copy.close(.array)
        #expect(original.finish() == JSON.array([.string("both"), .string("only the original")]).rendered())
        #expect(copy.finish() == JSON.array([.string("both"), .string("only the copy")]).rendered())
    }

    /// Two spaces per level at any depth (the spaces are written in words of eight, past 64 too),
    /// and keys of any length, one character included, written piece by piece as reports are.
    @Test func indentationAndKeysAtDepth() {
        let depth = 45
        var out = JSONWriter(capacity: 0)
        for _ in 0..<depth {
            out.open(.object)
            out.member("k", 1)
            out.member("a longer key than eight", "v")
            out.key("next")
        }
        out.value(.null)
        for _ in 0..<depth { out.close(.object) }
        var expected = ""
        for level in 0..<depth {
            let inner = String(repeating: " ", count: 2 * (level + 1))
            expected += "{\n\(inner)\"k\": 1,\n\(inner)\"a longer key than eight\": \"v\",\n\(inner)\"next\": "
        }
        expected += "null"
        for level in (0..<depth).reversed() {
            expected += "\n" + String(repeating: " ", count: 2 * level) + "}"
        }
        #expect(out.finish() == expected + "\n")
    }

    /// A writer that starts with no room grows as it goes and loses nothing.
    @Test func growsFromNoCapacity() {
        let items = (0..<5000).map { JSON.string("item \($0) \u{2028} \"quoted\"") }
        var out = JSONWriter(capacity: 0)
        out.value(.array(items))
        #expect(out.finish() == JSON.array(items).rendered())
    }
}
