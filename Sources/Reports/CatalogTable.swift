import PolicyCatalog

/// The catalogs as a table, for `mupj clauses`. A catalog is written by others: its strings are
/// shown with their control characters escaped (`Escape.terminal`), so that a title cannot
/// repaint the terminal or print a row of its own.
public enum CatalogTable {
    public static func render(_ set: CatalogSet) -> String {
        var rows: [[String]] = [["ID", "TITLE", "SUBJECT", "SEVERITY", "SOURCE"]]
        for catalog in set.catalogs {
            for clause in catalog.clauses {
                rows.append([
                    Escape.terminal(clause.id), Escape.terminal(clause.title),
                    clause.subjects.map(\.rawValue).joined(separator: ","), clause.severity.rawValue,
                    Escape.terminal(clause.source.description),
                ])
            }
        }
        return table(rows)
    }

    /// The widest a column is padded to, in characters. A longer cell is written whole, neither
    /// padded nor widening its column, and moves the rest of its row: every row was padded to the
    /// widest title, so one title of 1 MB in a catalog of 2 000 clauses printed 4 GB in 48 s.
    public static let maxColumnWidth = 120

    /// Left-aligned columns separated by two spaces; the last column is not padded, nor is a cell
    /// wider than `maxColumnWidth`.
    public static func table(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        // Each cell's width counted once, and at most to just past the limit.
        let cellWidths = rows.map { $0.map(Self.width) }
        var widths = [Int](repeating: 0, count: width)
        for row in cellWidths {
            for (i, cell) in row.enumerated() where cell <= maxColumnWidth { widths[i] = max(widths[i], cell) }
        }
        var out = ""
        for (row, rowWidths) in zip(rows, cellWidths) {
            for (i, cell) in row.enumerated() {
                if i > 0 { out += "  " }
                out += cell
                if i < row.count - 1 && rowWidths[i] < widths[i] {
                    out += String(repeating: " ", count: widths[i] - rowWidths[i])
                }
            }
            out += "\n"
        }
        return out
    }

    /// The cell's width in characters, or `maxColumnWidth + 1` when it is wider: a cell of more
    /// UTF-8 bytes than that is not walked to its end.
    static func width(_ cell: String) -> Int {
        if cell.utf8.count <= maxColumnWidth { return cell.count }
        var count = 0
        for _ in cell {
            count += 1
            if count > maxColumnWidth { break }
        }
        return count
    }
}
