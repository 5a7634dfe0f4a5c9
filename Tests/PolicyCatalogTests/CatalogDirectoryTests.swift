import PolicyCatalog
import Testing

/// `$MUPJ_CHECKLISTS` names the catalogs' directory when it is set and not empty.
@Suite struct CatalogDirectoryTests {
    @Test func anEmptyOrUnsetVariableNamesNone() {
        #expect(CatalogDirectory.named(by: nil) == nil)
        #expect(CatalogDirectory.named(by: "") == nil)
        #expect(CatalogDirectory.named(by: "/srv/catalogs") == "/srv/catalogs")
        #expect(CatalogDirectory.default(variable: nil) == "checklists")
        #expect(CatalogDirectory.default(variable: "") == "checklists")
        #expect(CatalogDirectory.default(variable: " ") == " ")
    }
}
