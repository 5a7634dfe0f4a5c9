/// The catalogs as a table, for `mupj clauses`.
public enum CatalogTable {
    public static func render(_ set: CatalogSet) -> String {
        var rows: [[String]] = [["ID", "TITLE", "SUBJECT", "SEVERITY", "SOURCE"]]
        for catalog in set.catalogs {
            for clause in catalog.clauses {
                rows.append([
                    clause.id, clause.title, clause.subjects.map(\.rawValue).joined(separator: ","),
                    clause.severity.rawValue, clause.source.description,
                ])
            }
        }
        return table(rows)
    }

    /// Left-aligned columns separated by two spaces; the last column is not padded.
    public static func table(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
