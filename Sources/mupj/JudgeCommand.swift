import ArgumentParser
import Reports
import ReviewEngine
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

            The entry is added after the last judgement of the file; nothing else in it changes, and \
            its judgements that no longer apply are named on standard error. A missing file is made. \
            The file's format is in docs/tracking.md. Several findings named \
            together get one entry each, with the same judgement and reason, in one write: all are \
            recorded, or, when one cannot be, none. With --with-same-facts, the open findings that the \
            same facts decide as a finding named (the reports' "Decided by the same facts as") are \
            judged with it, the same way: one answer or one change settles them all. Those the file \
            already judges are left as they are, and named.

            Example, on the fictional framework of the examples:
              F=frameworks/examples/common-mistakes.yaml
              mupj review $F                  (each open finding with its id)
              mupj judge cdf8a97b29b13027 --framework $F --as accepted-risk \\
                --because "Kept 30 days; 90 from the next release." \\
                --by "A. Reviewer" --organisation OSG
              mupj judge bc865a887fc368c9 1b0063dacf4dbcae --framework $F --as confirmed \\
                --because "Runs it as the pilot on gLExec errors; retries here." \\
                --by "A. Reviewer" --organisation OSG
              mupj judge 0ef7320c30063d2d --with-same-facts --framework $F --as confirmed \\
                --because "Runs the payload as the pilot after a refusal." \\
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

    @Flag(
        help: ArgumentHelp(
            "Also judge, the same way, the open findings that the same facts decide as a finding named, except "
                + "those already judged."))
    var withSameFacts = false

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
        let named = try ids.map { finding in
            let found = try write.openFinding(finding)
            if let earlier = write.file?.judgements.first(where: { $0.finding == finding }) {
                throw write.refusal(
                    earlier.location,
                    "finding \(finding) (\(found.ruleID)) is already judged \(earlier.kind.phrase) here; edit this "
                        + "entry to change the judgement")
            }
            return found
        }
        let (added, left) = withSameFacts ? sameFacts(as: named, in: write) : ([], [])
        let judgements = (named + added.map(\.finding)).map { found in
            Judgement(
                finding: found.id, rule: found.ruleID, status: found.status, kind: kind, justification: because,
                reviewer: reviewer.reviewer, date: day, file: write.path, location: .start)
        }
        let file = try write.add(judgements.map(TrackingFileEdit.lines), to: "judgements") { file in
            file.judgements.suffix(judgements.count).map { ($0.finding, $0.kind, $0.justification) }
                .elementsEqual(judgements.map { ($0.finding, kind, because) }, by: ==)
        }
        let why = Dictionary(added.map { ($0.finding.id, $0.sameFactsAs) }, uniquingKeysWith: { first, _ in first })
        Terminal.standardOutput.write(
            judgements.map {
                let reason = why[$0.finding].map { ", decided by the same facts as \($0)" } ?? ""
                return Escape.terminal(
                    "judged \($0.finding) (\($0.rule), \($0.status.rawValue)) \(kind.phrase)\(reason)") + "\n"
            }.joined()
                // The ones the same facts decide that were judged before are named, not passed over:
                // a judgement that no longer applies leaves its finding open until its entry is edited.
                + left.map {
                    Escape.terminal(
                        "left \($0.earlier.finding) (\($0.earlier.rule)), decided by the same facts as \($0.sameFactsAs), "
                            + "as judged \($0.earlier.kind.phrase) at \(write.path):\($0.earlier.location.line)") + "\n"
                }.joined() + write.verdict(with: file))
    }

    /// The open findings, not named, that the same facts decide as one of `named` (whose id each
    /// is given with), in the order the findings are named, each group in the reports' order:
    /// those to judge, and those the file already judges, which are left as they are.
    func sameFacts(as named: [Finding], in write: TrackingWrite) -> (
        added: [(finding: Finding, sameFactsAs: String)], left: [(earlier: Judgement, sameFactsAs: String)]
    ) {
        let groups = SameFacts(write.review, listed: .max)
        let byID = Dictionary(write.review.findings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let judged = Dictionary(
            (write.file?.judgements ?? []).map { ($0.finding, $0) }, uniquingKeysWith: { first, _ in first })
        var taken = Set(named.map(\.id))
        var added: [(Finding, String)] = []
        var left: [(Judgement, String)] = []
        for finding in named {
            for link in groups.others(of: finding)?.links ?? [] where taken.insert(link.id).inserted {
                if let earlier = judged[link.id] {
                    left.append((earlier, finding.id))
                } else if let other = byID[link.id] {
                    added.append((other, finding.id))
                }
            }
        }
        return (added, left)
    }
}
