/// How the benchmark prints its figures: numbers to a fixed number of decimals, durations in the
/// unit that suits them, and rows of cells padded to their columns.
enum BenchTable {
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if text.hasSuffix(".0") && decimals == 0 { text.removeLast(2) }
        if let dot = text.firstIndex(of: ".") {
            let have = text.distance(from: dot, to: text.endIndex) - 1
            if have < decimals { text += String(repeating: "0", count: decimals - have) }
        } else if decimals > 0 {
            text += "." + String(repeating: "0", count: decimals)
        }
        return text
    }

    /// Three figures or more: a tenth of a microsecond below 1 ms, where the runs of one
    /// description lie and a hundredth of a millisecond is 4 % of a run.
    static func duration(_ seconds: Double) -> String {
        if seconds < 1e-3 { return fixed(seconds * 1e6, 1) + " µs" }
        return seconds < 1 ? fixed(seconds * 1000, 2) + " ms" : fixed(seconds, 3) + " s"
    }

    static func mark(_ ok: Bool) -> String { ok ? " ✓" : " ✗" }

    static func row(_ cells: String...) -> String { row(cells) }

    static func row(_ cells: [String], widths: [Int] = [20, 6, 7, 9, 11, 8, 9, 11, 9, 8, 11, 13, 9]) -> String {
        zip(cells, widths).map { cell, width in
            cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined()
    }
}
