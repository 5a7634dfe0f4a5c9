import YAMLDocument

/// "Did you mean …?" for misspelt keys, enumeration words and ids.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
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
