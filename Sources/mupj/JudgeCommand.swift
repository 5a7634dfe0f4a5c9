import ArgumentParser
import Reports
import ReviewRecords

struct JudgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judge",
        abstract: "Record a reviewer's judgement on open findings in the framework's tracking file.",
        discussion: """
            The finding is named by its id, as every report gives it (16 hexadecimal digits). The \
            description is reviewed first, so the judgement records the finding's rule and status as \
            they are now; when the finding's status changes later, the judgement lapses and the finding \
            is open again. A finding is judged once: to change a judgement, edit its entry in the file.

            Judgements: confirmed (the finding stands and counts in full), accepted-risk (the risk is \
            accepted and becomes a condition of the recommendation), mitigated (the risk is handled \
            outside what the description says), false-positive (the finding is wrong). The last two \
            take the finding out of the verdict. A verdict is signed only once every open finding is \
            judged.

            The entry is added after the last judgement of the file; nothing else in it changes. A \
            missing file is made. The file's format is in docs/tracking.md. Several findings named \
            together get one entry each, with the same judgement and reason, in one write: all are \
            recorded, or, when one cannot be, none.

            Example, on the fictional framework of the examples:
              F=frameworks/examples/common-mistakes.yaml
              mupj review $F                  (each open finding with its id)
              mupj judge cdf8a97b29b13027 --framework $F --as accepted-risk \\
                --because "Kept 30 days; 90 from the next release." \\
                --by "A. Reviewer" --organisation OSG
              mupj judge 0ef7320c30063d2d bc865a887fc368c9 --framework $F --as confirmed \\
                --because "Runs payloads as the pilot on any gLExec error." \\
                --by "A. Reviewer" --organisation OSG

            \(TrackingWrite.turns)

            Exit codes: 0 recorded; 1 an invalid description or tracking file; 2 a finding that is not \
            there or not open, one already judged, another command writing in the directory longer than --wait, \
            unreadable input or a usage error.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The finding's id, as the reports give it (in either case); several findings given the same judgement "
                + "for the same reason are recorded together.",
            valueName: "finding"))
    var findings: [String]

    /// The ids as the reports write them: one copied in capitals is the same id.
    var ids: [String] { findings.map { $0.lowercased() } }

    @OptionGroup var target: TrackedFrameworkOptions

    @Option(name: .customLong("as"), help: "The judgement: confirmed, accepted-risk, mitigated or false-positive.")
    var kind: Judgement.Kind

    @Option(help: ArgumentHelp("Why, in the reviewer's words.", valueName: "text"))
    var because: String

    @OptionGroup var reviewer: ReviewerOptions

    @OptionGroup var catalogs: CatalogOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var reviewLimits: ReviewLimitOptions

    func validate() throws {
        var seen = Set<String>()
        for (finding, id) in zip(findings, ids) {
            guard TrackingFileLoader.isFindingID(id) else {
                throw ValidationError(
                    "a finding id is 16 hexadecimal digits, as the reports give it; got '\(finding)'")
            }
            guard seen.insert(id).inserted else { throw ValidationError("finding \(id) is named twice") }
        }
        if because.allSatisfy(\.isWhitespace) { throw ValidationError("--because is empty; say why") }
    }

    func run() throws {
        let write = try TrackingWrite(
            target, catalogs: catalogs, limits: limits.limits, reviewLimits: reviewLimits.limits)
        let day = try reviewer.day()
        // Every finding is checked before anything is written: all are recorded, or none.
        let judgements = try ids.map { finding in
            let found = try write.openFinding(finding)
            if let earlier = write.file?.judgements.first(where: { $0.finding == finding }) {
                throw write.refusal(
                    earlier.location,
                    "finding \(finding) (\(found.ruleID)) is already judged \(earlier.kind.phrase) here; edit this "
                        + "entry to change the judgement")
            }
            return Judgement(
                finding: finding, rule: found.ruleID, status: found.status, kind: kind, justification: because,
                reviewer: reviewer.reviewer, date: day, file: write.path, location: .start)
        }
        let file = try write.add(judgements.map(TrackingFileEdit.lines), to: "judgements") { file in
            file.judgements.suffix(judgements.count).map { ($0.finding, $0.kind, $0.justification) }
                .elementsEqual(judgements.map { ($0.finding, kind, because) }, by: ==)
        }
        Terminal.standardOutput.write(
            judgements.map {
                Escape.terminal("judged \($0.finding) (\($0.rule), \($0.status.rawValue)) \(kind.phrase)") + "\n"
            }.joined() + write.verdict(with: file))
    }
}
