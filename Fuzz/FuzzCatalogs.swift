import DocumentSchema
import FrameworkModel
import PolicyCatalog
import Reports
import ReviewEngine
import ReviewRecords
import YAMLDocument

// The second fuzz target: the inputs that are not descriptions. A catalog (`--checklist`), the
// status file (`--status-file`) and a tracking file (`--tracking`) are YAML written by people too,
// read by the same loader, and a catalog carries its own examples and patterns. Each input is read
// as all three.

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
        guard let catalogs = CatalogSet.load(directory: catalogDirectory).set else {
            fatalError("the fuzzer needs the shipped catalogs; none load from \(catalogDirectory)/")
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
    readAsTrackingFile(source, lines, limits)
    readAsReportManifest(bytes)
    return 0
}

/// As the `mupj-reports.sha256` of an `--output-dir`: refused with an error at one of its lines, or
/// read to a list that, written again, is read back the same (names the directory really has).
private func readAsReportManifest(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let lineCount = text.utf8.count { $0 == UInt8(ascii: "\n") } + 1
    do throws(OutputFile.Failure) {
        let manifest = try ReportManifest.parse(text, path: "fuzz.sha256")
        require((try? ReportManifest.parse(manifest.text, path: "again")) == manifest, "a manifest did not read back")
        for name in manifest.digests.keys {
            require(!name.contains("/") && name != "." && name != "..", "a manifest named a file outside the directory")
        }
    } catch {
        guard case .malformed(let path, let line, _) = error else {
            require(false, "a manifest was refused without a located error: \(error)")
            return
        }
        require(path == "fuzz.sha256" && line >= 1 && line <= lineCount, "a manifest error at line \(line)")
    }
}

