import CLibYAML
import Testing
import YAMLDocument

/// The loader hands libyaml its input already decoded, so libyaml's reader (which decodes UTF-8 and
/// refuses control characters) never runs; `EncodingCheck` makes those checks instead. These tests
/// hold the two to the same verdict, and the same place, on every character class.
@Suite struct ReaderEquivalenceTests {
    enum Verdict: Equatable {
        case parses
        /// libyaml's reader refused a character at this byte offset.
        case readerError(Int)
        /// The scanner or the parser refused the input.
        case otherError
    }

    /// What libyaml's own reader and parser say of `bytes`, fed through its usual input API.
    static func libyamlVerdict(_ bytes: [UInt8]) -> Verdict {
        bytes.withUnsafeBufferPointer { buffer -> Verdict in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return .otherError }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return parser.error == YAML_READER_ERROR ? .readerError(Int(parser.problem_offset)) : .otherError
                }
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { return .parses }
            }
        }
    }

    /// Scalars at the edges of YAML's printable set (and of UTF-8's lengths).
    static let scalars: [UInt32] =
        Array(0x01...0x7F) + Array(0x80...0xA1) + [
            0x7FF, 0x800, 0x2028, 0x2029, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x10FFFF,
        ]

    /// The character in a comment (where any printable character may stand), placed where the
    /// check reads 32 bytes at a time and where it reads byte by byte.
    static func inputs(_ scalar: UInt32) -> [[UInt8]] {
        let character = Array(String(Character(Unicode.Scalar(scalar)!)).utf8)
        let long = Array("key_with_a_long_name_to_fill_a_block: 1 # ".utf8)
        return [
            Array("a: 1 # x".utf8) + character + Array("y\n".utf8),
            long + character + Array("y\n".utf8),
            long + Array("0123456789012345678901".utf8) + character + Array("\n".utf8),
        ]
    }

    /// NEL, LS and PS: libyaml reads them as line breaks, YAML 1.2 readers and most editors do not,
    /// so mupj refuses them wherever they stand, whatever libyaml makes of the line after (its one
    /// departure from libyaml's reader).
    static let ambiguousBreaks: Set<UInt32> = [0x85, 0x2028, 0x2029]

    @Test(arguments: scalars) func sameVerdictAsLibyamlsReader(scalar: UInt32) throws {
        for input in Self.inputs(scalar) {
            let expected = Self.libyamlVerdict(input)
            let outcome = Result { () throws(YAMLError) in try YAMLLoader.load(input) }
            if Self.ambiguousBreaks.contains(scalar) {
                guard case .failure(let error) = outcome else {
                    Issue.record("U+\(String(scalar, radix: 16)): mupj reads it")
                    continue
                }
                #expect(error.message.contains("is a line break to some YAML readers and not to others"))
                continue
            }
            switch (expected, outcome) {
            case (.parses, .success), (.otherError, .failure):
                continue
            case (.readerError(let offset), .failure(let error)):
                #expect(error.kind == .syntax, "U+\(String(scalar, radix: 16)): \(error)")
                #expect(error.location.offset == offset, "U+\(String(scalar, radix: 16)): \(error)")
                #expect(error.message.contains("control characters are not allowed"))
            case (.parses, .failure(let error)):
                Issue.record("U+\(String(scalar, radix: 16)): libyaml reads it, mupj refuses it: \(error)")
            case (_, .success):
                Issue.record("U+\(String(scalar, radix: 16)): libyaml refuses it, mupj reads it")
            }
        }
    }

    /// The end of the input, where libyaml's reader pads with NUL: every length from 0 to 40 bytes
    /// after the last full block, with and without a final line break.
    @Test func everyTailLengthParsesAlike() throws {
        for length in 0...40 {
            for ending in ["", "\n", "\r\n"] {
                let input = Array(("k: " + String(repeating: "v", count: length) + ending).utf8)
                let node = try YAMLLoader.load(input)
                #expect(node["k"]?.scalar?.text == String(repeating: "v", count: length))
                #expect(Self.libyamlVerdict(input) == .parses)
            }
        }
    }
}
