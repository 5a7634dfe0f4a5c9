import PolicyCatalog
import ReviewEngine
import YAMLDocument

extension CatalogSet {
    /// The catalogs in `sources` loaded, with what is wrong in them, and the examples of each
    /// catalog run: a clause's examples are its documentation and its tests, so a catalog whose
    /// examples do not come out as they say is refused as an invalid one is (no set). Here, the
    /// first stage that knows both the engine, for the clauses, and the tracker, for the
    /// prerequisites.
    ///
    /// The examples run within `reviewLimits`, or the default limits where those are higher: a
    /// limit lowered for the descriptions does not refuse the catalogs.
    public static func verified(
        _ sources: [SourceFile], limits: LoadLimits, reviewLimits: ReviewLimits = .default, requireClauses: Bool
    ) -> (set: CatalogSet?, diagnostics: [Diagnostic]) {
        var (set, diagnostics) = CatalogSet.load(sources, limits: limits, requireClauses: requireClauses)
        let exampleLimits = reviewLimits.atLeast(.default)
        for catalog in set?.catalogs ?? [] { diagnostics += ExampleCheck.failures(of: catalog, limits: exampleLimits) }
        for catalog in set?.prerequisites ?? [] { diagnostics += PrerequisiteTracker.exampleFailures(of: catalog) }
        if diagnostics.contains(where: { $0.severity == .error }) { set = nil }
        return (set, diagnostics)
    }
}