/// As `--tracking FILE` for the fixture's description (whatever framework the file names), and as
/// `mupj judge` and `mupj sign-off` add to it: the file with an entry added must read back valid
/// with the entry last, and every byte before the insertion must be unchanged.
private func readAsTrackingFile(_ source: SourceFile, _ lines: LineTable, _ limits: LoadLimits) {
    let (loaded, diagnostics) = TrackingFileLoader.load(source, limits: limits)
    requireLocated(diagnostics, in: source.path, lines)
    guard let file = loaded else {
        require(
            diagnostics.contains { $0.severity == .error }, "a tracking file was refused without an error saying why")
        return
    }
    let review = fixtures.review
    let tracking = FrameworkTracking(review, file: file)
    requireLocated(tracking.diagnostics, in: source.path, lines)
    let verdict = FindingsVerdict(review, tracking: tracking)
    require(verdict.signOff.signed == verdict.signOff.missing.isEmpty, "a verdict signed with something missing")
    require(
        !verdict.signOff.signed || verdict.verdict.rawValue != "review-incomplete", "a review-incomplete verdict signed"
    )
    let context = ReportContext(
        result: ReviewResult(toolVersion: "fuzz", catalogs: fixtures.catalogInfos, frameworks: [review]),
        sources: [fixtures.description.source], tracking: TrackingSet.make([file]).set)
    for format in ReportFormat.allCases {
        let text = format.render(context)
        if format == .json || format == .sarif { requireJSON(text, "the \(format) report with a tracking file") }
    }
    for format in SummaryFormat.allCases { _ = SummaryReport(context).render(format) }
    // A signed verdict is the reviewers' recommendation for PRE-2: the status and the MB summary with
    // it, its evidence pointing into the input (only when signed: unsigned, the record is the
    // findings verdict the status-file reading already tracks; and not the history, whose days are
    // the shipped file's but one, for a third of the target's speed).
    // (The record is the context's join, which finds the file only when it names the fixture's
    // framework, as the commands' is.)
    let record = FrameworkVerdictRecord(context.tracked[0])
    let joined = context.tracking.file(for: review) != nil
    require(
        (record.signature != nil) == (joined && verdict.signOff.signed), "a signature without a signed verdict, or none"
    )
    if record.signature != nil {
        let tracker = PrerequisiteTracker(
            catalogs: fixtures.catalogs.prerequisites, status: fixtures.status, verdicts: [record])
        track(tracker, lines, of: source.path, history: false)
    }
    // One or two open findings judged at once, as `mupj judge ID...` adds them.
    let open = Array(review.findings.filter(\.status.isOpen).prefix(1 + source.bytes.count % 2))
    guard !open.isEmpty else { return }
    let judgements = open.map { finding in
        Judgement(
            finding: finding.id, rule: finding.ruleID, status: finding.status, kind: .confirmed,
            justification: "fuzz \u{2028}\"", reviewer: Reviewer(name: "F", organisation: "OSG"),
            date: CalendarDay(year: 2009, month: 1, day: 1)!, file: source.path, location: .start)
    }
    let bytes: [UInt8]
    do {
        bytes = try TrackingFileEdit.appending(judgements.map(TrackingFileEdit.lines), to: "judgements", in: source)
    } catch {
        require(error.file == source.path && error.location != nil, "an entry refused without a place: \(error)")
        return
    }
    // What was there stays: the new text is the old with one piece put in, where at most the
    // brackets of an empty list (and the blanks before them) gave way.
    let old = source.bytes
    var prefix = 0
    while prefix < min(old.count, bytes.count) && old[prefix] == bytes[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < min(old.count, bytes.count) - prefix
        && old[old.count - 1 - suffix] == bytes[bytes.count - 1 - suffix]
    {
        suffix += 1
    }
    let removed = old[prefix..<(old.count - suffix)]
    require(removed.allSatisfy { " \t[]".utf8.contains($0) }, "adding an entry changed what was written")
    let again = TrackingFileLoader.load(SourceFile(path: source.path, bytes: bytes), limits: .default)
    let duplicate = file.judgements.contains { judged in open.contains { $0.id == judged.finding } }
    guard !duplicate else { return }
    require(
        again.file?.judgements.count == file.judgements.count + open.count,
        "the entries did not read back: \(again.diagnostics)")
    require(
        again.file?.judgements.suffix(open.count).map(\.finding) == open.map(\.id),
        "the entries read back are not the ones added last, in order")
    require(again.file?.signOffs.count == file.signOffs.count, "adding a judgement changed the sign-offs")
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
    requireNoControls(CatalogTable.render(set), "the clauses table")
    for catalog in set.catalogs {
        for clause in catalog.clauses {
            requireNoControls(Explanation.clause(clause, in: catalog), "the explanation of \(clause.id)")
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
        track(PrerequisiteTracker(catalogs: set.prerequisites, status: fixtures.status), nil, of: source.path)
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
    // The fixture's findings verdict, and a positive one signed for PanDA, which a status file's
    // PanDA entries may come before or after.
    let signed = FrameworkVerdictRecord(
        framework: "PanDA", vo: "ATLAS", verdict: .recommend, describedOn: CalendarDay(year: 2009, month: 3, day: 21),
        signature: .init(
            on: CalendarDay(year: 2009, month: 6, day: 1)!,
            by: [Reviewer(name: "A", organisation: "OSG"), Reviewer(name: "B", organisation: "EGEE")],
            origin: EntryOrigin(file: source.path, location: .start),
            unsigned: .recommendWithConditions))
    let verdicts = [FrameworkVerdictRecord(fixtures.review), signed]
    track(PrerequisiteTracker(catalogs: prerequisites, status: file, verdicts: verdicts), lines, of: source.path)
}

/// The status on the file's latest day and (with `history`) its history, in every format, and the
/// MB summary that carries it. `lines`, the lines of the input at `input`, checks that evidence
/// from the input points into it.
private func track(_ tracker: PrerequisiteTracker, _ lines: LineTable?, of input: String, history: Bool = true) {
    let day = tracker.status.latestDate ?? CalendarDay(year: 2009, month: 11, day: 25)!
    let report = tracker.report(asOf: day)
    require(report.prerequisites.count == tracker.prerequisites.count, "a prerequisite was not decided")
    require(
        report.gate.inEffect == (report.gate.declaration?.policyInEffect == true),
        "the policy gate is \(report.gate.state) without an MB decision that says so")
    require(
        report.gate.blocking == report.prerequisites.filter { $0.inForce && $0.state != .met }.map(\.id),
        "the gate's blocking list is not the prerequisites in force that are not met")
    if let lines {
        for item in report.prerequisites.flatMap(\.items) {
            for entry in item.evidence where entry.origin.file == input {
                lines.check(entry.origin.location, "evidence entry of \(item.name)")
            }
        }
    }
    let changes = history ? tracker.history() : []
    require(zip(changes, changes.dropFirst()).allSatisfy { $0.date < $1.date }, "history days out of order")
    for format in StatusReportFormat.allCases {
        let now = StatusRendering.render(report, as: format)
        if format == .json {
            requireJSON(now, "the status in JSON")
        } else {
            requireNoControls(now, "the \(format) status")
        }
        guard history else { continue }
        let then = StatusRendering.render(history: changes, file: tracker.status.path, as: format)
        if format == .json {
            requireJSON(then, "the history in JSON")
        } else {
            requireNoControls(then, "the \(format) history")
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
