import PolicyCatalog

/// What the benchmark takes from the command that runs it: how `mupj review` finds its catalogs
/// and which version its reports name are the command's to know.
public struct BenchSetup: Sendable {
    /// The catalogs `mupj review` would load where the benchmark runs, or nil when they do not
    /// load. Called only where an operation reviews: never in the measuring helper, whose peak
    /// memory every child it measures starts from (`BenchChild.measured`).
    public var catalogs: @Sendable () -> CatalogSet?
    /// The version the reports name, as `mupj review` writes them.
    public var toolVersion: String

    public init(catalogs: @escaping @Sendable () -> CatalogSet?, toolVersion: String) {
        self.catalogs = catalogs
        self.toolVersion = toolVersion
    }

    /// The review is measured with the catalogs `mupj review` would read here (`catalogs`); without
    /// them there is nothing to measure.
    func review() throws(BenchError) -> BenchReview {
        guard let set = catalogs() else {
            throw .failed(
                "the review is measured with the catalogs `mupj review` would read here, and they do not "
                    + "load; run `mupj clauses` to see why")
        }
        return BenchReview(catalogs: set, toolVersion: toolVersion)
    }
}

/// What the operations that review review with: the catalogs `mupj review` would load from here,
/// loaded once, as the command does.
struct BenchReview: Sendable {
    var catalogs: CatalogSet
    var toolVersion: String
}
