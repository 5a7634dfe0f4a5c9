import DocumentSchema
import FrameworkModel
import PolicyCatalog
import Reports
import ReviewEngine
import ReviewRecords
import YAMLDocument

// The second fuzz target: the inputs that are not descriptions. A catalog (`--checklist`) and the
// status file (`--status-file`) are YAML written by people too, read by the same loader, and a
// catalog carries its own examples and patterns. Each input is read as both.

/// The files each input is reviewed or tracked with, read once from the work tree (the fuzzer
/// runs at the package root): the shipped catalogs, the status file and one description.
private struct Fixtures {
    let catalogs: CatalogSet
    let status: PrerequisiteStatusFile
    let description: FrameworkDescription
    let descriptionLines: LineTable
    /// The shipped catalogs' review of the description, for the MB summary and for PRE-2.
    let review: FrameworkReview
    let catalogInfos: [CatalogInfo]

    init() {
        guard let catalogs = CatalogSet.load(directory: CatalogSet.defaultDirectory).set else {
            fatalError("the fuzzer needs the shipped catalogs; none load from \(CatalogSet.defaultDirectory)/")
        }
        let statusPath = "reviews/prerequisites.yaml"
        let descriptionPath = "frameworks/examples/common-mistakes.yaml"
        guard let statusSource = try? SourceFile.read(statusPath, maxBytes: 1 << 20),
            let status = StatusFileLoader.load(statusSource).file,
            let source = try? SourceFile.read(descriptionPath, maxBytes: 1 << 20),
            let description = DescriptionLoader.load(source).description
        else { fatalError("the fuzzer needs \(statusPath) and \(descriptionPath), valid") }
        self.catalogs = catalogs
        self.status = status
        self.description = description
        descriptionLines = LineTable(source.bytes)
        guard let review = try? Engine.review(description, catalogs: catalogs) else {
            fatalError("the fuzzer's description must be reviewed within the default limits")
        }
        self.review = review
        catalogInfos = catalogs.catalogs.map(Engine.info)
    }
}

private let fixtures = Fixtures()

/// libFuzzer entry point: the input as a catalog (clause or prerequisite, as `--checklist FILE`
/// loads it) and as a status file (as `--status-file FILE` with the shipped catalogs). What loads
/// is used as the commands use it: examples run, the description reviewed, prerequisites tracked
/// and their history, every format of every report rendered.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: size))
    let lines = LineTable(bytes)
    let source = SourceFile(path: "fuzz.yaml", bytes: bytes)
    let limits = LoadLimits(maxBytes: 1 << 20, maxDepth: 64, maxAliasNodes: 10_000)
    readAsCatalog(source, lines, limits)
    readAsStatusFile(source, lines, limits)
    return 0
}

private func readAsCatalog(_ source: SourceFile, _ lines: LineTable, _ limits: LoadLimits) {
    let (loaded, diagnostics) = CatalogSet.load([source], limits: limits, requireClauses: false)
    requireLocated(diagnostics, in: source.path, lines)
    guard let set = loaded else {
        require(diagnostics.contains { $0.severity == .error }, "a catalog was refused without an error saying why")
        return
    }
    require(!diagnostics.contains { $0.severity == .error }, "a catalog with errors was accepted")
    // Patterns are compiled per input: a cache kept across inputs would grow with every mutation.
    for catalog in set.catalogs {
        for clause in catalog.clauses {
            for example in clause.examples {
                // An example's description is a fragment of the catalog: its evidence points into the input.
                let evaluated = withinLimits(in: source.path, lines) { () throws(ReviewLimitExceeded) in
                    try Engine.evaluate(clause, of: catalog, in: example.description)
                }
                guard let result = evaluated else { continue }
                require(!result.findings.isEmpty, "an example of \(clause.id) gave no finding")
                for evidence in result.findings.flatMap(\.evidence) {
                    lines.check(evidence.range.start, "example evidence start")
                    lines.check(evidence.range.end, "example evidence end")
                }
            }
        }
    }
    if !set.catalogs.isEmpty {
        let reviewed = withinLimits(in: source.path, lines) { () throws(ReviewLimitExceeded) in
            try Engine.review(fixtures.description, catalogs: set)
        }
        guard let review = reviewed else { return }
        checkReview(review, catalogs: set, fixtures.descriptionLines)
        checkReports(review, catalogs: set.catalogs.map(Engine.info), fixtures.description.source)
    }
    let prerequisites = set.prerequisites.flatMap(\.prerequisites)
    for prerequisite in prerequisites {
        for example in prerequisite.examples {
            _ = PrerequisiteTracker.evaluate(example, of: prerequisite, file: source.path)
        }
    }
    // As `mupj status --checklist FILE` with the shipped status file, which must name only known
    // prerequisites.
    if !prerequisites.isEmpty && StatusFileLoader.crossCheck(fixtures.status, against: prerequisites).isEmpty {
        track(PrerequisiteTracker(catalogs: set.prerequisites, status: fixtures.status), nil)
    }
}

private func readAsStatusFile(_ source: SourceFile, _ lines: LineTable, _ limits: LoadLimits) {
    let outcome = StatusFileLoader.load(source, limits: limits)
    var diagnostics = outcome.diagnostics
    let prerequisites = fixtures.catalogs.prerequisites
    if let file = outcome.file {
        diagnostics += StatusFileLoader.crossCheck(file, against: prerequisites.flatMap(\.prerequisites))
    }
    requireLocated(diagnostics, in: source.path, lines)
    guard let file = outcome.file, !diagnostics.contains(where: { $0.severity == .error }) else { return }
    let verdicts = [FrameworkVerdictRecord(fixtures.review)]
    track(PrerequisiteTracker(catalogs: prerequisites, status: file, verdicts: verdicts), lines)
}

/// The status on the file's latest day and its history, in every format, and the MB summary that
/// carries it. `lines`, when the status file is the input, checks that its entries point into it.
private func track(_ tracker: PrerequisiteTracker, _ lines: LineTable?) {
    let day = tracker.status.latestDate ?? CalendarDay(year: 2009, month: 11, day: 25)!
    let report = tracker.report(asOf: day)
    require(report.prerequisites.count == tracker.prerequisites.count, "a prerequisite was not decided")
    require(
        report.gate.inEffect == (report.gate.declaration?.policyInEffect == true),
        "the policy gate is \(report.gate.state) without an MB decision that says so")
    require(
        report.gate.blocking == report.prerequisites.filter { $0.state != .met }.map(\.id),
        "the gate's blocking list is not the prerequisites that are not met")
    if let lines {
        for item in report.prerequisites.flatMap(\.items) {
            for entry in item.evidence where entry.origin.file == tracker.status.path {
                lines.check(entry.origin.location, "evidence entry of \(item.name)")
            }
        }
    }
    let history = tracker.history()
    require(zip(history, history.dropFirst()).allSatisfy { $0.date < $1.date }, "history days out of order")
    for format in StatusFormatChoice.allCases {
        let now = StatusRendering.render(report, as: format)
        let then = StatusRendering.render(history: history, file: tracker.status.path, as: format)
        if format == .json {
            requireJSON(now, "the status in JSON")
            requireJSON(then, "the history in JSON")
        }
    }
    let context = ReportContext(
        result: ReviewResult(
            toolVersion: "fuzz", catalogs: fixtures.catalogInfos, frameworks: [fixtures.review]),
        sources: [fixtures.description.source])
    let summary = SummaryReport(context, prerequisites: PrerequisitesSection(report))
    for format in SummaryFormat.allCases {
        let text = summary.render(format)
        if format == .json { requireJSON(text, "the MB summary in JSON") }
    }
}
