import YAMLDocument

/// "Did you mean …?" for misspelt keys, enumeration words and ids.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        // Typos are looked for in words of up to `maxLength` letters: each comparison takes the
        // product of the two lengths, and ten misspelt references to ids of 4 000 letters took
        // 2.3 s (a megabyte of them, 15 s).
        guard word.utf8.count <= 4 * maxLength else { return nil }
        let w = Array(word.lowercased().unicodeScalars)
        guard w.count <= maxLength else { return nil }
        var best: (String, Int)?
        for candidate in candidates {
            // Longer than any word within reach of one of `maxLength` letters.
            guard candidate.utf8.count <= 8 * maxLength else { continue }
            let c = Array(candidate.lowercased().unicodeScalars)
            // The distance is at least the difference in length: a candidate that much longer or
            // shorter than allowed is passed over before its letters are compared (a hostile word
            // can be megabytes long). Lengths after lowercasing, which can change them.
            guard abs(c.count - w.count) <= max(2, min(w.count, c.count) / 3) else { continue }
            let d = distance(w, c)
            let allowed = max(2, min(w.count, c.count) / 3)
            if d <= allowed, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// The longest word for which a typo is looked for.
    public static let maxLength = 64

    /// The phrase to append to an error message, or "" when nothing is close.
    public static func phrase(for word: String, in candidates: [String]) -> String {
        nearest(to: word, in: candidates).map { "; did you mean \(Diagnostic.quote($0))?" } ?? ""
    }

    /// Levenshtein distance over two rows.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
