import PolicyCatalog
import Reports
import Testing

@Suite struct CatalogTableTests {
    @Test func columnsAreAlignedToTheWidestCell() {
        let table = CatalogTable.table([
            ["ID", "TITLE", "SEVERITY"], ["MUPJ-1", "Approval", "high"], ["W-2", "Ä", "low"],
        ])
        #expect(table == "ID      TITLE     SEVERITY\nMUPJ-1  Approval  high\nW-2     Ä         low\n")
    }

    /// A title wider than the limit is written whole and moves only its own row: every row was
    /// padded to it, so one title of 1 MB made each of 2 000 rows 1 MB long.
    @Test func aCellWiderThanTheLimitDoesNotWidenItsColumn() {
        let long = String(repeating: "t", count: 100_000)
        let table = CatalogTable.table([["ID", "TITLE", "SEVERITY"], ["R-0", long, "low"], ["R-1", "Short", "high"]])
        #expect(table == "ID   TITLE  SEVERITY\nR-0  \(long)  low\nR-1  Short  high\n")
        let edge = String(repeating: "é", count: CatalogTable.maxColumnWidth)
        let padded = CatalogTable.table([["A", "B"], [edge, "x"]])
        #expect(padded == "A" + String(repeating: " ", count: CatalogTable.maxColumnWidth - 1) + "  B\n\(edge)  x\n")
    }
}
