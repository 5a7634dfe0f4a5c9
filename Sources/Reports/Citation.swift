/// A description's text (a source as it is cited, a note), cut into its web addresses and the text
/// around them, so that the Markdown and HTML reports link each address and escape the rest: a
/// reviewer follows
/// or copies "https://indico.cern.ch/…" from "CHEP 2009 'DIRAC Secure Distributed Platform'
/// (https://indico.cern.ch/…; J. Phys. Conf. Ser. 219 (2010) 042033)" as it is, where escaping
/// the whole citation wrote `https\://` into the Markdown file.
enum Citation {
    struct Part: Equatable {
        /// Whether `text` is an `http://` or `https://` address.
        var isAddress: Bool
        var text: String
    }

    /// The parts of `text`, in order; adjacent text is one part. An address starts with
    /// `http://` or `https://` where a word starts, followed by a host name with a dot in it; it
    /// runs to the next space, `<`, `>`, `"`, backtick or control character, and leaves off the
    /// punctuation that ends the sentence around it (`.`, `,`, `;`, `:`, `!`, `?`, `'`) and a
    /// closing bracket it did not open.
    static func parts(_ text: String) -> [Part] {
        // Most citations name a repository and a file, not a web address: one byte search.
        guard Escape.contains(text, "://") else { return text.isEmpty ? [] : [Part(isAddress: false, text: text)] }
        let scalars = Array(text.unicodeScalars)
        var parts: [Part] = []
        var plain = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard startsWord(scalars, at: i), let end = addressEnd(scalars, from: i) else {
                plain.append(scalars[i])
                i += 1
                continue
            }
            if !plain.isEmpty {
                parts.append(Part(isAddress: false, text: String(plain)))
                plain = String.UnicodeScalarView()
            }
            var address = String.UnicodeScalarView()
            address.append(contentsOf: scalars[i..<end])
            parts.append(Part(isAddress: true, text: String(address)))
            i = end
        }
        if !plain.isEmpty { parts.append(Part(isAddress: false, text: String(plain))) }
        return parts
    }

    private static func startsWord(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i > 0 else { return true }
        let before = scalars[i - 1]
        return before.properties.isWhitespace || "([{;,'\"".unicodeScalars.contains(before)
    }

    /// Where the address at `start` ends, or nil when none starts there (a scheme with nothing
    /// after it is not an address).
    private static func addressEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let scheme: [Unicode.Scalar]
        if hasPrefix(scalars, start, "https://") {
            scheme = Array("https://".unicodeScalars)
        } else if hasPrefix(scalars, start, "http://") {
            scheme = Array("http://".unicodeScalars)
        } else {
            return nil
        }
        var end = start + scheme.count
        while end < scalars.count {
            let s = scalars[end]
            if s.properties.isWhitespace || "<>\"`".unicodeScalars.contains(s) || Escape.isControl(s.value)
                || Escape.isBidi(s.value)
            {
                break
            }
            end += 1
        }
        // Leave off what ends the sentence, and a bracket closed outside the address. The brackets
        // are counted once: counted again at each character left off, an address of a thousand
        // closing brackets took a million steps, in every finding that cites it.
        let pairs: [Unicode.Scalar: Unicode.Scalar] = [")": "(", "]": "[", "}": "{"]
        var brackets: [Unicode.Scalar: Int] = [:]
        for s in scalars[start..<end] where pairs[s] != nil || pairs.values.contains(s) { brackets[s, default: 0] += 1 }
        while end > start + scheme.count {
            let last = scalars[end - 1]
            if ".,;:!?'".unicodeScalars.contains(last) {
                end -= 1
            } else if let open = pairs[last], brackets[last, default: 0] > brackets[open, default: 0] {
                brackets[last, default: 0] -= 1
                end -= 1
            } else {
                break
            }
        }
        // A host name of letters, digits, dots and hyphens with a dot in it: code that builds an
        // address (`"http://$HOSTNAME:$HOSTPORT"`) is quoted, not an address to follow.
        let host = scalars[(start + scheme.count)..<end].prefix { !"/:?#".unicodeScalars.contains($0) }
        guard host.contains("."), host.allSatisfy({ isHostCharacter($0) }) else {
            return nil
        }
        return end
    }

    private static func isHostCharacter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "." || s == "-"
    }

    private static func hasPrefix(_ scalars: [Unicode.Scalar], _ start: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.unicodeScalars)
        guard start + p.count <= scalars.count else { return false }
        return Array(scalars[start..<(start + p.count)]) == p
    }
}
